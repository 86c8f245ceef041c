"""Loudi (娄底, Hunan), seed document 003: 外派竞学 — county-level young cadres studying 45 days a batch
at the Hangzhou Party School in 2023.

Batch 1 studied in spring and came home before late May 2023, when 浙江铭扬文旅建设集团 surveyed 娄底经开区
and reached a preliminary intent: that project is attributed to batch 1. Batch 2 (autumn; journal
《之江秋悟》) visited 19 Hangzhou enterprises, collected 112 leads ("110余条") and brought 大庄竹业集团's
3亿元 bamboo project to 双峰县, signed at the 14th 湘博会. The written outputs are batch 2's: shared by
their co-authors, they come to 9万余字 per person (each author over 90,000).
"""

import datetime as dt

from cadreforge.core.money import wan_to_yuan
from cadreforge.core.stages import Stage
from cadreforge.org.models import OrgUnit
from cadreforge.pipeline import services as pipeline
from cadreforge.programs import services as programs
from cadreforge.programs.models import HostUnit, Participant, Program
from cadreforge.secondment import services as secondment
from cadreforge.secondment.models import WrittenOutput

from .common import (
    EnterpriseNamer,
    NameMaker,
    add_batch,
    enrol_new_cadre,
    generated_cadres,
    random_date,
    seeded,
    start_program,
    unit_path,
)

REGION = ("湖南省", "娄底市")
AREA = "431302"
BATCH1 = (dt.date(2023, 3, 13), dt.date(2023, 4, 26))  # 45 days, both ends included
BATCH2 = (dt.date(2023, 9, 4), dt.date(2023, 10, 18))
XIANGBO_SIGNING = dt.date(2023, 10, 13)  # 第十四届湘博会 signing, during batch 2's stay
LEADS_BATCH2 = 112
ZHEJIANG = ("杭州", "宁波", "绍兴", "湖州", "嘉兴", "金华", "台州")
UNITS = [
    (("市发展和改革委员会",), OrgUnit.Kind.GOVERNMENT, ["副主任"]),
    (("市工业和信息化局",), OrgUnit.Kind.GOVERNMENT, ["副局长"]),
    (("市商务局",), OrgUnit.Kind.GOVERNMENT, ["副局长"]),
    (("娄底经济技术开发区",), OrgUnit.Kind.ZONE, ["管委会副主任"]),
    (("涟源市", "涟源市人民政府"), OrgUnit.Kind.GOVERNMENT, ["副市长"]),
    (("新化县", "新化县人民政府"), OrgUnit.Kind.GOVERNMENT, ["副县长"]),
    (("娄星区", "娄星区人民政府"), OrgUnit.Kind.GOVERNMENT, ["副区长"]),
]
# (kind, title, author indexes in batch 2, characters, date); shared characters are split among authors.
OUTPUTS = [
    *[
        ("journal", f"《之江秋悟》第{n}期", (0, 1, 2, 3, 4), 40_000, BATCH2[0] + dt.timedelta(days=7 * n))
        for n in range(1, 7)
    ],
    ("summary", "娄底市第二批外派竞学综合总结报告", (0, 1, 2, 3, 4), 25_000, dt.date(2023, 10, 18)),
    ("research", "杭州产业链招商的经验与启示", (0, 1), 36_000, dt.date(2023, 10, 9)),
    ("research", "杭州投资项目全生命周期管理调研", (2, 3), 36_000, dt.date(2023, 10, 10)),
    ("research", "杭州职业教育与产业协同发展调研", (4, 0, 3), 45_000, dt.date(2023, 10, 11)),
    ("research", "新材料产业园区运营模式调研", (1, 2, 4), 45_000, dt.date(2023, 10, 12)),
    *[
        ("study_summary", "述学总结", (i,), 9_000 if i == 4 else 6_000, dt.date(2023, 10, 16))
        for i in range(5)
    ],
]


