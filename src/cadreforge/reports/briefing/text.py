"""The briefing in words, in the style of the source documents:
"首批20名挂职干部累计走访企业1873家，搜集报送有价值招商信息376条，引荐125个项目到蓬考察。其中，6个项目落地投产，
9个项目正式签约，11个项目签订框架协议或合作意向书。" — no clause is written about a figure that is zero."""

import datetime as dt
from dataclasses import dataclass, field

from cadreforge.programs.models import Program
from cadreforge.reports.selectors import batches_at_work, get_funnel

from .numbers import amount, batch_word, place_short

SECONDED_KINDS = {Program.Kind.SECONDMENT, Program.Kind.STATIONED_INVESTMENT}


@dataclass
class BriefingScope:
    program: Program
    batch_number: int | None = None
    funnel: dict = field(default_factory=dict)
    today: dt.date = field(default_factory=dt.date.today)
    # batch number → (cadres, whether they have records): `batches_at_work`; empty for a batch's briefing.
    batches: dict = field(default_factory=dict)

    @property
    def title(self) -> str:
        scope = f"{batch_word(self.batch_number)}干部" if self.batch_number else ""
        return f"{self.program.name}{scope}工作简报"


def _who(scope: BriefingScope) -> str:
    """Who did the work. For the whole program, when only one of its batches has any records, that batch:
    the program's 40 cadres did not make the visits that its first 20 made."""
    role = "挂职干部" if scope.program.kind in SECONDED_KINDS else "干部"
    if scope.batch_number:
        cadres = scope.funnel["cadres"]
        return (
            f"{batch_word(scope.batch_number)}{cadres}名{role}"
            if cadres
            else f"{batch_word(scope.batch_number)}{role}"
        )
    working = [(number, cadres) for number, (cadres, at_work) in scope.batches.items() if at_work]
    if len(scope.batches) > 1 and len(working) == 1 and working[0][0] is not None:
        number, cadres = working[0]
        return f"{batch_word(number)}{cadres}名{role}"
    cadres = scope.funnel["cadres"]
    return f"{scope.program.name}共{cadres}名{role}" if cadres else f"{scope.program.name}{role}"


def headline(scope: BriefingScope) -> str:
    """The first paragraph: visits, leads, projects and the stages they are at now."""
    f = scope.funnel
    clauses = []
    if f["enterprises_visited"]:
        clauses.append(f"累计走访企业{f['enterprises_visited']}家")
    if f["valuable_leads"]:
        clauses.append(f"搜集报送有价值招商信息{f['valuable_leads']}条")
    if f["projects"]:
        place = place_short(scope.program.region)
        clauses.append(f"引荐{f['projects']}个项目到{place}考察" if place else f"引荐项目{f['projects']}个")
    if not clauses:
        return ""
    text = _who(scope) + "，".join(clauses) + "。"
    now = f["stage_now"]
    parts = [
        (now["landed"], "个项目落地投产"),
        (now["started"], "个项目开工建设"),
        (now["signed"], "个项目正式签约"),
        (now["intent"], "个项目签订框架协议或合作意向书"),
    ]
    detail = [f"{n}{words}" for n, words in parts if n]
    if detail and f["projects"]:
        text += "其中，" + "，".join(detail) + "。"
    return text


def amounts(scope: BriefingScope) -> str:
    f = scope.funnel
    clauses = []
    reached = f["reached"]
    if reached["signed"] and f["amount_yuan"]["signed"] != "0.00":
        clauses.append(f"签约项目{reached['signed']}个，协议投资额合计{amount(f['amount_yuan']['signed'])}")
    if reached["landed"] and f["amount_yuan"]["landed"] != "0.00":
        clauses.append(f"落地投产项目投资额{amount(f['amount_yuan']['landed'])}")
    return ("；".join(clauses) + "。") if clauses else ""


def talents_and_outputs(scope: BriefingScope) -> str:
    f = scope.funnel
    clauses = []
    if f["talents"]:
        clauses.append(f"引进各类人才{f['talents']}名")
    out = f["outputs"]
    if out["count"]:
        words = f"，共{round(out['characters'] / 10000, 1):g}万字" if out["characters"] >= 10000 else ""
        clauses.append(f"形成调研报告等成果{out['count']}篇{words}")
        if out["adopted"]:
            clauses.append(f"其中{out['adopted']}篇被采纳")
    return ("，".join(clauses) + "。") if clauses else ""


def period_paragraph(label: str, figures: dict) -> str:
    """What is new in the period, first in a scheduled briefing: "近一周（11月16日至11月22日），新增走访企业
    12家……" — no clause about a zero; a period with nothing new says so in one sentence."""
    clauses = []
    if figures["enterprises_visited"]:
        clauses.append(f"新增走访企业{figures['enterprises_visited']}家")
    if figures["valuable_leads"]:
        clauses.append(f"报送有价值招商信息{figures['valuable_leads']}条")
    reached = figures["reached"]
    for key, words in (
        ("inspection", "个项目到访考察"),
        ("intent", "个项目签订框架协议或合作意向书"),
        ("signed", "个项目正式签约"),
        ("started", "个项目开工建设"),
        ("landed", "个项目落地投产"),
    ):
        if reached[key]:
            clauses.append(f"{reached[key]}{words}")
    if figures["talents"]:
        clauses.append(f"引进人才{figures['talents']}名")
    start, end = figures["start"], figures["end"]
    when = f"{label}（{start.month}月{start.day}日至{end.month}月{end.day}日）"
    if not clauses:
        return f"{when}暂无新增走访、线索、项目进展和引进人才记录。"
    return f"{when}，" + "，".join(clauses) + "。"


def build_briefing(program: Program, batch_number: int | None = None, today: dt.date | None = None) -> dict:
    """Title, paragraphs and the funnel they were written from."""
    scope = BriefingScope(
        program,
        batch_number,
        get_funnel(program, batch_number),
        today or dt.date.today(),
        batches={} if batch_number else batches_at_work(program),
    )
    paragraphs = [p for p in (headline(scope), amounts(scope), talents_and_outputs(scope)) if p]
    if not paragraphs:
        paragraphs = ["截至目前尚无走访、线索或项目记录可供汇总。"]
    return {"title": scope.title, "date": scope.today, "paragraphs": paragraphs, "funnel": scope.funnel}


def briefing_text(briefing: dict) -> str:
    date = briefing["date"]
    lines = [briefing["title"], f"（截至{date.year}年{date.month}月{date.day}日）", ""]
    lines += ["    " + p for p in briefing["paragraphs"]]
    return "\n".join(lines) + "\n"
