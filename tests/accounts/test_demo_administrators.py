"""The demo's security and audit administrators (三员分立): one edits users, one reads the audit log, both
are listed by `cadreforge demo accounts`, and both must enrol a second factor at their first login."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from cadreforge.accounts.models import Role, User
from cadreforge.exchange.demo.accounts import DEMO_PASSWORD, ensure_accounts

ADMINS = [("security", Role.SECURITY_ADMIN), ("auditadmin", Role.AUDIT_ADMIN)]


@pytest.fixture
def demo_users(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ensure_accounts(lambda message: None)
    return {u.username: u for u in User.objects.all()}


def _logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_demo_accounts_lists_both_administrators_with_their_roles(demo_users):
    out = StringIO()
    call_command("demo", "accounts", stdout=out)
    lines = out.getvalue().splitlines()
    for username, role in ADMINS:
        assert any(line.startswith(f"{username}\t{Role(role).label}\t{DEMO_PASSWORD}\t") for line in lines)
        user = demo_users[username]
        assert user.role == role and user.check_password(DEMO_PASSWORD)
        assert not user.is_superuser


def test_the_security_administrator_edits_a_user_in_the_back_office(demo_users):
    security, leader = demo_users["security"], demo_users["leader"]
    client = _logged_in(security)
    assert client.get("/admin/accounts/user/").status_code == 200
    page = client.get(f"/admin/accounts/user/{leader.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' in page.content.decode()
    response = client.post(
        f"/admin/accounts/user/{leader.pk}/change/",
        {
            "username": "leader",
            "display_name": "市委领导（已调离）",
            "role": Role.LEADER,
            "first_name": "",
            "last_name": "",
            "email": "",
            "_save": "保存",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    leader.refresh_from_db()
    assert leader.display_name == "市委领导（已调离）" and not leader.is_active  # unticked: disabled


def test_the_audit_administrator_reads_the_audit_log_but_edits_no_user(demo_users):
    client = _logged_in(demo_users["auditadmin"])
    log = client.get("/audit/")
    assert log.status_code == 200 and "user.create" in log.content.decode()
    assert (
        client.get(f"/admin/accounts/user/{demo_users['leader'].pk}/change/").status_code == 302
    )  # no back-office
    assert not demo_users["auditadmin"].has_perm("accounts.change_user")


def test_the_security_administrator_cannot_read_the_audit_log(demo_users):
    assert _logged_in(demo_users["security"]).get("/audit/").status_code == 403


@pytest.mark.parametrize("username", [name for name, _ in ADMINS])
def test_an_administrator_must_enrol_a_second_factor_at_first_login(demo_users, username):
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    follow = client.get("/")
    assert follow.status_code == 302 and follow["Location"].startswith("/accounts/otp/enrol/")
