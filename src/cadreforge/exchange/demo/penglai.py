"""Penglai (蓬莱, Yantai, Shandong), seed document 000: the "3360" secondments and the leaders' seminar.

Batch 1 of "3360" ran for one year from March 2017 ("since last year" in the report of April 2018): its
20 cadres visited 1873 enterprises, reported 376 valuable leads and referred 125 projects — 6 landed,
9 signed, 11 at intent, the rest inspected. Those figures are what the funnel counts from the rows below.
"""

import datetime as dt
from decimal import Decimal

from cadreforge.core.money import wan_to_yuan
from cadreforge.core.stages import Stage
from cadreforge.org.models import OrgUnit
from cadreforge.pipeline import services as pipeline
from cadreforge.programs import services as programs
from cadreforge.programs.models import Batch, HostUnit, Participant, Program
from cadreforge.secondment import services as secondment

from .common import (
    EnterpriseNamer,
    NameMaker,
    add_batch,
    cadre_profile,
    enrol_new_cadre,
    generated_cadres,
    random_date,
    seeded,
    split_total,
    stage_dates_before,
    start_program,
    unit_path,
)

REGION = ("山东省", "烟台市", "蓬莱市")
AREA = "370684"
ORGANISER = "中共蓬莱市委组织部"
BATCH1 = (dt.date(2017, 3, 6), dt.date(2018, 3, 5))
REPORTED_BY = dt.date(2018, 3, 31)  # every batch-1 record is dated before the summary meeting
VISITS, LEADS, PROJECTS = 1873, 376, 125
FINAL_STAGES = {Stage.LANDED: 6, Stage.SIGNED: 9, Stage.INTENT: 11}  # the other 99 stay at 考察

# Investment posts of departments and state-owned enterprises (the cadres' home units).
HOME_UNITS = [
    (("市投资促进局", OrgUnit.Kind.GOVERNMENT), ["招商一科科长", "招商二科副科长", "科员"]),
    (("市发展和改革局", OrgUnit.Kind.GOVERNMENT), ["项目科副科长", "科员"]),
    (("市商务局", OrgUnit.Kind.GOVERNMENT), ["外资科科长", "科员"]),
    (("市经济和信息化局", OrgUnit.Kind.GOVERNMENT), ["产业科副科长", "科员"]),
    (("蓬莱经济开发区管委会", OrgUnit.Kind.ZONE), ["招商局副局长", "招商专员"]),
    (("蓬莱市国有资产投资控股有限公司", OrgUnit.Kind.SOE), ["投资部经理", "招商部副经理"]),
    (("蓬莱市旅游发展集团有限公司", OrgUnit.Kind.SOE), ["招商部经理", "项目专员"]),
    (("登州街道", OrgUnit.Kind.TOWN), ["经济发展办主任", "招商办副主任"]),
    (("刘家沟镇", OrgUnit.Kind.TOWN), ["经济发展办副主任"]),
]
# Batch 1 hosts: the kinds the report names, in the cities they lie in; 邢晓东 went to Beijing.
BATCH1_HOSTS = [
    ("苏州工业园区千人计划专家创业园", "苏州", HostUnit.Kind.SCIENCE_PARK),
    ("无锡千人计划专家创业园", "无锡", HostUnit.Kind.SCIENCE_PARK),
    ("杭州高新技术产业开发区", "杭州", HostUnit.Kind.HIGH_TECH_ZONE),
    ("深圳市高新技术产业园区", "深圳", HostUnit.Kind.HIGH_TECH_ZONE),
    ("南京高新技术产业开发区", "南京", HostUnit.Kind.HIGH_TECH_ZONE),
    ("上海交通大学国家大学科技园", "上海", HostUnit.Kind.UNIVERSITY),
    ("东南大学国家大学科技园", "南京", HostUnit.Kind.UNIVERSITY),
    ("浙江大学国家大学科技园", "杭州", HostUnit.Kind.UNIVERSITY),
]
BEIJING_HOST = ("中关村科技园区海淀园", "北京", HostUnit.Kind.HIGH_TECH_ZONE)
BATCH2_HOSTS = [
    ("常州千人计划专家创业园", "常州", HostUnit.Kind.SCIENCE_PARK),
    ("苏州工业园区千人计划专家创业园", "苏州", HostUnit.Kind.SCIENCE_PARK),
    ("宁波高新技术产业开发区", "宁波", HostUnit.Kind.HIGH_TECH_ZONE),
    ("广州高新技术产业开发区", "广州", HostUnit.Kind.HIGH_TECH_ZONE),
    ("清华大学深圳国际研究生院科技园", "深圳", HostUnit.Kind.UNIVERSITY),
    ("复旦大学国家大学科技园", "上海", HostUnit.Kind.UNIVERSITY),
]
BATCH2_DUTIES = (
    "招商引资：对接园区企业和项目，收集并报送招商项目线索；"
    "招才引智：收集人才和项目信息线索，开展挂职招才、蹲点招才，邀请人才团队来蓬考察。"
)

