"""Demo of issue 6: Huaibei's polymer-materials chain map with its neighbours (integrated circuits, new
energy, life and health — seed 002, 王程俊 at 宜兴经开区), local enterprises, gaps and targets in host
cities; verification of the dated stages the investment bureau would have checked; per-program pipeline
settings.

The documents name no enterprises on the chain: the names below are plausible demo choices. Verification
vouches only for stages with a date, so the verified totals never exceed the recorded ones.
"""

import zlib

from django.utils import timezone

from cadreforge.chains import services as chains
from cadreforge.chains.models import Chain
from cadreforge.pipeline import chainmap, workflow
from cadreforge.pipeline.models import LinkEnterprise, PipelineSettings, ProjectStage
from cadreforge.pipeline.services import get_or_create_enterprise, record_visit
from cadreforge.programs.models import Program

from .huaibei import FIVE_CLUSTERS_TEN_CHAINS, REGION_NAME

POLYMER = "高分子材料产业链"
# The polymer chain's neighbours named in the report, mapped onto chains of the 五群十链 plan.
NEIGHBOURS = {"集成电路": "电子信息产业链", "新能源": "新能源汽车零部件产业链", "生命健康": "生物医药产业链"}
NEIGHBOUR_LINKS = {
    "电子信息产业链": [("电子级化学品", "up"), ("集成电路封装测试", "mid"), ("消费电子整机", "down")],
    "新能源汽车零部件产业链": [("动力电池材料", "up"), ("电池隔膜与结构件", "mid"), ("整车配套", "down")],
    "生物医药产业链": [("医药中间体", "up"), ("医用耗材", "mid"), ("医疗器械", "down")],
}
LOCAL = {
    "煤制烯烃": ["淮北临涣煤化工有限公司", "淮北矿业煤化工分公司"],
    "工程塑料与特种树脂": ["淮北合成新材料有限公司"],
    "新能源电池材料": ["淮北新能源材料科技有限公司"],
    "电子级化学品": ["淮北电子化学品有限公司"],
    "整车配套": ["淮北汽车零部件制造有限公司"],
    "医药中间体": ["淮北医药化工有限公司"],
}
# Gaps (no local enterprise) and whom to target for them in host cities.
TARGETS = {
    "集成电路封装材料": [("无锡", "宜兴电子封装材料有限公司"), ("苏州", "苏州半导体封装材料有限公司")],
    "医用高分子材料": [("上海", "上海医用高分子材料有限公司"), ("杭州", "杭州生物医用材料有限公司")],
    "集成电路封装测试": [("南京", "南京集成电路封测有限公司")],
    "消费电子整机": [("苏州", "苏州智能终端制造有限公司")],
    "动力电池材料": [("常州", "常州动力电池材料有限公司"), ("宁波", "宁波锂电材料有限公司")],
    "电池隔膜与结构件": [("常州", "常州电池隔膜科技有限公司")],
    "医用耗材": [("嘉兴", "嘉兴医用耗材有限公司")],
    "医疗器械": [("上海", "上海医疗器械制造有限公司")],
}
SETTINGS = {
    "huaian-etdz-investment": (2, 4, PipelineSettings.CreditRule.FIRST_REPORTER),
    "penglai-3360": (3, 6, PipelineSettings.CreditRule.EQUAL),
    "huaibei-double-hundred": (3, 6, PipelineSettings.CreditRule.EQUAL),
}
VERIFIED_PERCENT = 70


def load(log) -> None:
    _chain_map(log)
    _settings(log)
    _verify(log)


def _chain_map(log) -> None:
    by_name = {
        c.name: c
        for c in Chain.objects.filter(
            name__in=[n for names in FIVE_CLUSTERS_TEN_CHAINS.values() for n in names]
        )
    }
    polymer = by_name.get(POLYMER)
    if polymer is None:
        return
    chains.link_neighbours(polymer, [by_name[name] for name in NEIGHBOURS.values() if name in by_name])
    links = {link.name: link for link in polymer.links.all()}
    for chain_name, rows in NEIGHBOUR_LINKS.items():
        if chain_name in by_name:
            for name, position in rows:
                links[name] = chains.get_or_create_link(by_name[chain_name], name, position)
    for link_name, names in LOCAL.items():
        for name in names:
            enterprise = get_or_create_enterprise(name, location="淮北")
            if not LinkEnterprise.objects.filter(link=links[link_name], enterprise=enterprise).exists():
                chainmap.place_enterprise(None, links[link_name], enterprise, role="local", city="淮北")
    targets = []
    for link_name, rows in TARGETS.items():
        for city, name in rows:
            enterprise = get_or_create_enterprise(name, location=city)
            targets.append(enterprise)
            if not LinkEnterprise.objects.filter(link=links[link_name], enterprise=enterprise).exists():
                chainmap.place_enterprise(None, links[link_name], enterprise, role="target", city=city)
    _visit_some_targets(targets, polymer)
    log(f"产业链图谱：{REGION_NAME}{POLYMER}及其关联产业链，{len(targets)}家目标企业")


def _visit_some_targets(targets: list, polymer: Chain) -> None:
    """The vanguard group visited the first targets (宜兴 first, as 王程俊 did), leaving the rest to visit."""
    program = Program.objects.filter(code="huaibei-double-hundred").first()
    if program is None:
        return
    participants = list(program.participants.order_by("code")[:3])
    batch = program.batches.filter(number=1).first()
    start = batch.start_date if batch and batch.start_date else None
    if not participants or start is None:
        return
    for i, enterprise in enumerate(targets[:3]):
        record_visit(
            None,
            participants[i % len(participants)],
            enterprise,
            date=start,
            location=enterprise.location,
            chains=[polymer],
        )


def _settings(log) -> None:
    for code, (yellow, red, rule) in SETTINGS.items():
        program = Program.objects.filter(code=code).first()
        if program is not None and not PipelineSettings.objects.filter(program=program).exists():
            workflow.save_settings(None, program, yellow_months=yellow, red_months=red, credit_rule=rule)
    log("招商设置：各计划的进度亮灯阈值与业绩分配规则")


def _verify(log) -> None:
    """Verify most dated stages (chosen by a hash of the stage) by the system (no verifier user), as of
    the stage's own date, once per program: a program with a verified stage is left alone, so a second
    load changes nothing even when later demo steps added projects after this one ran."""
    count = 0
    for program in Program.objects.order_by("code"):
        stages = ProjectStage.objects.filter(project__program=program)
        if stages.filter(verified_at__isnull=False).exists():
            continue
        for row in (
            stages.filter(date__isnull=False).select_related("project").order_by("project__code", "stage")
        ):
            key = f"{program.code}/{row.project.code}/{row.stage}".encode()
            if zlib.crc32(key) % 100 < VERIFIED_PERCENT:
                # Checked when the stage was reached, not on the load day (a stage dated after the
                # load day, if any, is checked today).
                on = min(row.date, timezone.localdate())
                workflow.verify_stage(None, row.project, row.stage, verified_on=on)
                count += 1
    log(f"项目核验：{count}个有日期的阶段已核验，其余待核验")
