"""Huaibei (淮北, Anhui), seed document 002: 双百双招 — the 先锋团 of 50 cadres on 104 posts in 13 cities of
Shanghai/Jiangsu/Zhejiang, every post tied to a chain of the 五群十链 plan; and the 5 earlier batches of
160 cadres to Shanghai (a separate program).

The document names the plan but not its clusters and chains beyond 新型煤化工合成材料 and 高分子材料:
the other names below are plausible choices.
"""

import datetime as dt

from cadreforge.chains import services as chains
from cadreforge.org.models import OrgUnit
from cadreforge.org.services import get_or_create_unit
from cadreforge.programs import services as programs
from cadreforge.programs.models import HostUnit, Program
from cadreforge.secondment import services as secondment

from .common import NameMaker, add_batch, enrol_new_cadre, generated_cadres, seeded, start_program, unit_path

REGION = ("安徽省", "淮北市")
REGION_NAME = "安徽省淮北市"
AREA = "340602"
ORGANISER = "中共淮北市委组织部"
BATCH1 = (dt.date(2023, 2, 13), dt.date(2023, 5, 23))  # about 100 days from the send-off of 8 February

FIVE_CLUSTERS_TEN_CHAINS = {
    "新型煤化工合成材料产业集群": ["高分子材料产业链", "新型煤化工产业链"],
    "铝基新材料产业集群": ["陶铝新材料产业链", "铝基高端金属材料产业链"],
    "高端装备制造产业集群": ["智能装备产业链", "新能源汽车零部件产业链"],
    "生命健康产业集群": ["生物医药产业链", "绿色食品产业链"],
    "数字经济产业集群": ["电子信息产业链", "数字服务产业链"],
}
POLYMER_LINKS = [
    ("煤制烯烃", "up"),
    ("工程塑料与特种树脂", "mid"),
    ("集成电路封装材料", "down"),
    ("新能源电池材料", "down"),
    ("医用高分子材料", "down"),
]
# Per city: two development zones, two associations or chambers of commerce, two state-owned and two
# listed companies. The first zone of each city is named here ("{zone}"); 宜兴经开区 stands for 无锡.
DEV_ZONES = {
    "上海": "上海闵行经济技术开发区",
    "南京": "南京经济技术开发区",
    "苏州": "苏州工业园区",
    "无锡": "宜兴经济技术开发区",
    "常州": "常州经济开发区",
    "南通": "南通经济技术开发区",
    "扬州": "扬州经济技术开发区",
    "杭州": "杭州经济技术开发区",
    "宁波": "宁波经济技术开发区",
    "嘉兴": "嘉兴经济技术开发区",
    "湖州": "湖州经济技术开发区",
    "绍兴": "绍兴柯桥经济技术开发区",
    "金华": "金华经济技术开发区",
}
CITIES = tuple(DEV_ZONES)
HOST_PATTERNS = [
    ("{zone}", HostUnit.Kind.DEV_ZONE),
    ("{c}高新技术产业开发区", HostUnit.Kind.HIGH_TECH_ZONE),
    ("{c}市安徽商会", HostUnit.Kind.ASSOCIATION),
    ("{c}市新材料产业协会", HostUnit.Kind.ASSOCIATION),
    ("{c}产业投资集团有限公司", HostUnit.Kind.SOE),
    ("{c}城市发展集团有限公司", HostUnit.Kind.SOE),
    ("{c}智能制造股份有限公司", HostUnit.Kind.LISTED_COMPANY),
    ("{c}新能源科技股份有限公司", HostUnit.Kind.LISTED_COMPANY),
]
DUTIES = (
    "拓展招商渠道、对接招商信息，完善招商引资链图谱；联系走访企业，邀请客商来淮考察；"
    "招引高层次人才、急需紧缺人才、各类毕业生、企业高薪人才落户淮北；对标先进，提出改进工作的参考方案。"
)
UNITS = [
    (("市投资促进局", OrgUnit.Kind.GOVERNMENT), ["招商科科长", "副科长", "一级主任科员"]),
    (("市发展和改革委员会", OrgUnit.Kind.GOVERNMENT), ["科长", "副科长"]),
    (("市经济和信息化局", OrgUnit.Kind.GOVERNMENT), ["科长", "副科长"]),
    (("市商务局", OrgUnit.Kind.GOVERNMENT), ["科长", "副科长"]),
    (("市人力资源和社会保障局", OrgUnit.Kind.GOVERNMENT), ["人才科科长", "副科长"]),
    (("相山区", OrgUnit.Kind.REGION), ["投资促进中心主任", "招商局副局长"]),
    (("杜集区", OrgUnit.Kind.REGION), ["投资促进中心副主任", "招商局局长"]),
    (("烈山区", OrgUnit.Kind.REGION), ["招商局副局长"]),
    (("濉溪县", OrgUnit.Kind.REGION), ["经济开发区招商局局长", "招商局副局长"]),
    (("淮北经济开发区", OrgUnit.Kind.ZONE), ["招商局局长", "招商局副局长"]),
    (("淮北高新技术产业开发区", OrgUnit.Kind.ZONE), ["招商局副局长", "产业发展局副局长"]),
    (("淮北市建投控股集团有限公司", OrgUnit.Kind.SOE), ["投资部经理", "副总经理"]),
]


def load(log) -> None:
    chain_list = _chains()
    _load_double_hundred(log, chain_list)
    _load_shanghai_study(log)


