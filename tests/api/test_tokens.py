"""API tokens: created once in clear, stored as a hash, listed and revoked by their owner only."""

import hashlib

from django.test import Client

from cadreforge.accounts.models import Role
from cadreforge.api.models import ApiToken
from cadreforge.api.services import create_token, revoke_token
from cadreforge.audit.models import AuditEntry

from ..builders import make_user


def test_a_created_token_is_stored_as_its_sha256_not_in_clear(db):
    user = make_user()
    token, clear = create_token(user, name="手机")
    token.refresh_from_db()
    assert token.key_hash == hashlib.sha256(clear.encode()).hexdigest()
    assert clear.startswith(token.prefix) and len(clear) > len(token.prefix) + 20
    stored = [str(v) for v in ApiToken.objects.values_list().get(pk=token.pk)]
    assert all(clear not in value for value in stored)


def test_creating_and_revoking_a_token_is_audited_without_the_secret(db):
    user = make_user()
    token, clear = create_token(user, name="手机")
    revoke_token(user, token)
    entries = AuditEntry.objects.filter(action__startswith="api_token.").order_by("id")
    assert [e.action for e in entries] == ["api_token.create", "api_token.revoke"]
    assert all(e.actor_id == user.pk and clear not in str(e.changes) for e in entries)


def test_the_token_page_lists_only_my_tokens(login):
    me = make_user(Role.CADRE)
    create_token(me, name="我的手机")
    create_token(make_user(), name="别人的脚本")
    page = login(me).get("/api/tokens/")
    assert page.status_code == 200
    assert "我的手机" in page.text and "别人的脚本" not in page.text


def test_creating_a_token_in_the_page_shows_it_once(login):
    client = login()
    created = client.post("/api/tokens/", {"name": "看板同步"})
    assert created.status_code == 200
    token = ApiToken.objects.get(user=client.user)
    clear = created.context["clear_token"]
    assert clear in created.text and "只显示这一次" in created.text
    assert token.key_hash == hashlib.sha256(clear.encode()).hexdigest()
    assert "no-store" in created["Cache-Control"]
    again = client.get("/api/tokens/")
    assert "看板同步" in again.text and clear not in again.text


def test_a_token_without_a_name_is_refused_with_a_message(login):
    client = login()
    answer = client.post("/api/tokens/", {"name": "  "})
    assert answer.status_code == 400 and "这个字段是必填项" in answer.text
    assert not ApiToken.objects.exists()


def test_revoking_my_token_in_the_page_stops_it_working(login, bearer, program):
    client = login()
    token, clear = create_token(client.user, name="旧脚本")
    answer = client.post(f"/api/tokens/{token.pk}/revoke/", follow=True)
    assert "已撤销" in answer.text
    token.refresh_from_db()
    assert token.revoked_at is not None
    refused = Client(HTTP_AUTHORIZATION=f"Bearer {clear}").get("/api/v1/programs")
    assert refused.status_code == 401 and "令牌" in refused.json()["detail"]


def test_i_cannot_revoke_someone_elses_token(login):
    other, _ = create_token(make_user(), name="别人的")
    answer = login().post(f"/api/tokens/{other.pk}/revoke/")
    assert answer.status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_a_call_without_a_token_is_401_in_chinese(db):
    answer = Client().get("/api/v1/programs")
    assert answer.status_code == 401
    assert "未认证" in answer.json()["detail"]
    assert answer["WWW-Authenticate"] == "Bearer"


def test_a_wrong_token_is_401(db):
    answer = Client(HTTP_AUTHORIZATION="Bearer cf_00000000_nope").get("/api/v1/programs")
    assert answer.status_code == 401


def test_a_token_of_a_disabled_user_is_401(db):
    user = make_user()
    _, clear = create_token(user, name="x")
    user.is_active = False
    user.save()
    assert Client(HTTP_AUTHORIZATION=f"Bearer {clear}").get("/api/v1/programs").status_code == 401


def test_using_a_token_records_when_it_was_last_used(db, bearer):
    client = bearer(make_user())
    token = ApiToken.objects.get(user=client.user)
    assert token.last_used_at is None
    assert client.get("/api/v1/programs").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
