"""The token's last use is written at most once a minute (a write per API call would cost more than the
call), without weakening the lockout: a locked-out address is refused even a valid token."""

import datetime as dt

from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cadreforge.accounts.models import LoginFailure, Role
from cadreforge.accounts.security import API_TOKEN_KEY
from cadreforge.api.auth import TokenAuth
from cadreforge.api.models import ApiToken
from cadreforge.api.services import create_token, note_token_use

from ..builders import make_user


def _updates(queries) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("UPDATE")]


def test_calls_within_a_minute_write_the_last_use_once(db, bearer):
    client = bearer(make_user())
    assert client.get("/api/v1/programs").status_code == 200
    first = ApiToken.objects.get(user=client.user).last_used_at
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert client.get("/api/v1/programs").status_code == 200
    assert not [sql for sql in _updates(queries) if "api_apitoken" in sql]
    assert ApiToken.objects.get(user=client.user).last_used_at == first


def test_a_call_after_more_than_a_minute_refreshes_the_last_use(db, bearer):
    client = bearer(make_user())
    long_ago = timezone.now() - dt.timedelta(minutes=5)
    ApiToken.objects.filter(user=client.user).update(last_used_at=long_ago)
    assert client.get("/api/v1/programs").status_code == 200
    assert ApiToken.objects.get(user=client.user).last_used_at > long_ago + dt.timedelta(minutes=4)


def test_a_stale_copy_of_the_token_does_not_write_again(db):
    """Two workers that both read the old time: the conditional UPDATE lets only the first one write."""
    token, _ = create_token(make_user(), name="手机")
    now = timezone.now()
    first_copy, second_copy = ApiToken.objects.get(pk=token.pk), ApiToken.objects.get(pk=token.pk)
    assert note_token_use(first_copy, now) is True
    assert note_token_use(second_copy, now + dt.timedelta(seconds=5)) is False
    assert ApiToken.objects.get(pk=token.pk).last_used_at == now


def test_a_recently_used_token_is_checked_with_reads_only(db):
    user = make_user(Role.LEADER)
    _, clear = create_token(user, name="看板")
    request = RequestFactory().get("/api/v1/programs", HTTP_AUTHORIZATION=f"Bearer {clear}")
    assert TokenAuth()(request) == user  # first use: writes last_used_at
    with CaptureQueriesContext(connection) as queries:
        assert TokenAuth()(request) == user
    # the token with its user and the address's recent failures (lockout): one read, no write
    assert len(queries.captured_queries) == 1 and not _updates(queries)


def test_a_locked_out_address_is_refused_a_valid_token_and_its_use_not_recorded(db, settings):
    user = make_user(Role.LEADER)
    token, clear = create_token(user, name="脚本")
    for _ in range(settings.CADREFORGE_LOCKOUT_FAILURES):
        LoginFailure.objects.create(username=API_TOKEN_KEY, ip="10.0.0.9", path="api")
    answer = Client(REMOTE_ADDR="10.0.0.9").get("/api/v1/programs", HTTP_AUTHORIZATION=f"Bearer {clear}")
    assert answer.status_code == 401
    token.refresh_from_db()
    assert token.last_used_at is None
    # Refused tries while locked out are not counted again (the lockout does not extend itself).
    assert LoginFailure.objects.filter(ip="10.0.0.9").count() == settings.CADREFORGE_LOCKOUT_FAILURES
    other = Client(REMOTE_ADDR="10.0.0.10").get("/api/v1/programs", HTTP_AUTHORIZATION=f"Bearer {clear}")
    assert other.status_code == 200


