"""`cadreforge report ranking`: KPI scores and ranks of a program (batch), each with its components."""

from cadreforge.evaluation.selectors import TIE_RULE, get_ranking
from cadreforge.programs.models import Program
from cadreforge.programs.selectors import get_batch

HELP = "考核排名：按考核方案计算的得分、名次及得分构成"


def build(program: Program, batch_number: int | None) -> dict:
    if batch_number is not None:
        get_batch(program, batch_number)
    return get_ranking(program, batch_number)


def render_text(program: Program, data: dict) -> str:
    lines = [f"{program.name}（{program.code}）考核排名 — {data['scheme']}（{TIE_RULE}）"]
    for row in data["rows"]:
        parts = "，".join(f"{c['label']} {c['points']}" for c in row["components"].values() if c["points"])
        lines.append(f"{row['rank']:>3}. {row['cadre']}  {row['score']} 分  {parts}")
    return "\n".join(lines)
