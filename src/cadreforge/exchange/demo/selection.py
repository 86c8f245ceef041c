"""Selection and matching demo (issue 4), on top of the programs the other loaders create:

- xiaoshan-growth-camp: 744 applications over 智能物联、生命健康、新材料; the 70 selected by the call's
  rules are exactly the camp's 70 participants, the other 674 applicants are cadres not enrolled.
- loudi-hangzhou-study: each batch selected by the 三个优先 (rules as rows) from its applicants; the
  selected are the batch's participants.
- huaibei-double-hundred batch 1: the 50 cadres matched to the 104 posts (optimal mode), each with its
  reasons. The foundation demo has already posted them, so the run stays a draft beside those postings;
  on a batch without postings it is published.

Idempotent (a call or run that exists is left alone) and deterministic (seeded by program code).
"""

import datetime as dt

from cadreforge.matching import services as matching
from cadreforge.org.models import OrgUnit
from cadreforge.people.services import create_cadre
from cadreforge.programs.models import Batch, Program
from cadreforge.selection import services
from cadreforge.selection.models import Application, Call

from .common import NameMaker, birth_month, rank_of, seeded, unit_path
from .xiaoshan import REGION as XS_REGION
from .xiaoshan import TRACKS
from .xiaoshan import UNITS as XS_UNITS

PANEL = ("评委甲", "评委乙", "评委丙")
LOUDI_PRIORITIES = [
    {"label": "在县市区分管经济工作的优先", "position_keywords": ["副县长", "副市长", "副区长"], "tier": 1},
    {"label": "在省级以上园区主抓产业工作的优先", "unit_kinds": [OrgUnit.Kind.ZONE], "tier": 1},
    {
        "label": "在市直综合经济部门联系项目工作的优先",
        "unit_keywords": ["发展和改革", "工业和信息化", "商务"],
        "tier": 1,
    },
]
LOUDI_OTHER_UNITS = [
    (("市教育局",), OrgUnit.Kind.GOVERNMENT, "副局长"),
    (("市文化旅游广电体育局",), OrgUnit.Kind.GOVERNMENT, "副局长"),
    (("市卫生健康委员会",), OrgUnit.Kind.GOVERNMENT, "副主任"),
    (("市自然资源和规划局",), OrgUnit.Kind.GOVERNMENT, "副局长"),
    (("市司法局",), OrgUnit.Kind.GOVERNMENT, "副局长"),
]


def load(log) -> None:
    _xiaoshan(log)
    _loudi(log)
    _huaibei(log)


def _batch(code: str, number: int) -> Batch | None:
    program = Program.objects.filter(code=code).first()
    return program.batches.filter(number=number).first() if program else None


def _score(app: Application, rng, low: int, high: int) -> None:
    for kind in ("assessment", "interview"):
        for panelist in PANEL:
            services.record_panel_score(
                None, app, kind=kind, score=rng.randint(low, high), panelist_name=panelist
            )


def _finish(call: Call, publicity_start: dt.date) -> list[Application]:
    """Shortlist, publicise and decide; the selected must be the batch's participants."""
    services.shortlist(None, call, publicity_start=publicity_start)
    chosen = services.decide(None, call, today=publicity_start + dt.timedelta(days=call.publicity_days))
    expected = set(call.batch.participants.values_list("cadre_id", flat=True))
    if {a.cadre_id for a in chosen} != expected:
        raise RuntimeError(f"演示数据不一致：{call.batch.program.code}{call.batch}的选拔结果与参与干部不符")
    return chosen


