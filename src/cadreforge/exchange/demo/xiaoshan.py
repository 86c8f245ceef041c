"""Xiaoshan (萧山, Hangzhou, Zhejiang), seed document 001: the 潮学堂 training system — the growth camp,
13 study-tour batches since 2023 and 56 cadres placed in enterprises (助企陪跑)."""

import datetime as dt

from cadreforge.org.models import OrgUnit
from cadreforge.programs import services as programs
from cadreforge.programs.models import HostUnit, Program
from cadreforge.secondment import services as secondment

from .common import (
    EnterpriseNamer,
    NameMaker,
    add_batch,
    generated_cadres,
    seeded,
    split_total,
    start_program,
    unit_path,
)

REGION = ("浙江省", "杭州市", "萧山区")
AREA = "330109"
ORGANISER = "中共杭州市萧山区委组织部"
TRACKS = ("智能物联", "生命健康", "新材料")

UNITS = [
    (("区发展和改革局", OrgUnit.Kind.GOVERNMENT), ["科员", "副科长", "科长"]),
    (("区经济和信息化局", OrgUnit.Kind.GOVERNMENT), ["科员", "副科长", "科长"]),
    (("区商务局", OrgUnit.Kind.GOVERNMENT), ["科员", "副科长"]),
    (("区投资促进局", OrgUnit.Kind.GOVERNMENT), ["招商专员", "副科长", "科长"]),
    (("区科学技术局", OrgUnit.Kind.GOVERNMENT), ["科员", "副科长"]),
    (("区财政局", OrgUnit.Kind.GOVERNMENT), ["科员", "副科长"]),
    (("萧山经济技术开发区管委会", OrgUnit.Kind.ZONE), ["招商专员", "产业服务科副科长"]),
    (("临浦镇", OrgUnit.Kind.TOWN), ["经济发展办干部", "副镇长"]),
    (("瓜沥镇", OrgUnit.Kind.TOWN), ["经济发展办干部", "副镇长"]),
    (("义桥镇", OrgUnit.Kind.TOWN), ["经济发展办干部"]),
    (("宁围街道", OrgUnit.Kind.TOWN), ["经济服务中心主任", "副主任"]),
    (("北干街道", OrgUnit.Kind.TOWN), ["经济服务中心干部"]),
    (("杭州萧山国有资本投资运营集团有限公司", OrgUnit.Kind.SOE), ["投资部经理", "副经理"]),
]

GROWTH_CAMP = (
    "“潮学堂”经济型专业干部成长营：面向不同职务层次、横跨多个领域的干部公开报名，744人报名、70人入选。"
    "聚焦智能物联、生命健康、新材料三条前沿产业赛道，与华为全球培训中心、浙大杭州国际科创中心等机构合作，"
    "量身定制专题培训课程，把产业腹地、市场一线作为干部“练兵场”；打造“潮声”交流沙龙、“潮研”课题调研、"
    "“潮闻”交流期刊三个思想交流平台，实现经济干部全周期培养，发现、储备一批优秀年轻干部和专业干部。"
)
STUDY_TOURS = (
    "“潮学堂”专业化培训体系考察研修：2023年以来，围绕国企改革、经济转型、人才生态等重大战略，"
    "组织部门、镇街、专班“一把手”和区管干部13批共620余人赴上海、深圳、苏州等地取经问计、开拓视野。"
)
ESCORT = (
    "“助企陪跑”服务行动：优选56名干部下沉企业、助企陪跑，学在一线、干在一线、练在一线、成长在一线，"
    "推动经济发展与干部成长双提升。"
)
TOURS = [  # (destination, theme)
    ("上海", "国企改革"),
    ("深圳", "经济转型"),
    ("苏州", "人才生态"),
]


def load(log) -> None:
    _load_growth_camp(log)
    _load_study_tours(log)
    _load_company_escort(log)


def _units(table) -> list:
    return [(unit_path(*REGION, name, kind=kind), positions) for (name, kind), positions in table]


