"""Writing the outcomes: 人才 (talent attracted) and 成果 (written outputs), each linked to its cadres."""

from cadreforge.core.text import clean
from cadreforge.pipeline.models import Talent
from cadreforge.secondment.models import WrittenOutput

from .context import WriteContext
from .upsert import Wanted


def write_talents(ctx: WriteContext, program, participants) -> None:
    wanted = {}
    for r in ctx.rows("人才"):
        links = {}
        if ctx.ledger.has("人才", "引荐干部编号"):
            links["cadres"] = {participants[c] for c in r.values.get("引荐干部编号") or ()}
        wanted[(clean(r.values["姓名"]), r.values["层次"], r.values.get("引进日期"))] = Wanted({}, links)
    existing = {(t.name, t.level, t.date): t for t in Talent.objects.filter(program=program)}
    ctx.run(
        "人才",
        Talent,
        existing,
        wanted,
        lambda k, f: Talent(program=program, name=k[0], level=k[1], date=k[2]),
        ["cadres"],
    )


def write_outputs(ctx: WriteContext, program, participants) -> None:
    mapping = {"字数": "characters", "日期": "date", "被采纳": "adopted"}
    wanted = {}
    for r in ctx.rows("成果"):
        links = {}
        if ctx.ledger.has("成果", "作者干部编号"):
            links["authors"] = {participants[c] for c in r.values.get("作者干部编号") or ()}
        f = ctx.fields("成果", r, mapping, {"characters": 0, "adopted": False})
        wanted[(r.values["类型"], clean(r.values["标题"]))] = Wanted(f, links)
    existing = {(o.kind, o.title): o for o in WrittenOutput.objects.filter(program=program)}
    ctx.run(
        "成果",
        WrittenOutput,
        existing,
        wanted,
        lambda k, f: WrittenOutput(program=program, kind=k[0], title=k[1], **f),
        ["authors"],
    )
