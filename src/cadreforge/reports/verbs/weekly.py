"""`cadreforge report weekly`: weekly study reports (学习周报) due up to today and how they were filed."""

from django.utils import timezone

from cadreforge.programs.models import Program
from cadreforge.secondment.selectors import weekly_compliance

HELP = "学习周报：应交、已交、按时、迟交、缺报"


def build(program: Program, batch_number: int | None) -> dict:
    return weekly_compliance(program, batch_number, today=timezone.localdate())["counts"]


def render_text(program: Program, data: dict) -> str:
    lines = [
        f"{program.name}（{program.code}）学习周报，截至今日：",
        f"应交 {data['due']} 份，已交 {data['submitted']} 份（按时 {data['on_time']}，迟交 {data['late']}），"
        f"缺报 {data['missing']} 份",
    ]
    warning = weekly_compliance(program, None, today=timezone.localdate())["warning"]
    if warning:
        lines.append(f"注意：{warning}")
    return "\n".join(lines)