def _start(log, code: str, name: str, kind: str, description: str) -> Program | None:
    return start_program(
        log,
        code=code,
        name=name,
        kind=kind,
        organiser=ORGANISER,
        region="".join(REGION),
        description=description,
    )


def _load_growth_camp(log) -> None:
    program = _start(
        log, "xiaoshan-growth-camp", "经济型专业干部成长营", Program.Kind.GROWTH_CAMP, GROWTH_CAMP
    )
    if program is None:
        return
    rng = seeded(program.code)
    batch = add_batch(
        program,
        1,
        name="第一期",
        start_date=dt.date(2024, 10, 18),
        end_date=dt.date(2025, 10, 17),
        quota=70,
        status="ongoing",
    )
    generated_cadres(
        program, rng, NameMaker(rng), count=70, batch=batch, code_prefix="CZY-", units=_units(UNITS),
        area=AREA, born=(1986, 1996), track_of=lambda n: TRACKS[(n - 1) % 3],
        tags=("智能物联", "生命健康", "新材料", "招商引资", "产业经济"),
    )  # fmt: skip
    log("  成长营 70 名学员，三条赛道")


def _load_study_tours(log) -> None:
    program = _start(log, "xiaoshan-study-tours", "“潮学堂”考察研修", Program.Kind.STUDY_TOUR, STUDY_TOURS)
    if program is None:
        return
    rng = seeded(program.code)
    names = NameMaker(rng)
    heads = [(unit, ["局长", "主任", "党委书记", "专班负责人", "区管干部"]) for unit, _ in _units(UNITS)]
    sizes = split_total(rng, 624, 13, spread=0.15)
    start = dt.date(2023, 3, 13)
    number_so_far = 1
    for number, size in enumerate(sizes, start=1):
        city, theme = TOURS[(number - 1) % len(TOURS)]
        begins = start + dt.timedelta(weeks=6 * (number - 1))
        batch = add_batch(
            program,
            number,
            name=f"赴{city}·{theme}专题",
            start_date=begins,
            end_date=begins + dt.timedelta(days=4),
            quota=size,
            status="completed",
        )
        generated_cadres(
            program, rng, names, count=size, batch=batch, code_prefix="CXT-", units=heads, area=AREA,
            born=(1968, 1985), ranks=("正科级", "副处级", "正处级"), start_number=number_so_far,
        )  # fmt: skip
        number_so_far += size
    log(f"  考察研修 13 批共 {sum(sizes)} 人")


def _load_company_escort(log) -> None:
    program = _start(log, "xiaoshan-company-escort", "助企陪跑", Program.Kind.ENTERPRISE_SERVICE, ESCORT)
    if program is None:
        return
    rng = seeded(program.code)
    first_wave, second_wave = dt.date(2024, 6, 3), dt.date(2024, 8, 5)
    batch = add_batch(
        program,
        1,
        name="第一批",
        start_date=first_wave,
        end_date=dt.date(2024, 12, 31),
        quota=56,
        status="ongoing",
    )
    cadres = generated_cadres(
        program, rng, NameMaker(rng), count=56, batch=batch, code_prefix="PP-", units=_units(UNITS),
        area=AREA, born=(1985, 1997),
    )  # fmt: skip
    namer = EnterpriseNamer(rng)
    for i, participant in enumerate(cadres, start=1):
        listed = i % 4 == 0
        host = programs.get_or_create_host_unit(
            name=namer.next("杭州"),
            city="杭州",
            kind=HostUnit.Kind.LISTED_COMPANY if listed else HostUnit.Kind.OTHER,
        )
        post = programs.create_post(
            None,
            program,
            code=f"PP-G{i:02d}",
            host=host,
            title="助企陪跑专员",
            duties="驻企了解生产经营，协调解决用工、融资、审批等难题，学习企业管理和产业知识。",
        )
        # The first dozen went in June; one of them told the press of his 3+ months in the enterprise.
        started = first_wave if i <= 12 else second_wave
        secondment.assign_post(None, participant, post, start_date=started, end_date=None)
    log("  56 名干部下沉企业")
