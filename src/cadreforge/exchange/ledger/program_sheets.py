"""Writing the program's own sheets: 计划 (through programs.services), 批次, 干部 (cadres and their
participation), 岗位 (posts and host units) and 派驻 (assignments)."""

from cadreforge.core.text import clean, text_key
from cadreforge.org.services import get_or_create_unit
from cadreforge.people.models import Cadre
from cadreforge.programs import services as programs
from cadreforge.programs.models import Batch, HostUnit, Participant, Post, Program
from cadreforge.secondment.models import Assignment

from .context import WriteContext
from .helpers import _id_fields, _mobile_fields
from .upsert import Counts, Wanted, upsert

PROGRAM_FIELDS = {
    "计划名称": "name",
    "类型": "kind",
    "主办单位": "organiser",
    "所属地区": "region",
    "说明": "description",
}


def write_program(ctx: WriteContext) -> Program:
    row = ctx.rows("计划")[0]
    code = row.values["计划代码"]
    wanted = {
        attr: (row.values.get(h) or "") for h, attr in PROGRAM_FIELDS.items() if ctx.ledger.has("计划", h)
    }
    program = Program.objects.filter(code=code).first()
    counts = ctx.counts.setdefault("计划", Counts())
    if program is None:
        program = programs.create_program(ctx.actor, code=code, **wanted)
        counts.created += 1
        return program
    changed = {k: v for k, v in wanted.items() if getattr(program, k) != v}
    if changed:
        programs.update_program(ctx.actor, program, **changed)
        counts.updated += 1
    else:
        counts.unchanged += 1
    return program


def write_batches(ctx: WriteContext, program: Program) -> dict[int, int]:
    mapping = {
        "名称": "name",
        "开始日期": "start_date",
        "结束日期": "end_date",
        "计划人数": "quota",
        "状态": "status",
    }
    wanted = {
        r.values["批次"]: Wanted(ctx.fields("批次", r, mapping, {"status": Batch.Status.PLANNED}))
        for r in ctx.rows("批次")
    }
    existing = {b.number: b for b in program.batches.all()}
    ctx.run("批次", Batch, existing, wanted, lambda k, f: Batch(program=program, number=k, **f))
    return dict(program.batches.values_list("number", "pk"))


def write_cadres(ctx: WriteContext, program: Program, batches: dict[int, int]) -> dict[str, int]:
    existing = {p.code: p for p in program.participants.select_related("cadre")}
    if "干部" not in ctx.ledger.rows:
        return {code: p.pk for code, p in existing.items()}
    mapping = {
        "姓名": "name",
        "性别": "gender",
        "出生年月": "birth_month",
        "职务": "position",
        "职级": "rank",
    }
    units: dict[str, int] = {}
    cadre_wanted: dict[str, Wanted] = {}
    part_wanted: dict[str, Wanted] = {}
    secrets: dict[str, dict] = {}
    for r in ctx.rows("干部"):
        code = r.values["干部编号"]
        f = ctx.fields("干部", r, mapping)
        if ctx.ledger.has("干部", "专业领域"):
            f["tags"] = r.values.get("专业领域") or []
        f["name"] = clean(f["name"])
        f["name_key"] = text_key(f["name"])
        unit = r.values["工作单位"]
        if unit not in units:
            units[unit] = get_or_create_unit(unit).pk
        f["unit_id"] = units[unit]
        cadre_wanted[code] = Wanted(f)
        secrets[code] = {}
        for header, setter in (("身份证号", _id_fields), ("手机号", _mobile_fields)):
            value = r.values.get(header)
            if value and "*" not in value:
                secrets[code].update(setter(value))
        part_wanted[code] = Wanted(
            {"batch_id": batches.get(r.values.get("批次"))} if ctx.ledger.has("干部", "批次") else {}
        )
    # The participant's own cadre, else the cadre with the same ID number, else a new cadre.
    hashes = [s["id_number_hash"] for s in secrets.values() if "id_number_hash" in s]
    by_hash = {c.id_number_hash: c for c in Cadre.objects.filter(id_number_hash__in=hashes)}
    cadres_existing = {}
    for code, want in cadre_wanted.items():
        current = (
            existing[code].cadre if code in existing else by_hash.get(secrets[code].get("id_number_hash"))
        )
        extra = secrets[code]
        # Encryption is randomised: only a different number (by its keyed hash) is a change.
        if current is not None and extra.get("id_number_hash") == current.id_number_hash:
            extra = {k: v for k, v in extra.items() if not k.startswith("id_number")}
        if current is not None and extra.get("mobile_hash") == current.mobile_hash:
            extra = {k: v for k, v in extra.items() if not k.startswith("mobile")}
        want.fields.update(extra)
        if current is not None:
            cadres_existing[code] = current
    cadres, cadre_counts = upsert(Cadre, cadres_existing, cadre_wanted, lambda k, f: Cadre(**f))
    _, part_counts = upsert(
        Participant,
        existing,
        part_wanted,
        lambda k, f: Participant(program=program, cadre_id=cadres[k].pk, code=k, **f),
    )
    updated = {k for k in existing if k in cadre_wanted and k in (cadre_counts.changed | part_counts.changed)}
    ctx.counts["干部"] = Counts(
        part_counts.created, len(updated), len(existing.keys() & cadre_wanted.keys()) - len(updated)
    )
    ctx.progress("干部")
    return dict(program.participants.values_list("code", "pk"))


def write_posts(ctx: WriteContext, program: Program) -> dict[str, int]:
    hosts: dict[tuple, int] = {}
    wanted = {}
    for r in ctx.rows("岗位"):
        host_key = (clean(r.values["城市"]), text_key(r.values["派驻单位"]))
        if host_key not in hosts:
            kind = r.values.get("单位类型") or HostUnit.Kind.OTHER
            hosts[host_key] = programs.get_or_create_host_unit(
                name=r.values["派驻单位"], city=r.values["城市"], kind=kind
            ).pk
        f = {"host_id": hosts[host_key]}
        f.update(ctx.fields("岗位", r, {"名额": "capacity", "岗位职责": "duties"}, {"capacity": 1}))
        links = {"chains": ctx.chain_ids(r.values.get("产业链"))} if ctx.ledger.has("岗位", "产业链") else {}
        wanted[r.values["岗位编号"]] = Wanted(f, links)
    existing = {p.code: p for p in program.posts.all()}
    ctx.run("岗位", Post, existing, wanted, lambda k, f: Post(program=program, code=k, **f), ["chains"])
    return dict(program.posts.values_list("code", "pk"))


def write_assignments(ctx: WriteContext, participants: dict[str, int], posts: dict[str, int]) -> None:
    wanted = {
        (participants[r.values["干部编号"]], posts[r.values["岗位编号"]]): Wanted(
            ctx.fields("派驻", r, {"开始日期": "start_date", "结束日期": "end_date"})
        )
        for r in ctx.rows("派驻")
    }
    existing = {
        (a.participant_id, a.post_id): a
        for a in Assignment.objects.filter(participant_id__in=participants.values())
    }
    ctx.run(
        "派驻",
        Assignment,
        existing,
        wanted,
        lambda k, f: Assignment(participant_id=k[0], post_id=k[1], **f),
    )
