"""The audit log: logins, rights changes and denials are recorded (denials even when the business
transaction rolls back); the MAC is pluggable (HMAC-SM3); retention ≥ 184 days; the audit admin reads it."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import Client
from django.utils import timezone

from cadreforge.accounts.models import Role
from cadreforge.audit.context import deferred_audit
from cadreforge.audit.models import AuditEntry
from cadreforge.audit.selectors import verify_chain
from cadreforge.audit.services import record, record_after_rollback
from cadreforge.pipeline.models import Visit
from cadreforge.programs.models import Program

from ..builders import PASSWORD, make_participant, make_program, make_user


def test_login_and_logout_are_recorded_with_the_address(db):
    make_user(Role.LEADER, username="zhou")
    client = Client(REMOTE_ADDR="10.2.0.1")
    client.post("/accounts/login/", {"username": "zhou", "password": PASSWORD})
    client.post("/accounts/logout/")
    actions = list(AuditEntry.objects.filter(actor_name="zhou").values_list("action", "ip"))
    assert ("auth.login", "10.2.0.1") in actions and ("auth.logout", "10.2.0.1") in actions


def test_a_change_of_role_or_activation_is_recorded_before_and_after(db):
    user = make_user(Role.CADRE)
    user.role = Role.PROGRAM_MANAGER
    user.is_active = False
    user.save()
    entry = AuditEntry.objects.get(action="user.rights_change", object_id=str(user.pk))
    assert entry.changes["changed"] == {"role": ["cadre", "program_manager"], "is_active": [True, False]}


def test_a_denial_survives_the_rollback_of_the_business_transaction(db):
    with deferred_audit(), pytest.raises(RuntimeError), transaction.atomic():
        Program.objects.create(code="doomed", name="将被回滚", kind=Program.Kind.SECONDMENT)
        record_after_rollback("wu", "access.denied", changes={"why": "测试"})
        raise RuntimeError("business failure")
    assert not Program.objects.filter(code="doomed").exists()
    assert AuditEntry.objects.filter(action="access.denied", actor_name="wu").exists()
    assert verify_chain().intact


def test_a_forbidden_api_write_is_recorded_though_the_write_rolled_back(db):
    from cadreforge.api.services import create_token

    make_participant(make_program("penglai-3360"), "P001")
    leader = make_user(Role.LEADER)
    _, token = create_token(leader, name="只读")
    response = Client(REMOTE_ADDR="10.2.0.9").post(
        "/api/v1/programs/penglai-3360/visits",
        {"cadre": "P001", "enterprise": "大莊竹業集團有限公司", "date": "2024-03-01"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 403
    assert not Visit.objects.exists()
    entry = AuditEntry.objects.get(action="access.denied")
    assert entry.ip == "10.2.0.9" and entry.actor_id == leader.pk
    assert entry.changes["path"] == "/api/v1/programs/penglai-3360/visits"


def test_the_chain_can_use_hmac_sm3_and_stays_verifiable_across_a_switch(db, settings):
    record(None, "test.sha256")
    settings.CADREFORGE_AUDIT_MAC = "hmac-sm3"
    sm3 = record(None, "test.sm3")
    assert sm3.mac_algorithm == "hmac-sm3" and len(sm3.hash) == 64
    assert verify_chain().intact
    settings.CADREFORGE_AUDIT_MAC = "hmac-sha256"
    forged = AuditEntry(**{f.attname: getattr(sm3, f.attname) for f in AuditEntry._meta.fields})
    forged.mac_algorithm = "hmac-sha256"  # the same content under the other MAC does not match
    from cadreforge.audit.services import entry_digest

    assert entry_digest(forged) != sm3.hash


def _trigger(state: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # run the deferred FK checks queued so far
            cursor.execute(f"ALTER TABLE audit_auditentry {state} TRIGGER audit_entry_append_only")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def test_purge_refuses_less_than_184_days(db):
    with pytest.raises(CommandError, match="至少保留 184 天"):
        call_command("audit", "purge", "--older-than", "183")


def test_purge_removes_only_old_entries_and_the_chain_still_verifies(db):
    old = [record(None, f"test.old{n}") for n in range(3)]
    recent = record(None, "test.recent")
    _trigger("DISABLE")  # back-dating needs the table owner switching the PostgreSQL trigger off
    AuditEntry.objects.filter(pk__in=[e.pk for e in old]).update(at=timezone.now() - dt.timedelta(days=200))
    # back-dating changed their MACs; re-chain them as if they had been written then
    from cadreforge.audit.services import entry_digest

    prev = "0" * 64
    for entry in AuditEntry.objects.order_by("id"):
        entry.prev_hash = prev
        entry.hash = entry_digest(entry)
        entry.save()
        prev = entry.hash
    _trigger("ENABLE")  # the purge itself runs with the trigger on: it admits deleting old rows only
    out = StringIO()
    call_command("audit", "purge", "--older-than", "184", stdout=out)
    assert "3 条" in out.getvalue()
    assert AuditEntry.objects.filter(pk=recent.pk).exists()
    assert not AuditEntry.objects.filter(pk__in=[e.pk for e in old]).exists()
    assert verify_chain().intact


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgresql_refuses_update_and_delete_of_audit_entries(db):
    entry = record(None, "test.protected")
    for statement in (
        "UPDATE audit_auditentry SET action = 'x' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="只能追加"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.protected"


@pytest.mark.urls("tests.security.urls")
def test_audit_admin_reads_and_filters_the_log(login):
    record(None, "program.create", object_type="programs.program", object_repr="蓬莱3360")
    record(None, "cadre.reveal", object_type="people.cadre", object_repr="王某")
    client = login(Role.AUDIT_ADMIN)
    html = client.get("/audit/", {"action": "cadre"}).content.decode()
    assert "cadre.reveal" in html and "program.create" not in html


@pytest.mark.urls("tests.security.urls")
@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.PROGRAM_MANAGER, Role.CADRE])
def test_other_roles_may_not_read_the_audit_log_and_the_attempt_is_recorded(login, role):
    client = login(role)
    assert client.get("/audit/").status_code == 403
    assert AuditEntry.objects.filter(action="access.denied", actor=client.user).exists()


@pytest.mark.urls("tests.security.urls")
def test_the_audit_page_offers_no_way_to_change_anything(login):
    record(None, "program.create")
    client = login(Role.AUDIT_ADMIN)
    assert client.post("/audit/").status_code == 405
    assert (
        '<form method="post"'
        not in client.get("/audit/").content.decode().split("<main", 1)[-1].split("logout")[0]
    )
