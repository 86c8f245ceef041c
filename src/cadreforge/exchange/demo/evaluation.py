"""Demo evaluation (考核激励): Penglai's KPI scheme (batch 1 ranked from its records); Huai'an ETDZ's
双百日竞赛 with its two commended and promoted cadres and their evidence; the emergency-shelter
fault-tolerance case (应急避难场所) taken through every step to 容错免责.

The 双百日竞赛 dates and the individual project names are illustrative (the source gives only the counts);
all scores are computed from the records. Idempotent: skipped when Penglai's scheme exists.
"""

import datetime as dt
from decimal import Decimal

from cadreforge.core.stages import Stage
from cadreforge.evaluation import faults, services
from cadreforge.evaluation.models import CaseReview, KpiScheme
from cadreforge.pipeline import services as pipeline
from cadreforge.programs.models import Program

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
        return
    log("加载：考核激励")
    _penglai(log)
    _huaian(log)
