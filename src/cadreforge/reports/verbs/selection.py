"""`cadreforge report selection`: the applications of a program's calls and who was selected (spec/cli.md)."""

from cadreforge.programs.models import Program
from cadreforge.selection.selectors import get_selection_report

HELP = "干部选拔：报名、推荐、资格、公示、入选人数及各方向情况"


def build(program: Program, batch_number: int | None) -> dict:
    return get_selection_report(program, batch_number)


def render_text(program: Program, data: dict) -> str:
    lines = [
        f"{program.name}（{program.code}）干部选拔",
        f"报名 {data['applicants']} 人，其中组织推荐 {data['recommended']} 人；资格符合 {data['eligible']} 人",
        f"拟入选（公示）{data['shortlisted']} 人，最终入选 {data['selected']} 人",
    ]
    for track, row in data["by_track"].items():
        lines.append(f"  {track or '（未分方向）'}：报名 {row['applicants']} 人，入选 {row['selected']} 人")
    return "\n".join(lines)