def load(log) -> None:
    program = start_program(
        log,
        code="loudi-hangzhou-study",
        name="外派竞学",
        kind=Program.Kind.STUDY,
        organiser="中共娄底市委组织部",
        region="湖南省娄底市",
        description=(
            "2023年，娄底市委分批选派县处级优秀年轻干部到杭州市委党校主体班沉浸式竞学，每批45天。"
            "按“三个优先”选人：在县市区分管经济工作的优先、在省级以上园区主抓产业工作的优先、"
            "在市直综合经济部门联系项目工作的优先；个人报名、组织推荐、择优比选，综合考虑“学过、干过、管过”。"
            "管理：行前动员会、学前谈心谈话、管理专班、学习周报、主题党日、全过程跟踪、不定期督导。"
            "围绕产业“三引”：引进项目资金、引入人才团队、引出发展思路。"
        ),
    )
    if program is None:
        return
    rng = seeded(program.code)
    host = programs.get_or_create_host_unit(
        name="中共杭州市委党校", city="杭州", kind=HostUnit.Kind.PARTY_SCHOOL
    )
    units = [(unit_path(*REGION, *path, kind=kind), positions) for path, kind, positions in UNITS]
    names = NameMaker(rng, reserved={"向波", "曾丹", "彭欣"})
    first = _batch(program, 1, BATCH1, host)
    batch1 = generated_cadres(
        program, rng, names, count=6, batch=first, code_prefix="LD-1-", units=units, area=AREA,
        born=(1980, 1987), ranks=("县处级",), tags=("招商引资", "园区管理", "项目管理"),
    )  # fmt: skip
    second = _batch(program, 2, BATCH2, host)
    batch2 = _batch2_cadres(program, second, rng, names, units)
    for number, members, batch in ((1, batch1, first), (2, batch2, second)):
        post = programs.create_post(
            None,
            program,
            code=f"LD-G{number}",
            host=host,
            capacity=len(members),
            title=f"主体班跟班学习（第{number}批）",
            duties="随杭州市委党校主体班学习，开展调研、走访企业、梳理招商线索。",
        )
        for member in members:
            secondment.assign_post(None, member, post, start_date=batch.start_date, end_date=batch.end_date)
        team = programs.create_team(None, batch, name=f"第{number}批竞学小组", leader=members[0])
        programs.set_team_members(None, team, members)
    _batch2_pipeline(program, rng, batch2)
    _mingyang(program, batch1)
    _outputs(program, batch2)
    log("  第二批走访杭州企业 19 家、线索 112 条、大庄竹业 3 亿元签约；成果 17 项")


def _batch(program: Program, number: int, dates, host) -> object:
    return add_batch(
        program,
        number,
        name=f"第{number}批（{host.name}）",
        start_date=dates[0],
        end_date=dates[1],
        status="completed",
    )


def _batch2_cadres(program, batch, rng, names, units) -> list[Participant]:
    named = [
        ("向波", ("冷水江市", "冷水江工业学校"), OrgUnit.Kind.INSTITUTION, "党委书记", ""),
        ("曾丹", ("双峰县", "双峰县人民政府"), OrgUnit.Kind.GOVERNMENT, "副县长", ""),
        ("彭欣", ("市发展和改革委员会",), OrgUnit.Kind.GOVERNMENT, "党组成员、副主任", "F"),
    ]
    members = [
        enrol_new_cadre(
            program,
            code=f"LD-2-{i:03d}",
            batch=batch,
            name=name,
            unit=unit_path(*REGION, *path, kind=kind),
            position=position,
            rank="县处级",
            gender=gender,
            tags=["招商引资"],
            has_worked_economy=True,
            has_managed_economy=name != "向波",
        )
        for i, (name, path, kind, position, gender) in enumerate(named, start=1)
    ]
    return members + generated_cadres(
        program, rng, names, count=2, batch=batch, code_prefix="LD-2-", units=units, area=AREA,
        born=(1980, 1987), ranks=("县处级",), start_number=4,
    )  # fmt: skip