DESCRIPTION_3360 = (
    "“3360”挂职锻炼工程：自2017年起，从各部门及国有企事业单位的招商岗位选拔优秀年轻干部，"
    "利用三年时间，分三批（每批20名）到国内经济发达地区学习实践招商经验。"
    "第一批挂职一年，已结束（一名干部选派到北京挂职）；第二批正在筛选确定挂职干部和挂职单位，"
    "赴南方“千人计划”专家创业园、高新技术产业园、高校院所科技园挂职，招商引资和招才引智职责更加明确。"
)
DESCRIPTION_SEMINAR = (
    "3月以来连续组织两期领导干部经济发展专题研修班，市委书记、市长亲自挂帅，分别带领共62名涉及经济发展的"
    "部门负责人赴上海、浙江考察学习，每期为期两周。\n"
    "考察：莫干山民宿、太湖龙之梦乐园、茂迪新能源、小核酸产业基地、乌镇夜间旅游经济、传化物流电商平台。\n"
    "集中培训：第一期在上海交通大学，第二期在浙江大学，专题为新常态下招商引资、新型城镇化与特色小镇建设、"
    "区域经济发展、旅游资源规划与发展。"
)


def load(log) -> None:
    _load_3360(log)
    _load_seminar(log)


def _home_units() -> list:
    return [(unit_path(*REGION, name, kind=kind), positions) for (name, kind), positions in HOME_UNITS]


def _load_3360(log) -> None:
    program = start_program(
        log,
        code="penglai-3360",
        name="“3360”挂职锻炼工程",
        kind=Program.Kind.SECONDMENT,
        organiser=ORGANISER,
        region="".join(REGION),
        description=DESCRIPTION_3360,
    )
    if program is None:
        return
    rng = seeded(program.code)
    names = NameMaker(rng, reserved={"邢晓东", "王开颜"})
    units = _home_units()
    batch1 = add_batch(
        program, 1, name="第一批", start_date=BATCH1[0], end_date=BATCH1[1], quota=20, status="completed"
    )
    # Batch 2 was "starting" when the report was written, its 20 cadres still being matched to hosts: the
    # report gives it no dates, and any would have passed by now, so it stays undated and in selection.
    batch2 = add_batch(program, 2, quota=20, status="selecting")
    add_batch(program, 3, quota=20, status=Batch.Status.PLANNED)

    xing = enrol_new_cadre(
        program,
        code="3360-1-001",
        batch=batch1,
        name="邢晓东",
        unit=units[0][0],
        position="招商一科科长",
        rank="正科级",
        tags=["招商引资", "科技园区"],
        has_studied_economy=True,
        has_worked_economy=True,
        is_reserve=True,
        **cadre_profile(rng, area=AREA, born_from=1982, born_to=1986, gender="M", identified=True),
    )
    first = [
        xing,
        *generated_cadres(
            program, rng, names, count=19, batch=batch1, code_prefix="3360-1-", units=units, area=AREA,
            start_number=2,
        ),
    ]  # fmt: skip
    second = generated_cadres(
        program, rng, names, count=20, batch=batch2, code_prefix="3360-2-", units=units, area=AREA
    )
    cities = _batch1_posts(program, first)
    _batch2_posts(program)
    _batch1_records(program, rng, first, cities)
    log(
        f"  第一批 {len(first)} 名、第二批 {len(second)} 名干部，走访 {VISITS} 次，线索 {LEADS} 条，项目 {PROJECTS} 个"
    )


def _batch1_posts(program: Program, cadres: list[Participant]) -> dict[int, str]:
    """One post a cadre, assigned for the year; returns each cadre's host city."""
    cities = {}
    for i, participant in enumerate(cadres, start=1):
        name, city, kind = BEIJING_HOST if i == 1 else BATCH1_HOSTS[(i - 2) % len(BATCH1_HOSTS)]
        host = programs.get_or_create_host_unit(name=name, city=city, kind=kind)
        post = programs.create_post(
            None,
            program,
            code=f"3360-1-G{i:02d}",
            host=host,
            title="招商挂职岗",
            duties="挂职学习园区招商经验，走访企业，收集报送招商信息，引荐项目到蓬考察。",
        )
        secondment.assign_post(None, participant, post, start_date=BATCH1[0], end_date=BATCH1[1])
        cities[participant.pk] = city
    return cities


def _batch2_posts(program: Program) -> None:
    """Twenty posts waiting for batch 2 (being matched: no assignment yet)."""
    for i in range(1, 21):
        name, city, kind = BATCH2_HOSTS[(i - 1) % len(BATCH2_HOSTS)]
        host = programs.get_or_create_host_unit(name=name, city=city, kind=kind)
        title = {HostUnit.Kind.SCIENCE_PARK: "挂职招才岗", HostUnit.Kind.UNIVERSITY: "蹲点招才岗"}.get(
            kind, "招商挂职岗"
        )
        programs.create_post(
            None, program, code=f"3360-2-G{i:02d}", host=host, title=title, duties=BATCH2_DUTIES
        )


