"""Sessions: new id at login, idle and absolute timeouts, killed when the user is disabled.
Second factor: TOTP (RFC 6238) required for the three administrators, enrolment with a QR code."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from cadreforge.accounts import otp
from cadreforge.accounts.models import OtpDevice, Role
from cadreforge.accounts.services import _secret
from cadreforge.accounts.sessions import LAST_SEEN, LOGIN_AT
from cadreforge.audit.models import AuditEntry

from ..builders import PASSWORD, make_user

LOGIN = "/accounts/login/"


def test_rfc6238_sha1_test_vectors():
    """RFC 6238 appendix B (SHA-1 seed, 8 digits there; the last 6 digits are what 6-digit TOTP shows)."""
    secret = b"12345678901234567890"
    algo = otp.TotpSha1()
    for unix_time, expected in [(59, "94287082"), (1111111109, "07081804"), (2000000000, "69279037")]:
        assert algo.code(secret, unix_time // 30) == expected[-6:]


def test_sm3_device_gives_different_six_digit_codes():
    secret = b"12345678901234567890"
    sm3 = otp.TotpSm3().code(secret, 1)
    assert len(sm3) == 6 and sm3.isdigit() and sm3 != otp.TotpSha1().code(secret, 1)


def test_login_gives_a_new_session_id(db):
    make_user(Role.LEADER, username="qian")
    client = Client()
    client.get(LOGIN)
    session = client.session
    session["before_login"] = True
    session.save()
    before = session.session_key
    client.post(LOGIN, {"username": "qian", "password": PASSWORD})
    assert client.session.session_key != before
    assert client.get("/").status_code == 200
    fixated = Client()
    fixated.cookies["sessionid"] = before
    assert fixated.get("/").status_code == 302  # the pre-login id does not carry the login


def _age_session(client, **seconds):
    session = client.session
    for key, ago in seconds.items():
        session[key] = time.time() - ago
    session.save()


def test_idle_session_is_logged_out_after_thirty_minutes(login):
    client = login(Role.LEADER)
    assert client.get("/").status_code == 200
    _age_session(client, **{LAST_SEEN: 31 * 60})
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert "会话已超时" in client.get(response["Location"]).content.decode()
    assert AuditEntry.objects.filter(action="auth.session_expired", changes__reason="idle").exists()


def test_active_session_ends_at_the_absolute_limit(login, settings):
    settings.CADREFORGE_SESSION_ABSOLUTE_HOURS = 8
    client = login(Role.LEADER)
    _age_session(client, **{LOGIN_AT: 8 * 3600 + 1, LAST_SEEN: 10})
    assert client.get("/").status_code == 302


def test_disabling_a_user_ends_their_sessions(login):
    client = login(Role.LEADER)
    assert client.get("/").status_code == 200
    client.user.is_active = False
    client.user.save()
    assert not Session.objects.filter(session_key=client.session.session_key).exists()
    assert client.get("/").status_code == 302


def _now_code(device: OtpDevice) -> str:
    return otp.algorithm(device.kind).code(_secret(device), otp.current_counter())


@pytest.fixture
def admin_client(db):
    make_user(Role.AUDIT_ADMIN, username="shenji")
    client = Client(REMOTE_ADDR="10.1.1.1")
    assert client.post(LOGIN, {"username": "shenji", "password": PASSWORD}).status_code == 302
    return client


def test_administrator_must_enrol_a_second_factor_before_anything_else(admin_client):
    response = admin_client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/otp/enrol/")
    page = admin_client.get(response["Location"]).content.decode()
    assert 'src="data:image/svg+xml' in page and "您的角色须使用双因素登录" in page
    device = OtpDevice.objects.get(user__username="shenji", confirmed=False)
    wrong = admin_client.post("/accounts/otp/enrol/", {"code": "000000"})
    assert "动态口令不正确" in wrong.content.decode()
    done = admin_client.post("/accounts/otp/enrol/", {"code": _now_code(device), "next": "/"})
    assert done.status_code == 302 and done["Location"] == "/"
    assert admin_client.get("/").status_code == 200
    assert AuditEntry.objects.filter(action="auth.otp_enrol").exists()


def test_enrolled_administrator_is_asked_for_the_code_at_every_login(admin_client):
    admin_client.get("/accounts/otp/enrol/")
    device = OtpDevice.objects.get(user__username="shenji")
    admin_client.post("/accounts/otp/enrol/", {"code": _now_code(device)})
    device.refresh_from_db()

    client = Client(REMOTE_ADDR="10.1.1.2")
    client.post(LOGIN, {"username": "shenji", "password": PASSWORD})
    assert client.get("/")["Location"].startswith("/accounts/otp/verify/")
    assert client.get("/api/v1/programs").status_code == 401  # the API does not take a half-done login
    device.last_counter = -1  # the code of this time step was used at enrolment; allow it once more
    device.save()
    ok = client.post("/accounts/otp/verify/", {"code": _now_code(device), "next": "/"})
    assert ok.status_code == 302
    assert client.get("/").status_code == 200
    replay = Client(REMOTE_ADDR="10.1.1.3")
    replay.post(LOGIN, {"username": "shenji", "password": PASSWORD})
    again = replay.post("/accounts/otp/verify/", {"code": _now_code(device)})
    assert "已使用过" in again.content.decode()  # a code works once


def test_wrong_codes_count_toward_the_lockout(admin_client):
    admin_client.get("/accounts/otp/enrol/")
    for _ in range(5):
        admin_client.post("/accounts/otp/enrol/", {"code": "000000"})
    device = OtpDevice.objects.get(user__username="shenji")
    response = admin_client.post("/accounts/otp/enrol/", {"code": _now_code(device)})
    assert "登录失败次数过多" in response.content.decode()
    assert not OtpDevice.objects.filter(user__username="shenji", confirmed=True).exists()


def test_other_roles_log_in_without_a_second_factor_unless_they_enrol(db):
    make_user(Role.LEADER, username="sun")
    client = Client()
    client.post(LOGIN, {"username": "sun", "password": PASSWORD})
    assert client.get("/").status_code == 200
    page = client.get("/accounts/otp/enrol/").content.decode()
    assert "绑定动态口令" in page and "您的角色须使用双因素登录" not in page


def test_otp_secret_is_stored_encrypted(admin_client):
    admin_client.get("/accounts/otp/enrol/")
    device = OtpDevice.objects.get(user__username="shenji")
    assert otp.b32(_secret(device)) not in device.secret_cipher
