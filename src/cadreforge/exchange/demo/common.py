"""Shared pieces of the demo loader: deterministic generators (names, ID numbers, enterprises, dates) and
get-or-create steps over the services, so that loading twice changes nothing.

Every generator takes a `random.Random` seeded from the program code, so a program's rows are the same
whatever else is loaded and in whatever order.
"""

import datetime as dt
import random
from collections.abc import Iterable

from django.utils import timezone

from cadreforge.core.text import name_key
from cadreforge.core.validators import id_check_character
from cadreforge.org.models import OrgUnit
from cadreforge.org.services import get_or_create_unit
from cadreforge.people.services import create_cadre, find_cadre_by_id_number
from cadreforge.programs import services as programs
from cadreforge.programs.models import Batch, Participant, Program

DEMO_PROGRAM_CODES = (
    "penglai-3360",
    "penglai-leaders-seminar",
    "xiaoshan-growth-camp",
    "xiaoshan-study-tours",
    "xiaoshan-company-escort",
    "huaibei-double-hundred",
    "huaibei-shanghai-study",
    "loudi-hangzhou-study",
    "huaian-etdz-training",
    "huaian-etdz-cross-shadowing",
    "huaian-etdz-investment",
)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱覃武戴孔汤"
)
GIVEN_MALE = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳成峰建东晨亮志国海晓文博涌锋"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞燕玲婷雪慧莹倩琳颖洁佳欣怡璐瑶晶丹萍红梅蕾月悦琪雯琦婧薇蓉岚"
BRAND_CHARS = "恒瑞华泰鼎盛宏达新元中科天润博远金诚嘉禾汇通联创瀚海精工立信长江东方永兴星辰卓越德力凯尔诺维安"


def seeded(code: str) -> random.Random:
    """The random generator of one program: the same sequence on every run and every machine."""
    return random.Random(f"cadreforge-demo:{code}")


class NameMaker:
    """Plausible Chinese personal names, never the same twice in one program and never a named person."""

    def __init__(self, rng: random.Random, reserved: Iterable[str] = ()):
        self.rng = rng
        self.used = set(reserved)

    def next(self, gender: str | None = None) -> tuple[str, str]:
        gender = gender or ("M" if self.rng.random() < 0.68 else "F")
        pool = GIVEN_MALE if gender == "M" else GIVEN_FEMALE
        while True:
            given = self.rng.choice(pool)
            if self.rng.random() < 0.7:
                given += self.rng.choice(pool)
            name = self.rng.choice(SURNAMES) + given
            if name not in self.used:
                self.used.add(name)
                return name, gender


def birth_month(rng: random.Random, first_year: int, last_year: int) -> dt.date:
    return dt.date(rng.randint(first_year, last_year), rng.randint(1, 12), 1)


def id_number(rng: random.Random, area: str, born: dt.date, gender: str) -> str:
    """A GB 11643 ID number with a valid check character: area code, birth date, sequence (odd for men)."""
    day = rng.randint(1, 28)
    sequence = rng.randrange(1 if gender == "M" else 0, 1000, 2)
    first17 = f"{area}{born.year:04d}{born.month:02d}{day:02d}{sequence:03d}"
    return first17 + id_check_character(first17)


def mobile(rng: random.Random) -> str:
    return rng.choice(["135", "138", "139", "150", "152", "158", "177", "186", "189"]) + "".join(
        rng.choice("0123456789") for _ in range(8)
    )


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def split_total(rng: random.Random, total: int, parts: int, spread: float = 0.35) -> list[int]:
    """`parts` positive integers summing exactly to `total`, each within ±spread of the mean."""
    mean = total / parts
    sizes = [max(1, round(mean * (1 + rng.uniform(-spread, spread)))) for _ in range(parts)]
    while sum(sizes) != total:
        i = rng.randrange(parts)
        if sum(sizes) > total and sizes[i] > 1:
            sizes[i] -= 1
        elif sum(sizes) < total:
            sizes[i] += 1
    return sizes


ENTERPRISE_TRADES = (
    "精密机械",
    "智能装备",
    "新材料",
    "生物医药",
    "医疗器械",
    "电子科技",
    "信息技术",
    "新能源",
    "环保科技",
    "汽车零部件",
    "海洋工程",
    "食品",
    "供应链管理",
    "文化旅游",
    "光电科技",
    "化工",
    "数据科技",
    "物流",
    "检测技术",
    "半导体",
    "机器人",
    "航空科技",
    "网络科技",
    "生物科技",
)
ENTERPRISE_FORMS = ("有限公司", "有限公司", "有限公司", "股份有限公司", "集团有限公司", "科技有限公司")


