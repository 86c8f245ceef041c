"""The audit log page in a real browser at 1366 px: long content wraps inside its column, so the table fits
the page instead of being clipped on the right."""

import pytest
from django.conf import settings
from django.test import Client

from cadreforge.accounts.models import Role
from cadreforge.audit.services import record

from ..browser import BROWSER
from ..builders import PASSWORD, make_user

pytestmark = BROWSER


@pytest.fixture
def auditor_session(transactional_db) -> str:
    """A session of the audit administrator: the test client's login owes no second factor."""
    user = make_user(Role.AUDIT_ADMIN, username="shenji")
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_long_content_wraps_within_the_table_at_1366_px(live_server, browser_page, auditor_session):
    record(
        None,
        "enterprise.merge",
        object_repr="蓬莱海洋生物科技股份有限公司（原蓬莱海洋生物科技有限公司）",
        changes={
            "kept": "蓬莱海洋生物科技股份有限公司",
            "merged": "蓬莱海洋生物科技有限公司（重复录入）",
            "visits": 12,
            "note": "合并时保留较早录入的企业，走访、线索和项目全部转入保留的企业；" * 4,
            "last_removed_hash": "f" * 64,
        },
    )
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": auditor_session, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/audit/")
    assert "合并重复企业" in page.inner_text(".data-table")
    scroll_width = page.evaluate("() => document.querySelector('.table-wrap').scrollWidth")
    client_width = page.evaluate("() => document.querySelector('.table-wrap').clientWidth")
    assert scroll_width <= client_width, f"the table is {scroll_width} px wide in a {client_width} px column"
