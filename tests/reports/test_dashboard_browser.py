"""The dashboard in Chromium: the charts are drawn as canvases and the wall mode toggles."""

import datetime as dt
import os
from pathlib import Path

import pytest

from cadreforge.accounts.models import Role
from cadreforge.chains.services import get_or_create_chain
from cadreforge.core.stages import Stage
from cadreforge.org.models import OrgUnit, Region, place_key
from cadreforge.org.services import get_or_create_unit
from cadreforge.people.models import Cadre
from cadreforge.programs import services as programs
from cadreforge.secondment.services import assign_post

from ..builders import (
    PASSWORD,
    make_lead,
    make_participant,
    make_program,
    make_project,
    make_user,
    make_visit,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="需要 Debian 的 Chromium：/usr/bin/chromium 不存在"),
]
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(locale="zh-CN", viewport={"width": 1920, "height": 1080})
        try:
            yield page
        finally:
            browser.close()


@pytest.fixture
def manager(transactional_db):
    program = make_program("wall", name="大屏测试计划")
    wang = make_participant(program, "W1", name="王海")
    make_visit(wang, "甲公司", dt.date(2024, 3, 1))
    make_lead(wang, "甲公司")
    make_project(program, "X1", stage=Stage.SIGNED, cadres=[wang], amount_wan="20000")
    # A flow from 蓬莱市 to 上海, both with coordinates, for the map of China.
    for name, lon, lat in (("蓬莱市", "120.7586", "37.8108"), ("上海", "121.4737", "31.2304")):
        Region.objects.update_or_create(
            name_key=place_key(name), defaults={"name": name, "longitude": lon, "latitude": lat}
        )
    penglai = get_or_create_unit("蓬莱市", kind=OrgUnit.Kind.REGION)
    Cadre.objects.filter(pk=wang.cadre_id).update(unit=get_or_create_unit("市商务局", penglai))
    host = programs.get_or_create_host_unit(name="上海交通大学国家大学科技园", city="上海")
    chain = get_or_create_chain("高分子材料产业链")
    assign_post(None, wang, programs.create_post(None, program, code="G1", host=host, chains=[chain]))
    return make_user(Role.PROGRAM_MANAGER, username="wallmanager", programs_granted=[program])


def _log_in(live_server, page, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_dashboard_draws_its_charts_and_goes_full_screen(live_server, browser_page, manager):
    page = browser_page
    _log_in(live_server, page, "wallmanager")
    page.goto(f"{live_server.url}/dashboard/wall/")
    for chart in ("funnel", "trends", "leaders", "chains", "brackets", "units", "flows"):
        page.wait_for_selector(f"#chart-{chart} canvas", timeout=10_000)
    # The map of China we serve (from the npm package) loads into ECharts 5 and carries the flow line.
    assert page.evaluate("() => Object.keys(echarts.getMap('china').geoJSON.features).length") >= 34
    lines = page.evaluate(
        "() => echarts.getInstanceByDom(document.getElementById('chart-flows')).getOption().series[0].data"
    )
    assert [(line["home"], line["host"], line["value"]) for line in lines] == [("蓬莱市", "上海", 1)]
    assert page.inner_text('[data-figure="projects"]') == "1"
    page.click("[data-toggle-wall]")
    page.wait_for_selector("#dashboard.wall", timeout=5_000)
    assert page.inner_text("[data-toggle-wall]") == "退出大屏"


def test_a_program_without_chains_says_so_instead_of_an_empty_chain_chart(live_server, browser_page):
    program = make_program("no-chains", name="无产业链计划")
    make_visit(make_participant(program, "N1", name="李青"), "乙公司", dt.date(2024, 3, 1))
    make_user(Role.PROGRAM_MANAGER, username="nochains", programs_granted=[program])
    page = browser_page
    _log_in(live_server, page, "nochains")
    page.goto(f"{live_server.url}/dashboard/no-chains/")
    page.wait_for_selector("#chart-funnel canvas", timeout=10_000)
    assert page.inner_text("#chart-chains") == "暂无数据"
    assert page.query_selector("#chart-chains canvas") is None


def test_a_program_without_cadres_says_so_in_its_cadre_and_unit_charts(live_server, browser_page):
    program = make_program("empty-board", name="新建计划")
    make_user(Role.PROGRAM_MANAGER, username="emptyboard", programs_granted=[program])
    page = browser_page
    _log_in(live_server, page, "emptyboard")
    page.goto(f"{live_server.url}/dashboard/empty-board/")
    page.wait_for_selector("#chart-funnel canvas", timeout=10_000)
    for chart in ("leaders", "units"):
        assert page.inner_text(f"#chart-{chart}") == "暂无数据"
        assert page.query_selector(f"#chart-{chart} canvas") is None