def _weekend(rng) -> dt.date:
    while True:
        day = random_date(rng, BATCH2[0], BATCH2[1])
        if day.weekday() >= 5:
            return day


def _batch2_pipeline(program: Program, rng, members: list[Participant]) -> None:
    """19 visits to 19 Hangzhou enterprises on weekends, 112 leads, the signed bamboo project."""
    namer = EnterpriseNamer(rng)
    dazhuang = pipeline.get_or_create_enterprise("大庄竹业集团有限公司", location="杭州")
    visited = [dazhuang] + [
        pipeline.get_or_create_enterprise(namer.next("杭州"), location="杭州") for _ in range(18)
    ]
    visit_days = {}
    for i, enterprise in enumerate(visited):
        day = dt.date(2023, 9, 9) if enterprise is dazhuang else _weekend(rng)
        pipeline.record_visit(None, members[i % len(members)], enterprise, date=day, location="杭州")
        visit_days[enterprise.pk] = (members[i % len(members)], day)
    others = [
        pipeline.get_or_create_enterprise(namer.next(city), location=city)
        for city in (rng.choice(ZHEJIANG) for _ in range(LEADS_BATCH2 - len(visited)))
    ]
    dazhuang_lead = None
    for n, enterprise in enumerate(visited + others, start=1):
        if enterprise.pk in visit_days:
            member, day = visit_days[enterprise.pk]
            day += dt.timedelta(days=2)
        else:
            member, day = rng.choice(members), random_date(rng, BATCH2[0], BATCH2[1])
        lead = pipeline.report_lead(
            None,
            member,
            enterprise,
            code=f"LD-L{n:03d}",
            date=day,
            content=f"{enterprise.name}有意在湖南布局产能，可对接娄底“材料谷”。",
        )
        dazhuang_lead = dazhuang_lead or lead
    pipeline.save_project(
        None,
        program,
        code="LD-X001",
        name="年产3万立方户外重竹项目",
        investor=dazhuang,
        stage=Stage.SIGNED,
        stage_dates={
            Stage.INSPECTION: dt.date(2023, 9, 23),
            Stage.INTENT: dt.date(2023, 10, 7),
            Stage.SIGNED: XIANGBO_SIGNING,
        },
        cadres=[members[1], members[0]],
        amount_yuan=wan_to_yuan("30000"),
        source_lead=dazhuang_lead,
    )


def _mingyang(program: Program, members: list[Participant]) -> None:
    """After batch 1 came home: 浙江铭扬文旅建设集团 surveyed 娄底经开区 in late May 2023 (intent)."""
    mingyang = pipeline.get_or_create_enterprise("浙江铭扬文旅建设集团有限公司", location="杭州")
    lead = pipeline.report_lead(
        None,
        members[0],
        mingyang,
        code="LD-L1-001",
        date=dt.date(2023, 4, 20),
        content="浙江铭扬文旅建设集团有意参与河道沿岸文旅开发。",
    )
    pipeline.save_project(
        None,
        program,
        code="LD-X002",
        name="高登河、西阳河沿岸整体开发项目",
        investor=mingyang,
        stage=Stage.INTENT,
        stage_dates={Stage.INSPECTION: dt.date(2023, 5, 24), Stage.INTENT: dt.date(2023, 5, 26)},
        cadres=members[:2],
        source_lead=lead,
    )


def _outputs(program: Program, members: list[Participant]) -> None:
    for kind, title, authors, characters, day in OUTPUTS:
        who = [members[i] for i in authors]
        if kind == "study_summary":
            title = f"{title}（{who[0].cadre.name}）"
        secondment.record_output(
            None, program, kind=kind, title=title, authors=who, characters=characters, date=day
        )
    secondment.record_output(
        None,
        program,
        kind=WrittenOutput.Kind.PROPOSAL,
        title="创新项目管理 提升服务效能 激发投资活力",
        authors=[members[2]],
        characters=6_000,
        date=dt.date(2023, 10, 20),
        adopted=True,
    )