def _xiaoshan(log) -> None:
    batch = _batch("xiaoshan-growth-camp", 1)
    if batch is None or Call.objects.filter(batch=batch).exists():
        return
    rng = seeded("xiaoshan-growth-camp:selection")
    participants = list(batch.participants.select_related("cadre__unit").order_by("code"))
    quotas = {t: sum(1 for p in participants if p.track == t) for t in TRACKS}
    call = services.create_call(
        None, batch, title="“潮学堂”经济型专业干部成长营学员选拔公告", quota=len(participants),
        deadline=dt.date(2024, 9, 20), tracks=list(TRACKS), track_quotas=quotas,
        allowed_ranks=["科员", "副科级", "正科级"], max_age=40, age_reference_date=dt.date(2024, 9, 20),
        weights={"studied": 1, "worked": 2, "managed": 2, "assessment": 0.5, "interview": 0.5},
        tie_breaks=["interview", "younger"], publicity_days=5, code_prefix="CZY-",
    )  # fmt: skip
    for p in participants:
        app = services.submit_application(
            None, call, p.cadre, track=p.track, years_in_post=rng.choice([1, 2, 3, 4]),
            **_recommended_by(p.cadre.unit.name, rng, 0.3),
        )  # fmt: skip
        _score(app, rng, 85, 98)
    units = [(unit_path(*XS_REGION, name, kind=kind), positions) for (name, kind), positions in XS_UNITS]
    names = NameMaker(rng, reserved={p.cadre.name for p in participants})
    for _ in range(744 - len(participants)):
        name, gender = names.next()
        unit, positions = rng.choice(units)
        position = rng.choice(positions)
        cadre = create_cadre(
            None, name=name, unit=unit, gender=gender, birth_month=birth_month(rng, 1980, 1998),
            position=position, rank=rank_of(position), tags=[rng.choice(TRACKS)],
            has_studied_economy=rng.random() < 0.5, has_worked_economy=rng.random() < 0.7,
            has_managed_economy=rng.random() < 0.3,
        )  # fmt: skip
        app = services.submit_application(
            None, call, cadre, track=rng.choice(TRACKS), years_in_post=rng.choice([0.5, 1, 2, 3, 5]),
            **_recommended_by(unit.name, rng, 0.2),
        )  # fmt: skip
        _score(app, rng, 50, 78)
    chosen = _finish(call, dt.date(2024, 9, 30))
    log(f"  成长营选拔：报名 {call.applications.count()} 人，入选 {len(chosen)} 人")


def _recommended_by(unit_name: str, rng, share: float) -> dict:
    if rng.random() >= share:
        return {}
    return {
        "channel": "recommended",
        "recommender": f"{unit_name}党组（党委）",
        "reason": "政治素质好，熟悉经济工作",
    }


def _loudi(log) -> None:
    program = Program.objects.filter(code="loudi-hangzhou-study").first()
    if program is None:
        return
    rng = seeded("loudi-hangzhou-study:selection")
    names = NameMaker(rng, reserved=set(program.participants.values_list("cadre__name", flat=True)))
    for batch in program.batches.order_by("number"):
        if Call.objects.filter(batch=batch).exists():
            continue
        members = list(batch.participants.select_related("cadre__unit").order_by("code"))
        deadline = batch.start_date - dt.timedelta(days=20)
        call = services.create_call(
            None, batch, title=f"外派竞学第{batch.number}批选拔", quota=len(members), deadline=deadline,
            allowed_ranks=["县处级"], tie_breaks=["experience", "interview"], publicity_days=5,
            code_prefix=f"LD-{batch.number}-",
        )  # fmt: skip
        services.set_priority_rules(None, call, LOUDI_PRIORITIES)
        for member in members:
            app = services.submit_application(
                None, call, member.cadre, channel="recommended", years_in_post=rng.choice([2, 3, 4]),
                recommender="中共娄底市委组织部", reason="个人报名、组织推荐，“学过、干过、管过”经济工作",
            )  # fmt: skip
            _score(app, rng, 86, 96)
        for _ in range(len(members) * 2):
            path, kind, position = rng.choice(LOUDI_OTHER_UNITS)
            name, gender = names.next()
            cadre = create_cadre(
                None, name=name, unit=unit_path("湖南省", "娄底市", *path, kind=kind), gender=gender,
                birth_month=birth_month(rng, 1978, 1987), position=position, rank="县处级",
                has_studied_economy=rng.random() < 0.5, has_worked_economy=rng.random() < 0.4,
            )  # fmt: skip
            app = services.submit_application(None, call, cadre, years_in_post=rng.choice([1, 2, 3]))
            _score(app, rng, 50, 65)
        chosen = _finish(call, deadline + dt.timedelta(days=5))
        log(
            f"  外派竞学第{batch.number}批按“三个优先”选拔：报名 {call.applications.count()} 人，入选 {len(chosen)} 人"
        )


def _huaibei(log) -> None:
    batch = _batch("huaibei-double-hundred", 1)
    if batch is None or batch.match_runs.exists():
        return
    # 王程俊 studied the polymer-materials chain at 宜兴经开区 before going (seed 002): his first wish.
    wang = batch.participants.filter(cadre__name="王程俊").first()
    yixing = batch.program.posts.filter(host__name="宜兴经济技术开发区").first()
    if wang and yixing:
        matching.set_preferences(None, wang, "cadre", [yixing])
    run, result = matching.run_match(None, batch, mode="optimal", max_per_unit_at_host=2)
    posted = batch.participants.filter(assignments__isnull=False).exists()
    if not posted:
        matching.publish(None, run)
    state = "草案（批次已有派驻记录）" if posted else "已发布"
    log(f"  双百双招先锋团人岗匹配：{result['assigned']} 人匹配到岗位，总分 {result['total_score']}，{state}")