def _chains() -> list:
    """The 五群十链 plan: 5 clusters and 10 chains (get-or-create, shared by both programs)."""
    result = []
    for cluster_name, chain_names in FIVE_CLUSTERS_TEN_CHAINS.items():
        cluster = chains.get_or_create_cluster(cluster_name, region=REGION_NAME)
        result += [chains.get_or_create_chain(name, cluster=cluster) for name in chain_names]
    for link, position in POLYMER_LINKS:
        chains.get_or_create_link(result[0], link, position)
    return result


def _units() -> list:
    return [(unit_path(*REGION, name, kind=kind), positions) for (name, kind), positions in UNITS]


def _load_double_hundred(log, chain_list: list) -> None:
    program = start_program(
        log,
        code="huaibei-double-hundred",
        name="“双百双招”行动",
        kind=Program.Kind.SECONDMENT,
        organiser=ORGANISER,
        region=REGION_NAME,
        description=(
            "聚焦“五群十链”重点产业集群，每年选派100名左右优秀干部赴沪苏浙等长三角地区学习锻炼100天左右，"
            "招商引资、招才引智。今年13个城市、104个岗位都与“五群十链”补链延链强链有关联，"
            "且都在开发园区、协会商会、国有或上市企业等经济一线。第一批为50名干部组成的“先锋团”，"
            "设临时党支部（书记孔彬）。"
        ),
    )
    if program is None:
        return
    rng = seeded(program.code)
    units = _units()
    batch1 = add_batch(
        program, 1, name="先锋团", start_date=BATCH1[0], end_date=BATCH1[1], quota=50, status="ongoing"
    )
    add_batch(program, 2, quota=54, status="planned")
    posts = _posts(program, rng, chain_list)

    base = unit_path(*REGION, "新型煤化工合成材料基地", kind=OrgUnit.Kind.ZONE)
    wang = enrol_new_cadre(
        program,
        code="SB-001",
        batch=batch1,
        name="王程俊",
        unit=get_or_create_unit("生态环境局", base, OrgUnit.Kind.GOVERNMENT),
        position="局长",
        rank="正科级",
        tags=["高分子材料", "生态环境"],
        has_worked_economy=True,
        has_managed_economy=True,
        gender="M",
    )
    kong = enrol_new_cadre(
        program, code="SB-002", batch=batch1, name="孔彬", unit=units[1][0], position="科长", rank="正科级",
        tags=["招商引资"], has_worked_economy=True, gender="M",
    )  # fmt: skip
    xu = enrol_new_cadre(
        program, code="SB-003", batch=batch1, name="许大鹏", unit=units[0][0], position="招商科科长",
        rank="正科级", tags=["招商引资"], has_worked_economy=True, gender="M",
    )  # fmt: skip
    others = generated_cadres(
        program, rng, NameMaker(rng, reserved={"王程俊", "孔彬", "许大鹏"}), count=47, batch=batch1,
        code_prefix="SB-", units=units, area=AREA, start_number=4,
        tags=("招商引资", "高分子材料", "智能装备", "生物医药", "电子信息"),
    )  # fmt: skip
    yixing = next(p for p in posts if p.host.name == "宜兴经济技术开发区")
    secondment.assign_post(None, wang, yixing, start_date=BATCH1[0], end_date=BATCH1[1])
    free = [p for p in posts if p is not yixing]
    for participant, post in zip([kong, xu, *others], rng.sample(free, 49), strict=True):
        secondment.assign_post(None, participant, post, start_date=BATCH1[0], end_date=BATCH1[1])
    branch = programs.create_team(None, batch1, name="先锋团临时党支部", leader=kong)
    programs.set_team_members(None, branch, [kong, xu, wang, *others[:5]])
    log("  先锋团 50 名干部，104 个岗位（13 个城市）")


def _posts(program: Program, rng, chain_list: list) -> list:
    """104 posts: 8 in each of 13 cities, each tied to one or two chains; 宜兴经开区 (in 无锡) is one of
    the Wuxi development zones and its post serves the polymer-materials chain."""
    posts = []
    for c, city in enumerate(CITIES):
        for k, (pattern, kind) in enumerate(HOST_PATTERNS):
            name = pattern.format(c=city, zone=DEV_ZONES[city])
            host = programs.get_or_create_host_unit(name=name, city=city, kind=kind)
            tied = (
                [chain_list[0]] if name == "宜兴经济技术开发区" else rng.sample(chain_list, rng.randint(1, 2))
            )
            posts.append(
                programs.create_post(
                    None,
                    program,
                    code=f"SB-G{c * len(HOST_PATTERNS) + k + 1:03d}",
                    host=host,
                    chains=tied,
                    title="学习锻炼岗（" + "、".join(ch.name.removesuffix("产业链") for ch in tied) + "）",
                    duties=DUTIES,
                )
            )
    return posts


def _load_shanghai_study(log) -> None:
    program = start_program(
        log,
        code="huaibei-shanghai-study",
        name="赴上海学习锻炼",
        kind=Program.Kind.STUDY,
        organiser=ORGANISER,
        region=REGION_NAME,
        description="近年来先后选派5批共160名优秀干部赴上海学习锻炼，成为全市经济主战场的骨干力量。",
    )
    if program is None:
        return
    rng = seeded(program.code)
    names = NameMaker(rng, reserved={"王程俊", "孔彬", "许大鹏"})
    units = _units()
    for number in range(1, 6):
        start = dt.date(2017 + number, 3, 1)
        batch = add_batch(
            program,
            number,
            name=f"第{number}批",
            start_date=start,
            end_date=start + dt.timedelta(days=99),
            quota=32,
            status="completed",
        )
        generated_cadres(
            program, rng, names, count=32, batch=batch, code_prefix="SH-", units=units, area=AREA,
            start_number=(number - 1) * 32 + 1,
        )  # fmt: skip
    log("  5 批共 160 名干部赴上海")
