"""In a real browser: five wrong passwords lock the account (the right one is then refused too, with the
lockout message), and a session left idle past 30 minutes is sent back to the login page."""

import time

import pytest

from cadreforge.accounts import middleware
from cadreforge.accounts.models import Role

from ..browser import BROWSER
from ..builders import PASSWORD, make_user

pytestmark = BROWSER


@pytest.fixture
def cadre(transactional_db):
    return make_user(Role.CADRE, username="xingxiaodong")


def _log_in(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(live_server, browser_page, cadre):
    page = browser_page
    _log_in(page, live_server.url, "nobody-here", "Wrong-pass-2026!")
    unknown_user_answer = page.inner_text("[role=alert]")
    answers = []
    for _ in range(5):
        _log_in(page, live_server.url, "xingxiaodong", "Wrong-pass-2026!")
        assert "/accounts/login/" in page.url
        answers.append(page.inner_text("[role=alert]"))
    # An unknown user meets the same wording as a wrong password: no way to probe which accounts exist.
    assert answers[0] == unknown_user_answer

    _log_in(page, live_server.url, "xingxiaodong", PASSWORD)
    assert "/accounts/login/" in page.url
    locked = page.inner_text("[role=alert]")
    assert "登录失败次数过多" in locked
    assert "分钟后再试" in locked


def test_an_idle_session_goes_back_to_the_login_page_after_thirty_minutes(
    live_server, browser_page, cadre, monkeypatch
):
    page = browser_page
    _log_in(page, live_server.url, "xingxiaodong", PASSWORD)
    assert "/accounts/login/" not in page.url

    later = time.time() + 31 * 60
    monkeypatch.setattr(middleware.time, "time", lambda: later)
    page.goto(f"{live_server.url}/")
    page.wait_for_load_state()
    assert "/accounts/login/" in page.url
    assert "会话已超时，请重新登录" in page.inner_text("body")
