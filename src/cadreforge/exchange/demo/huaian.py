"""Huai'an ETDZ (淮安经济技术开发区, Jiangsu), seed document 004 (a report of 2022): training, the 3-month
cross-shadowing of 27 post-1990 cadres, and the 天合光能 projects — phase 1 from signing to first product
in 188 days, phase 2 started the same day, and a new high-efficiency cell project signed on top.

The report gives no investment amounts for 天合光能, so the projects carry none.
"""

import datetime as dt

from cadreforge.core.stages import Stage
from cadreforge.org.models import OrgUnit
from cadreforge.pipeline import services as pipeline
from cadreforge.programs.models import Program

from .common import NameMaker, add_batch, enrol_new_cadre, generated_cadres, seeded, start_program, unit_path

REGION = ("江苏省", "淮安市", "淮安经济技术开发区")
REGION_NAME = "江苏省淮安经济技术开发区"
AREA = "320812"
ORGANISER = "中共淮安经济技术开发区党工委党群工作部"
PHASE1_SIGNED = dt.date(2022, 2, 18)
PHASE1_LANDED = PHASE1_SIGNED + dt.timedelta(days=188)  # 竣工投产暨二期开工 on the same day
UNITS = [
    (("招商局", OrgUnit.Kind.GOVERNMENT), ["科员", "招商专员", "副科长"]),
    (("经济发展局", OrgUnit.Kind.GOVERNMENT), ["科员", "副科长"]),
    (("财政局", OrgUnit.Kind.GOVERNMENT), ["科员"]),
    (("党群工作部", OrgUnit.Kind.PARTY), ["科员"]),
    (("科教产业发展办公室", OrgUnit.Kind.GOVERNMENT), ["科员"]),
    (("社会事务审批处", OrgUnit.Kind.GOVERNMENT), ["科员", "副科长"]),
    (("土地储备中心", OrgUnit.Kind.INSTITUTION), ["科员"]),
    (("项目服务中心", OrgUnit.Kind.INSTITUTION), ["项目专员"]),
]
TRAINING = (
    "干部教育培训：坚持“走出去”，联合复旦、浙大等高校以及杭州等地举办优化营商环境、航空物流等专业能力提升班；"
    "坚持“请进来”，举办跨境电商、宏观经济等专题发展论坛21期；搭建线上“云课堂”，发布专题学习视频19期、"
    "知识测试10期；坚持“引上台”，连续6年举办“干部上讲台”系列培训，组织先锋讲坛、周末大讲堂等40多期活动，"
    "形成“理论大咖讲宏观形势、领导干部讲主责主业、年轻干部讲成长体会、企业专家讲产业发展”的“四讲”模式。"
)


def load(log) -> None:
    units = [(unit_path(*REGION, name, kind=kind), positions) for (name, kind), positions in UNITS]
    _load_training(log, units)
    _load_cross_shadowing(log, units)
    _load_investment(log, units)


def _start(log, code: str, name: str, kind: str, description: str) -> Program | None:
    return start_program(
        log, code=code, name=name, kind=kind, organiser=ORGANISER, region=REGION_NAME, description=description
    )


def _load_training(log, units) -> None:
    program = _start(log, "huaian-etdz-training", "干部专业能力培训", Program.Kind.TRAINING_CLASS, TRAINING)
    if program is None:
        return
    rng = seeded(program.code)
    batch = add_batch(
        program,
        1,
        name="中青年招商骨干业务能力培训班",
        start_date=dt.date(2022, 7, 11),
        end_date=dt.date(2022, 7, 15),
        status="completed",
    )
    enrol_new_cadre(
        program,
        code="PX-001",
        batch=batch,
        name="徐鹏飞",
        unit=units[0][0],
        position="科员",
        rank="科员",
        tags=["招商引资", "土地出让"],
        has_worked_economy=True,
        gender="M",
        birth_month=dt.date(1993, 5, 1),
    )
    generated_cadres(
        program, rng, NameMaker(rng, reserved={"徐鹏飞"}), count=9, batch=batch, code_prefix="PX-",
        units=units[:2], area=AREA, born=(1985, 1996), start_number=2,
    )  # fmt: skip
    log("  中青年招商骨干培训班 10 名学员")


def _load_cross_shadowing(log, units) -> None:
    program = _start(
        log,
        "huaian-etdz-cross-shadowing",
        "“90后”年轻干部交叉跟班",
        Program.Kind.SHADOWING,
        "选派27名“90后”年轻干部参加为期3个月的“交叉跟班”，在成长导师带领下熟悉业务全流程。",
    )
    if program is None:
        return
    rng = seeded(program.code)
    batch = add_batch(
        program,
        1,
        name="第一期",
        start_date=dt.date(2022, 3, 1),
        end_date=dt.date(2022, 5, 31),  # three months: 1 March to 31 May
        quota=27,
        status="completed",
    )
    generated_cadres(
        program, rng, NameMaker(rng, reserved={"徐鹏飞"}), count=27, batch=batch, code_prefix="GB-",
        units=units, area=AREA, born=(1990, 1999), ranks=("科员", "副科级"),
    )  # fmt: skip
    log("  27 名“90后”干部交叉跟班 3 个月")


def _load_investment(log, units) -> None:
    program = _start(
        log,
        "huaian-etdz-investment",
        "招商项目跟踪",
        Program.Kind.STATIONED_INVESTMENT,
        "重点招商项目全过程跟踪服务：天合光能淮安基地一期从正式签约到产品下线仅用时188天，"
        "一期投产、二期开工之际又追加投资建设新一代高效光伏电池生产项目。",
    )
    if program is None:
        return
    rng = seeded(program.code)
    batch = add_batch(program, 1, name="项目服务专班", start_date=dt.date(2022, 1, 1), status="ongoing")
    team = generated_cadres(
        program, rng, NameMaker(rng, reserved={"徐鹏飞"}), count=3, batch=batch, code_prefix="ZS-",
        units=units[:1], area=AREA, born=(1988, 1995),
    )  # fmt: skip
    trina = pipeline.get_or_create_enterprise("天合光能股份有限公司", location="常州")
    projects = [
        (
            "HA-X001",
            "天合光能淮安基地一期项目",
            Stage.LANDED,
            {
                Stage.INSPECTION: dt.date(2022, 1, 6),
                Stage.INTENT: dt.date(2022, 1, 24),
                Stage.SIGNED: PHASE1_SIGNED,
                Stage.STARTED: dt.date(2022, 3, 8),
                Stage.LANDED: PHASE1_LANDED,
            },
        ),
        (
            "HA-X002",
            "天合光能淮安基地二期项目",
            Stage.STARTED,
            {
                Stage.INTENT: dt.date(2022, 5, 16),
                Stage.SIGNED: dt.date(2022, 6, 28),
                Stage.STARTED: PHASE1_LANDED,
            },
        ),
        (
            "HA-X003",
            "天合光能新一代高效光伏电池生产项目",
            Stage.SIGNED,
            {Stage.INTENT: dt.date(2022, 7, 26), Stage.SIGNED: PHASE1_LANDED},
        ),
    ]
    for code, name, stage, dates in projects:
        pipeline.save_project(
            None, program, code=code, name=name, investor=trina, stage=stage, stage_dates=dates, cadres=team
        )
    log("  天合光能三个项目（一期投产、二期开工、新项目签约）")
