"""The dashboard in Chromium: the charts are drawn as canvases and the wall mode toggles."""

import datetime as dt
import os
from pathlib import Path

import pytest

from cadreforge.accounts.models import Role
from cadreforge.core.stages import Stage

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
    return make_user(Role.PROGRAM_MANAGER, username="wallmanager", programs_granted=[program])


def test_dashboard_draws_its_charts_and_goes_full_screen(live_server, browser_page, manager):
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "wallmanager")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/dashboard/wall/")
    for chart in ("funnel", "trends", "leaders", "chains", "brackets", "units"):
        page.wait_for_selector(f"#chart-{chart} canvas", timeout=10_000)
    assert page.inner_text('[data-figure="projects"]') == "1"
    page.click("[data-toggle-wall]")
    page.wait_for_selector("#dashboard.wall", timeout=5_000)
    assert page.inner_text("[data-toggle-wall]") == "退出大屏"