def test_old_failures_outside_the_window_do_not_lock(db, settings):
    user = make_user(Role.LEADER)
    _, clear = create_token(user, name="脚本")
    for _ in range(settings.CADREFORGE_LOCKOUT_FAILURES):
        LoginFailure.objects.create(username=API_TOKEN_KEY, ip="10.0.0.11", path="api")
    long_ago = timezone.now() - dt.timedelta(minutes=settings.CADREFORGE_LOCKOUT_MINUTES + 1)
    LoginFailure.objects.filter(ip="10.0.0.11").update(at=long_ago)
    answer = Client(REMOTE_ADDR="10.0.0.11").get("/api/v1/programs", HTTP_AUTHORIZATION=f"Bearer {clear}")
    assert answer.status_code == 200


def test_an_address_that_cannot_be_read_is_locked_out_like_any_other(db, settings):
    """Failures without a readable address are counted together (ip NULL), and lock out such calls too."""
    user = make_user(Role.LEADER)
    _, clear = create_token(user, name="脚本")
    unreadable = Client(REMOTE_ADDR="not-an-address")
    for n in range(settings.CADREFORGE_LOCKOUT_FAILURES):
        assert unreadable.get("/api/v1/programs", HTTP_AUTHORIZATION=f"Bearer wrong-{n}").status_code == 401
    assert LoginFailure.objects.filter(username=API_TOKEN_KEY, ip=None).count() == (
        settings.CADREFORGE_LOCKOUT_FAILURES
    )
    assert unreadable.get("/api/v1/programs", HTTP_AUTHORIZATION=f"Bearer {clear}").status_code == 401
    answer = Client(REMOTE_ADDR="10.0.0.12").get("/api/v1/programs", HTTP_AUTHORIZATION=f"Bearer {clear}")
    assert answer.status_code == 200


def test_a_wrong_token_is_counted_once_as_a_failure_of_its_address(db):
    answer = Client(REMOTE_ADDR="10.0.0.13").get("/api/v1/programs", HTTP_AUTHORIZATION="Bearer cf_nope")
    assert answer.status_code == 401
    assert LoginFailure.objects.filter(username=API_TOKEN_KEY, ip="10.0.0.13").count() == 1


def test_a_revoked_token_or_a_disabled_user_is_refused_at_the_next_call(db, bearer):
    client = bearer(make_user(Role.LEADER))
    assert client.get("/api/v1/programs").status_code == 200
    ApiToken.objects.filter(user=client.user).update(revoked_at=timezone.now())
    assert client.get("/api/v1/programs").status_code == 401
    other = bearer(make_user(Role.LEADER))
    assert other.get("/api/v1/programs").status_code == 200
    other.user.is_active = False
    other.user.save()
    assert other.get("/api/v1/programs").status_code == 401


def test_a_write_through_the_token_records_its_time_and_a_read_does_not(bearer, manager, program):
    """The time of the token's last write pins its reads to the primary when a replica is configured."""
    client = bearer(manager)
    assert client.get("/api/v1/programs/penglai-3360/visits").status_code == 200
    assert ApiToken.objects.get(user=manager).last_write_at is None
    visit = {"cadre": "P001", "enterprise": "大莊竹業集團有限公司", "date": "2024-03-01"}
    answer = client.post("/api/v1/programs/penglai-3360/visits", visit, content_type="application/json")
    assert answer.status_code == 201
    token = ApiToken.objects.get(user=manager)
    assert token.last_write_at is not None and token.last_used_at == token.last_write_at
    assert client.get("/api/v1/programs/penglai-3360/visits").status_code == 200
    assert ApiToken.objects.get(user=manager).last_write_at == token.last_write_at


def test_a_token_that_just_wrote_is_still_checked_with_one_read(db):
    """Whether the token is pinned to the primary is one more column of the same query, not a query."""
    user = make_user(Role.LEADER)
    token, clear = create_token(user, name="手机")
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now(), last_write_at=timezone.now())
    request = RequestFactory().get("/api/v1/programs", HTTP_AUTHORIZATION=f"Bearer {clear}")
    with CaptureQueriesContext(connection) as queries:
        assert TokenAuth()(request) == user
    assert len(queries.captured_queries) == 1 and not _updates(queries)
