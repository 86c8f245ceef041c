"""Demo evaluation (考核激励): Penglai's KPI scheme (batch 1 ranked from its records); Huai'an ETDZ's
双百日竞赛 with its two commended and promoted cadres and their evidence; the emergency-shelter
fault-tolerance case (应急避难场所) taken through every step to 容错免责; Huai'an's growth mentors (成长导师):
徐鹏飞 of the investment bureau shadowing at the land reserve centre, and the 27 post-1990 cadres of the
3-month 交叉跟班, each paired with a mentor of another unit, with their shadowing logs.

The 双百日竞赛 dates and the individual project names are illustrative (the source gives only the counts);
all scores are computed from the records. The mentors' names, the shadowing dates inside the three months,
the hours and the log texts are illustrative too (the source names no mentor). Idempotent: skipped when
Penglai's scheme exists; the mentors when Huai'an has pairings.
"""

import datetime as dt
from decimal import Decimal

from cadreforge.core.stages import Stage
from cadreforge.evaluation import faults, mentors, services
from cadreforge.evaluation.models import CaseReview, KpiScheme, MentorPairing
from cadreforge.pipeline import services as pipeline
from cadreforge.programs.models import Program

from .common import NameMaker, seeded

PENGLAI_WEIGHTS = {
    "visits": 1,
    "valuable_leads": 3,
    "projects_signed": 10,
    "amount_signed_yi": 2,
    "talents": 5,
    "outputs": 2,
}
CONTEST = ("双百日竞赛", dt.date(2022, 6, 1), dt.date(2022, 9, 8))
CONTEST_WEIGHTS = {"projects_1e8": 10, "projects_1e9": 30, "projects_5e9": 60, "amount_signed_yi": 1}
# (code, name, amount in 亿元, 签约 date) — two of ≥10亿 and eight of ≥1亿, all signed in the contest.
XU_PROJECTS = [
    ("HA-E01", "新能源汽车零部件产业园项目", 12, dt.date(2022, 6, 20)),
    ("HA-E02", "高端装备智能制造基地项目", 15, dt.date(2022, 7, 18)),
    ("HA-E03", "功能性薄膜材料项目", 3, dt.date(2022, 6, 9)),
    ("HA-E04", "智能仓储物流中心项目", 2, dt.date(2022, 6, 28)),
    ("HA-E05", "锂电池隔膜生产项目", 5, dt.date(2022, 7, 6)),
    ("HA-E06", "精密模具研发制造项目", Decimal("1.5"), dt.date(2022, 7, 25)),
    ("HA-E07", "食品冷链加工项目", Decimal("1.2"), dt.date(2022, 8, 3)),
    ("HA-E08", "光伏组件边框项目", 4, dt.date(2022, 8, 12)),
    ("HA-E09", "医疗器械生产项目", Decimal("2.6"), dt.date(2022, 8, 22)),
    ("HA-E10", "电子元器件封装测试项目", 6, dt.date(2022, 9, 1)),
]
DAY = dt.date(2022, 10, 10)


def _penglai(log) -> None:
    program = Program.objects.filter(code="penglai-3360").first()
    if program is None:
        return
    services.save_scheme(
        None, program, name="派驻干部年度考核", weights=PENGLAI_WEIGHTS,
        description="走访、有价值线索、签约项目及金额、引进人才、成果按权重计分，另加人工评价",
    )  # fmt: skip
    log("  蓬莱：派驻干部年度考核方案（第一批按记录排名）")


def _projects_for(program, participant) -> list:
    projects = []
    for code, name, yi, signed in XU_PROJECTS:
        investor = pipeline.get_or_create_enterprise(f"{name.removesuffix('项目')}投资方有限公司")
        projects.append(
            pipeline.save_project(
                None, program, code=code, name=name, investor=investor, stage=Stage.SIGNED,
                stage_dates={Stage.INTENT: signed - dt.timedelta(days=30), Stage.SIGNED: signed},
                cadres=[participant], amount_yuan=Decimal(yi) * 100_000_000,
            )
        )  # fmt: skip
    return projects


