"""The program page in a real browser: log in, see the funnel figures, ECharts draws its canvas,
and switching the batch through HTMX redraws them."""

import pytest

from cadreforge.accounts.models import Role
from cadreforge.core.stages import Stage

from ..browser import BROWSER
from ..builders import PASSWORD, make_participant, make_program, make_project, make_user, make_visit

pytestmark = BROWSER


@pytest.fixture
def manager(transactional_db):
    program = make_program("penglai", batches=2, name="蓬莱驻点招商")
    wang = make_participant(program, "P001", batch=1, name="王海")
    zhao = make_participant(program, "P002", batch=2, name="赵云")
    make_visit(wang, "大庄竹业集团")
    make_visit(wang, "蓝海科技")
    make_visit(zhao, "远航物流")
    make_project(program, "X1", stage=Stage.SIGNED, cadres=[wang], amount_wan="30000")
    return make_user(Role.PROGRAM_MANAGER, username="manager", programs_granted=[program])


def test_manager_logs_in_and_sees_the_funnel_drawn(live_server, browser_page, manager):
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "manager")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.click("text=蓬莱驻点招商")
    page.wait_for_url("**/programs/penglai/")

    assert page.inner_text('[data-figure="visits"]') == "3"
    assert page.inner_text('[data-figure="signed_amount"]').startswith("3亿元")
    page.wait_for_selector("#funnel-chart canvas", timeout=10_000)
    assert page.locator("#funnel-chart canvas").count() >= 1

    page.click('.batch-switch a:has-text("第2批")')
    # a selector, not wait_for_function: the CSP (no 'unsafe-eval') refuses Playwright's string predicates
    page.wait_for_selector('[data-figure="visits"]:text-is("1")', timeout=10_000)
    assert page.url.endswith("?batch=2")
    page.wait_for_selector("#funnel-chart canvas", timeout=10_000)
    assert "招商引才成效（第2批）" in page.inner_text("#funnel-panel")
