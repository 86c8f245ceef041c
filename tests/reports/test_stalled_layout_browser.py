"""The red/yellow/green project lists on an office screen (1366×768): every column of each list is inside
its panel, the cadre in charge included."""

import datetime as dt

import pytest

from cadreforge.accounts.models import Role
from cadreforge.core.stages import Stage

from ..browser import BROWSER
from ..builders import PASSWORD, make_participant, make_program, make_project, make_user

pytestmark = BROWSER

LONG = "江苏省无锡市新吴区恒嘉高端精密电子元器件科技股份有限公司"


@pytest.fixture
def manager(transactional_db):
    program = make_program("lights", name="红黄绿灯测试计划")
    cadre = make_participant(program, "L1", name="李明")
    # Three projects with no progress since 2020: red, with long names.
    dates = {
        Stage.INSPECTION: dt.date(2020, 1, 6),
        Stage.INTENT: dt.date(2020, 2, 3),
        Stage.SIGNED: dt.date(2020, 3, 2),
    }
    for i, stage in enumerate((Stage.INSPECTION, Stage.INTENT, Stage.SIGNED)):
        make_project(
            program, f"L{i}", stage=stage, cadres=[cadre], investor=f"{LONG}{i}",
            name=f"{LONG}{i}蓬莱智能制造产业园项目", stage_dates={s: d for s, d in dates.items() if s <= stage},
        )  # fmt: skip
    return make_user(Role.PROGRAM_MANAGER, username="lightsmanager", programs_granted=[program])


def test_every_column_of_the_stalled_lists_fits_an_office_screen(live_server, browser_page, manager):
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "lightsmanager")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/dashboard/lights/")

    assert page.inner_text('#stalled [data-light-count="red"]') == "3个项目"
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('#stalled .table-wrap')]
                 .filter(wrap => wrap.scrollWidth > wrap.clientWidth + 1).length"""
    )
    assert overflowing == 0
    header = page.locator("#stalled th", has_text="责任干部").first.bounding_box()
    assert header["x"] + header["width"] <= 1366
    assert page.locator("#stalled td", has_text="李明").first.is_visible()