class EnterpriseNamer:
    """Distinct enterprise names (by the normalised key the database de-duplicates on) in given cities."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.keys: set[str] = set()

    def next(self, city: str) -> str:
        while True:
            brand = "".join(self.rng.sample(BRAND_CHARS, 2))
            trade = self.rng.choice(ENTERPRISE_TRADES)
            form = self.rng.choice(ENTERPRISE_FORMS)
            if form.startswith("科技") and "科技" in trade:
                form = "有限公司"
            name = f"{city}{brand}{trade}{form}"
            key = name_key(name)
            if key not in self.keys:
                self.keys.add(key)
                return name


def unit_path(*names: str, kind: str = OrgUnit.Kind.OTHER) -> OrgUnit:
    """The unit at the end of a path of names, regions above it (山东省 / 烟台市 / 蓬莱市 / 市投资促进局)."""
    parent = None
    for i, name in enumerate(names):
        last = i == len(names) - 1
        parent = get_or_create_unit(name, parent, kind if last else OrgUnit.Kind.REGION)
    return parent


def start_program(log, *, code: str, **fields) -> Program | None:
    """Create the program, or return None (and say so) when a program with that code already exists:
    the whole program is loaded in the same transaction, so an existing one is complete."""
    if Program.objects.filter(code=code).exists():
        log(f"跳过：计划 {code} 已存在")
        return None
    program = programs.create_program(None, code=code, **fields)
    log(f"加载：计划 {code} {program.name}")
    return program


def add_batch(program: Program, number: int, **fields) -> Batch:
    """Create a batch whose status agrees with its dates on the load day: the documents are years old,
    so a batch they report as running has since ended. `status` counts only where the dates do not
    decide (an undated batch, or one not started yet that is already selecting)."""
    fields["status"] = batch_status_on(
        timezone.localdate(),
        fields.get("start_date"),
        fields.get("end_date"),
        fields.get("status", Batch.Status.PLANNED),
    )
    return programs.create_batch(None, program, number=number, **fields)


def batch_status_on(today: dt.date, start: dt.date | None, end: dt.date | None, status: str) -> str:
    """已结束 once the end date has passed, 进行中 between the dates, 计划中 (or 选拔中) before the start."""
    if end is not None and end < today:
        return Batch.Status.COMPLETED
    if start is not None and start <= today:
        return Batch.Status.ONGOING
    if start is not None and status != Batch.Status.SELECTING:
        return Batch.Status.PLANNED
    return status


def enrol_new_cadre(
    program: Program,
    *,
    code: str,
    batch: Batch | None,
    name: str,
    unit: OrgUnit,
    track: str = "",
    **cadre_fields,
) -> Participant:
    """Create a cadre through people.services and enrol them in the program."""
    if cadre_fields.get("id_number") and find_cadre_by_id_number(cadre_fields["id_number"]):
        cadre_fields["id_number"] = ""  # another program's cadre drew the same number: leave it blank
    cadre = create_cadre(None, name=name, unit=unit, **cadre_fields)
    return programs.enrol_cadre(None, program, cadre, code=code, batch=batch, track=track)


def rank_of(position: str) -> str:
    """The usual rank (职级) of a section-level position: 副… is 副科级, a head is 正科级, others 科员."""
    if "副" in position:
        return "副科级"
    if position.endswith(("科长", "主任", "局长", "经理", "书记")):
        return "正科级"
    return "科员"


def cadre_profile(
    rng: random.Random,
    *,
    area: str,
    born_from: int,
    born_to: int,
    gender: str,
    identified: bool,
) -> dict:
    """Birth month, and for some cadres an ID number and mobile (so the pages show them masked)."""
    born = birth_month(rng, born_from, born_to)
    profile: dict = {"birth_month": born, "gender": gender}
    if identified:
        profile["id_number"] = id_number(rng, area, born, gender)
        profile["mobile"] = mobile(rng)
    return profile


def generated_cadres(
    program: Program,
    rng: random.Random,
    names: NameMaker,
    *,
    count: int,
    batch: Batch | None,
    code_prefix: str,
    units: list[tuple[OrgUnit, list[str]]],
    area: str,
    born: tuple[int, int] = (1975, 1992),
    ranks: tuple[str, ...] | None = None,
    tags: tuple[str, ...] = ("招商引资", "产业经济", "项目管理"),
    track_of=None,
    start_number: int = 1,
) -> list[Participant]:
    """`count` generated cadres from the given units (unit, possible positions), one in three with an ID
    number and mobile; codes `{code_prefix}{n:03d}`. The rank follows the position unless `ranks` is given."""
    participants = []
    for n in range(start_number, start_number + count):
        name, gender = names.next()
        unit, positions = rng.choice(units)
        position = rng.choice(positions)
        profile = cadre_profile(
            rng, area=area, born_from=born[0], born_to=born[1], gender=gender, identified=n % 3 == 1
        )
        participants.append(
            enrol_new_cadre(
                program,
                code=f"{code_prefix}{n:03d}",
                batch=batch,
                name=name,
                unit=unit,
                track=track_of(n) if track_of else "",
                position=position,
                rank=rng.choice(ranks) if ranks else rank_of(position),
                tags=rng.sample(list(tags), k=min(len(tags), rng.randint(1, 2))),
                has_studied_economy=rng.random() < 0.6,
                has_worked_economy=rng.random() < 0.8,
                has_managed_economy=rng.random() < 0.4,
                is_reserve=rng.random() < 0.3,
                **profile,
            )
        )
    return participants


def stage_dates_before(rng: random.Random, first: dt.date, stages: list, deadline: dt.date) -> dict:
    """Dates for each stage in order, the first on `first`, the others spread up to `deadline`."""
    room = max((deadline - first).days, len(stages))
    cuts = sorted(rng.sample(range(1, room + 1), len(stages) - 1)) if len(stages) > 1 else []
    return {stage: first + dt.timedelta(days=([0, *cuts])[i]) for i, stage in enumerate(stages)}