def _batch1_records(program: Program, rng, cadres: list[Participant], cities: dict[int, str]) -> None:
    """1873 visits to 1873 distinct enterprises, 376 valuable leads from them, 125 projects from leads."""
    namer = EnterpriseNamer(rng)
    visits = []  # (participant, enterprise, date)
    for participant, count in zip(cadres, split_total(rng, VISITS, len(cadres)), strict=True):
        city = cities[participant.pk]
        for _ in range(count):
            enterprise = pipeline.get_or_create_enterprise(namer.next(city), location=city)
            day = random_date(rng, BATCH1[0] + dt.timedelta(days=7), BATCH1[1])
            pipeline.record_visit(None, participant, enterprise, date=day, location=city)
            visits.append((participant, enterprise, day))

    leads = []
    for n, (participant, enterprise, day) in enumerate(sorted(rng.sample(visits, LEADS), key=lambda v: v[2])):
        lead = pipeline.report_lead(
            None,
            participant,
            enterprise,
            code=f"3360-L{n + 1:04d}",
            date=min(day + dt.timedelta(days=rng.randint(0, 6)), BATCH1[1]),
            content=f"{enterprise.name}有意拓展北方市场，拟考察蓬莱投资环境。",
            expected_amount_yuan=wan_to_yuan(rng.randrange(500, 30001, 500)),
            valuable=True,
        )
        leads.append(lead)

    referred = sorted(
        rng.sample([lead for lead in leads if lead.date <= dt.date(2018, 2, 10)], PROJECTS),
        key=lambda x: x.date,
    )
    finals = _final_stages(rng, len(referred))
    for n, (lead, final) in enumerate(zip(referred, finals, strict=True), start=1):
        stages = [s for s in Stage if s <= final]
        first = lead.date + dt.timedelta(days=rng.randint(7, 30))
        deadline = min(first + dt.timedelta(days=300), REPORTED_BY)
        amount = lead.expected_amount_yuan * Decimal(rng.choice(["0.8", "1", "1.2", "1.5"]))
        pipeline.save_project(
            None,
            program,
            code=f"3360-X{n:03d}",
            name=f"{lead.enterprise.name.removesuffix('有限公司').removesuffix('股份')}蓬莱项目",
            investor=lead.enterprise,
            stage=final,
            stage_dates=stage_dates_before(rng, first, stages, deadline),
            cadres=[lead.participant],
            amount_yuan=amount.quantize(Decimal("0.01")),
            source_lead=lead,
        )


def _final_stages(rng, count: int) -> list[Stage]:
    """The current stage of each referred project, oldest first: the projects that went furthest are among
    the earliest referred (they had the time)."""
    finals = [Stage.INSPECTION] * count
    free = list(range(count))
    for stage, how_many in FINAL_STAGES.items():
        window = free[: max(how_many * 4, 30)]
        for i in rng.sample(window, how_many):
            finals[i] = stage
            free.remove(i)
    return finals


def _load_seminar(log) -> None:
    program = start_program(
        log,
        code="penglai-leaders-seminar",
        name="领导干部经济发展专题研修班",
        kind=Program.Kind.STUDY_TOUR,
        organiser=ORGANISER,
        region="".join(REGION),
        description=DESCRIPTION_SEMINAR,
    )
    if program is None:
        return
    rng = seeded(program.code)
    names = NameMaker(rng, reserved={"邢晓东", "王开颜"})
    heads = [
        (unit_path(*REGION, name, kind=kind), ["局长", "主任", "党委书记", "主要负责人"])
        for (name, kind), _ in HOME_UNITS
    ]
    sessions = [
        (1, "第一期（上海，市委书记带队）", dt.date(2018, 3, 12), dt.date(2018, 3, 25)),
        (2, "第二期（浙江，市长带队）", dt.date(2018, 3, 29), dt.date(2018, 4, 11)),
    ]
    for number, name, start, end in sessions:
        batch = add_batch(
            program, number, name=name, start_date=start, end_date=end, quota=31, status="completed"
        )
        count, first_number = 31, 1
        if number == 2:
            # 市投资促进局负责人王开颜 spoke at the second session.
            enrol_new_cadre(
                program,
                code="YX-2-001",
                batch=batch,
                name="王开颜",
                unit=heads[0][0],
                position="主要负责人",
                rank="正科级",
                tags=["招商引资"],
                has_worked_economy=True,
                has_managed_economy=True,
                gender="M",
            )
            count, first_number = 30, 2
        generated_cadres(
            program, rng, names, count=count, batch=batch, code_prefix=f"YX-{number}-", units=heads,
            area=AREA, born=(1965, 1980), ranks=("正科级", "副处级"), start_number=first_number,
        )  # fmt: skip
    log("  两期研修班共 62 名部门负责人")
