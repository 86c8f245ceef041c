"""`cadreforge report funnel`: the funnel of spec/ledger-workbook.md, last section."""

from cadreforge.programs.models import Program
from cadreforge.reports.selectors import get_funnel

HELP = "招商漏斗：走访、线索、项目各阶段与金额"
STAGE_LABELS = {"inspection": "考察", "intent": "意向", "signed": "签约", "started": "开工", "landed": "投产"}


def build(program: Program, batch_number: int | None) -> dict:
    return get_funnel(program, batch_number)


def render_text(program: Program, f: dict) -> str:
    scope = f"第{f['batch']}批" if f["batch"] else "全部批次"
    return "\n".join(
        [
            f"{program.name}（{program.code}）{scope}",
            f"干部 {f['cadres']} 名；走访记录 {f['visits']} 次，走访企业 {f['enterprises_visited']} 家",
            f"线索 {f['leads']} 条，其中有价值 {f['valuable_leads']} 条；引荐项目 {f['projects']} 个",
            "当前阶段：" + "，".join(f"{STAGE_LABELS[k]} {v}" for k, v in f["stage_now"].items()),
            "累计到达：" + "，".join(f"{STAGE_LABELS[k]} {v}" for k, v in f["reached"].items()),
            f"签约金额 {f['amount_yuan']['signed']} 元，投产金额 {f['amount_yuan']['landed']} 元",
            f"引进人才 {f['talents']} 名；成果 {f['outputs']['count']} 项，"
            f"{f['outputs']['characters']} 字，被采纳 {f['outputs']['adopted']} 项",
        ]
    )
