"""Lockout after 5 failures per username + client address, on every door: web login, admin login, API token."""

import pytest
from django.test import Client

from cadreforge.accounts.models import LoginFailure, Role
from cadreforge.audit.models import AuditEntry

from ..builders import PASSWORD, make_user

LOGIN = "/accounts/login/"


def _fail(client: Client, username: str, times: int = 5, **extra) -> None:
    for _ in range(times):
        client.post(LOGIN, {"username": username, "password": "Wrong-pass-123"}, **extra)


def test_five_failures_lock_the_account_from_that_address_even_with_the_right_password(db):
    make_user(Role.LEADER, username="zhao")
    client = Client(REMOTE_ADDR="10.0.0.9")
    _fail(client, "zhao")
    response = client.post(LOGIN, {"username": "zhao", "password": PASSWORD})
    assert response.status_code == 200
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_same_user_from_another_address_can_still_log_in(db):
    make_user(Role.LEADER, username="zhao")
    _fail(Client(REMOTE_ADDR="10.0.0.9"), "zhao")
    response = Client(REMOTE_ADDR="10.0.0.10").post(LOGIN, {"username": "zhao", "password": PASSWORD})
    assert response.status_code == 302


def test_an_unknown_user_is_locked_out_the_same_way_as_a_known_one(db):
    make_user(Role.LEADER, username="zhao")
    known, unknown = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")
    _fail(known, "zhao")
    _fail(unknown, "nobody")
    a = known.post(LOGIN, {"username": "zhao", "password": "x"}).content.decode()
    b = unknown.post(LOGIN, {"username": "nobody", "password": "x"}).content.decode()
    assert "登录失败次数过多" in a and "登录失败次数过多" in b


def test_four_failures_then_success_clears_the_count(db):
    make_user(Role.LEADER, username="zhao")
    client = Client(REMOTE_ADDR="10.0.0.9")
    _fail(client, "zhao", times=4)
    assert client.post(LOGIN, {"username": "zhao", "password": PASSWORD}).status_code == 302
    assert not LoginFailure.objects.filter(username="zhao").exists()


def test_proxy_header_is_ignored_unless_configured(db, settings):
    """Without a configured proxy, a client cannot pick its address with X-Real-IP to dodge the lockout."""
    settings.CADREFORGE_CLIENT_IP_HEADER = ""
    make_user(Role.LEADER, username="zhao")
    client = Client(REMOTE_ADDR="10.0.0.9")
    for n in range(5):
        client.post(LOGIN, {"username": "zhao", "password": "bad"}, HTTP_X_REAL_IP=f"192.0.2.{n}")
    assert set(LoginFailure.objects.values_list("ip", flat=True)) == {"10.0.0.9"}


def test_behind_the_configured_proxy_each_client_is_counted_apart(db, settings):
    settings.CADREFORGE_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    make_user(Role.LEADER, username="zhao")
    proxy = Client(REMOTE_ADDR="127.0.0.1")
    _fail(proxy, "zhao", HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.5")
    locked = proxy.post(LOGIN, {"username": "zhao", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert "登录失败次数过多" in locked.content.decode()
    other = proxy.post(LOGIN, {"username": "zhao", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert other.status_code == 302


def test_admin_login_is_locked_too(db):
    user = make_user(Role.SECURITY_ADMIN, username="anquan")
    user.is_staff = True
    user.save()
    client = Client(REMOTE_ADDR="10.0.0.7")
    for _ in range(5):
        client.post("/admin/login/", {"username": "anquan", "password": "bad", "next": "/admin/"})
    client.post("/admin/login/", {"username": "anquan", "password": PASSWORD, "next": "/admin/"})
    assert "_auth_user_id" not in client.session
    assert LoginFailure.objects.filter(username="anquan", path="admin").count() >= 5


def test_api_token_guessing_is_locked_per_address(db, settings):
    from cadreforge.api.services import create_token

    user = make_user(Role.PROGRAM_MANAGER)
    _, token = create_token(user, name="脚本")
    guesser = Client(REMOTE_ADDR="10.0.0.66")
    for n in range(5):
        assert guesser.get("/api/v1/programs", HTTP_AUTHORIZATION=f"Bearer wrong-{n}").status_code == 401
    assert guesser.get("/api/v1/programs", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    honest = Client(REMOTE_ADDR="10.0.0.67")
    assert honest.get("/api/v1/programs", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


@pytest.mark.parametrize("username", ["zhao", "nobody"])
def test_every_failure_is_audited_with_the_address(db, username):
    make_user(Role.LEADER, username="zhao")
    Client(REMOTE_ADDR="10.0.0.5").post(LOGIN, {"username": username, "password": "bad"})
    entry = AuditEntry.objects.get(action="auth.login_failed")
    assert entry.object_repr == username and entry.ip == "10.0.0.5"
    assert entry.changes["path"] == "web"