def _huaian(log) -> None:
    program = Program.objects.filter(code="huaian-etdz-investment").first()
    if program is None:
        return
    first, second, manager = list(program.participants.order_by("code")[:3])
    projects = _projects_for(program, first)
    name, start, end = CONTEST
    scheme = services.save_scheme(
        None, program, name=name, weights=CONTEST_WEIGHTS, start_date=start, end_date=end,
        description="按签约项目规模档次计分：1亿至10亿元每个10分，10亿至50亿元每个30分，50亿元及以上每个60分，另加签约金额（亿元）",
    )  # fmt: skip
    xu = services.commend(
        None, first, title="“双百日竞赛”招商引资能手", date=DAY, scheme=scheme, projects=projects,
        reason="先后协助招引10亿元以上项目2个、亿元以上项目8个，保障多个项目按时完成建设进度",
    )  # fmt: skip
    rec = services.recommend_promotion(
        None, first, from_post="经开区投资促进局科员", to_post="街道党政正职", projects=projects,
        commendations=[xu], reason="多年坚守项目招引服务一线，招商业绩突出",
    )  # fmt: skip
    _approve_all(rec)
    evidence = "西游乐园筹建和创牌中组织7个城市推介会，完成渠道对接超100家"
    second_c = services.commend(
        None, second, title="担当实干先进个人", date=DAY, evidence=evidence,
        reason="为西游乐园创成淮安文旅新地标作出贡献",
    )  # fmt: skip
    rec = services.recommend_promotion(
        None, second, from_post="经开区文旅公司部门经理", to_post="公司副总经理", commendations=[second_c],
        evidence=evidence, reason="担当实干、业绩突出",
    )  # fmt: skip
    _approve_all(rec)
    log("  淮安经开区：双百日竞赛排名，两名干部表彰、提拔及佐证")
    _shelter_case(program, manager)


def _approve_all(rec) -> None:
    for step in rec.steps.filter(decision="pending").order_by("order"):
        services.decide_step(
            None, rec, approve=True, comment="同意", date=DAY + dt.timedelta(days=step.order)
        )


def _shelter_case(program, manager) -> None:
    case = faults.file_case(
        None, manager, title="新增应急避难场所工程调整为与附属配套工程统筹同步实施",
        facts="根据文明城市建设工作要求，为保障重点工程建设按时完工，项目管理人员未按规定履行相关程序，"
        "将新增应急避难场所工程调整为与另一个附属配套工程统筹同步实施，最后项目按期完工并取得较好效果。",
    )  # fmt: skip
    faults.accept_case(None, case, note="属于容错纠错受理范围")
    faults.verify_case(
        None, case, criteria=dict.fromkeys(faults.CRITERIA, True),
        distinctions={
            "inexperience": "为赶工期统筹实施，属工作方法上的失误，非明知故犯",
            "unclear_rules": "上级未明令禁止统筹同步实施",
            "public_purpose": "为完成文明城市建设任务，未谋取私利",
        },
        findings="经核实，调整实施未造成损失，工程按期完工并取得较好效果；当事人此前无同类问题。",
    )  # fmt: skip
    for level, opinion in zip(
        CaseReview.Level.values,
        ("建议免责", "符合容错情形，同意免责", "未发现违纪违法问题，无异议"),
        strict=True,
    ):
        faults.add_review(None, case, level, opinion=opinion, agrees=True, date=DAY)
    faults.decide_case(None, case, decision="exempt", reason="符合“六个是否”全部情形，予以容错免责")
    faults.feed_back(None, case, feedback="已向当事人及所在单位反馈免责决定，不影响考核、评先和提拔")
    action = faults.add_correction(None, case, description="补齐应急避难场所工程的相关审批手续", due_date=DAY)
    faults.close_correction(None, action, closed_on=DAY, result="手续已补办")
    faults.file_with_authority(None, case, authority="区纪工委、区委组织部")


def load(log) -> None:
    if KpiScheme.objects.filter(program__code="penglai-3360").exists():
        log("跳过：考核激励演示数据已存在")
    else:
        log("加载：考核激励")
        _penglai(log)
        _huaian(log)
    _mentors(log)


# Growth mentors (成长导师). What a cadre shadowing at a unit does and learns there: (activity, learned).
SHADOWING = {
    "招商局": [
        (
            "跟随导师参加客商接待和项目洽谈，学习招商项目信息的收集与研判",
            "了解了项目从接洽、考察到签约的基本流程",
        ),
        ("协助整理在谈项目台账，旁听项目评审会", "学会从产业链上下游判断一个项目的价值"),
    ],
    "经济发展局": [
        (
            "学习经济运行数据的采集与分析，旁听月度经济运行分析会",
            "弄清了固定资产投资、工业投资等指标的统计口径",
        ),
        ("协助起草经济运行分析材料", "学会用数据说明经济形势、发现短板"),
    ],
    "财政局": [
        ("学习预算编制与执行流程，跟随导师审核项目资金拨付材料", "理解了项目资金从申请到拨付的各个环节"),
        ("参加财税金融专题调研座谈，整理企业反映的问题", "知道了惠企政策落地中的堵点在哪里"),
    ],
    "党群工作部": [
        ("学习干部教育培训的组织流程，协助筹备“干部上讲台”活动", "体会到培训要围绕工作重心、学用结合"),
        ("跟随导师参与年轻干部成长档案的整理", "了解了干部选育管用的基本环节"),
    ],
    "科教产业发展办公室": [
        ("跟随导师走访区内科技型企业，了解科技项目申报流程", "知道了企业在研发和人才引进上的需求"),
        ("协助整理人才政策兑现材料", "熟悉了人才政策的申报条件和审核要点"),
    ],
    "社会事务审批处": [
        ("在窗口跟班，学习社会事务审批事项的受理和办理流程", "体会到“最多跑一次”要从群众的办事体验出发"),
        ("参与梳理“青年服务一件事”的办事清单和申请材料", "学会把多张申请表归并成一张清单、一个流程的思路"),
    ],
    "土地储备中心": [
        (
            "跟随导师学习土地收储、前期开发和土地挂牌上市的业务流程",
            "弄清了土地出让各环节的先后顺序和办理要求",
        ),
        ("协助准备地块挂牌材料，随导师踏勘待出让地块", "能向客商讲清地块条件和供地流程了"),
    ],
    "项目服务中心": [
        ("跟随导师到项目现场，学习项目建设手续代办服务", "了解了项目从拿地到开工需要办理的主要手续"),
        ("参加重点项目推进协调会，记录问题清单并跟踪办理", "学会把企业反映的问题逐项交办、跟踪到底"),
    ],
}
SHADOW_START, SHADOW_END = dt.date(2022, 3, 1), dt.date(2022, 5, 31)  # the 3-month 交叉跟班 batch
LOG_DAYS = (dt.date(2022, 3, 15), dt.date(2022, 4, 19))
LOG_HOURS = ("8", "4")
XU_LOGS = [
    (dt.date(2022, 3, 8), "8", SHADOWING["土地储备中心"][0]),
    (dt.date(2022, 4, 12), "6", SHADOWING["土地储备中心"][1]),
    (
        dt.date(2022, 5, 24),
        "4",
        (
            "在成长导师手把手带领下梳理土地挂牌上市全流程，结合在谈项目测算用地需求",
            "相较于理论大课，跟班学习更像是精品小课，这让我对做好工作更有方向、更添信心。",
        ),
    ),
]


def _mentors(log) -> None:
    if MentorPairing.objects.filter(participant__program__code__startswith="huaian-etdz").exists():
        return
    shadowing = Program.objects.filter(code="huaian-etdz-cross-shadowing").first()
    training = Program.objects.filter(code="huaian-etdz-training").first()
    if shadowing is None or training is None:
        return
    units = list(SHADOWING)
    rng = seeded("huaian-etdz-mentors")
    names = NameMaker(rng, reserved={"徐鹏飞"})
    mentor_of = {unit: names.next()[0] for unit in units}

    def pair(participant, unit: str, goals: str):
        return mentors.pair_mentor(
            None, participant, mentor_name=mentor_of[unit], mentor_post=f"淮安经开区{unit}业务骨干（成长导师）",
            place=f"淮安经开区{unit}", start_date=SHADOW_START, end_date=SHADOW_END, goals=goals,
        )  # fmt: skip

    xu = training.participants.filter(cadre__name="徐鹏飞").first()
    if xu is not None:
        pairing = pair(
            xu, "土地储备中心", "由成长导师手把手带领熟悉土地挂牌上市等业务全流程，提升招商的能力和水平"
        )
        for day, hours, (activity, learned) in XU_LOGS:
            mentors.add_log(None, pairing, date=day, hours=hours, activity=activity, learned=learned)
    count = 0
    for participant in shadowing.participants.select_related("cadre__unit").order_by("code"):
        own = participant.cadre.unit.name
        host = units[(units.index(own) + 1) % len(units)] if own in units else units[count % len(units)]
        pairing = pair(participant, host, f"到{host}交叉跟班，在成长导师带领下熟悉业务全流程")
        for day, hours, (activity, learned) in zip(LOG_DAYS, LOG_HOURS, SHADOWING[host], strict=True):
            entry = mentors.add_log(None, pairing, date=day, hours=hours, activity=activity, learned=learned)
        mentors.comment_log(
            None, entry, comment=f"{host}的业务流程已基本熟悉，下一步要结合本岗位工作多实践", today=SHADOW_END
        )
        count += 1
    log(f"  淮安经开区：成长导师结对（徐鹏飞在区土地储备中心跟班，{count}名“90后”干部交叉跟班）")
