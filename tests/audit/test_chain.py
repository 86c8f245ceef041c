"""The audit log is a hash chain: altering or removing an entry is found, naming the first broken one."""

import io
import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from cadreforge.audit.models import AuditEntry
from cadreforge.audit.selectors import verify_chain
from cadreforge.audit.services import GENESIS, record
from cadreforge.org.services import get_or_create_unit
from tests.builders import make_user


def _as_table_owner_without_the_trigger() -> None:
    """On PostgreSQL a trigger refuses UPDATE/DELETE (see tests/security); these tests play an attacker with
    the table owner's rights, who can switch it off, to show the chain still finds what they did."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only")


@pytest.fixture
def entries(db):
    _as_table_owner_without_the_trigger()
    unit = get_or_create_unit("市投资促进局")
    return [record(None, f"test.step{n}", unit, {"n": n, "名称": "蓬莱"}) for n in range(5)]


def test_each_entry_links_to_the_one_before(entries):
    assert entries[0].prev_hash == GENESIS
    for before, after in itertools.pairwise(entries):
        assert after.prev_hash == before.hash
    assert len({e.hash for e in entries}) == 5


def test_an_untouched_log_verifies_intact(entries):
    report = verify_chain()
    assert report.intact and report.entries == 5 and report.first_broken_id is None


def test_an_empty_log_verifies_intact(db):
    assert verify_chain().intact


def test_an_entry_names_the_user_who_acted(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = make_user(username="zhang")
    entry = record(user, "test.login", changes={"when": "now"}, ip="10.0.0.1")
    assert entry.actor == user and entry.actor_name == "zhang"
    assert verify_chain().intact


@pytest.mark.parametrize(
    "change",
    [
        {"changes": {"n": 99}},
        {"action": "test.other"},
        {"actor_name": "someone"},
        {"object_repr": "别的单位"},
    ],
)
def test_altering_an_entry_is_found_at_that_entry(entries, change):
    AuditEntry.objects.filter(pk=entries[2].pk).update(**change)
    report = verify_chain()
    assert report.first_broken_id == entries[2].pk
    assert "记录被修改" in report.reason


def test_deleting_an_entry_in_the_middle_is_found_at_the_next_one(entries):
    AuditEntry.objects.filter(pk=entries[2].pk).delete()
    report = verify_chain()
    assert report.first_broken_id == entries[3].pk
    assert "被删除或修改" in report.reason


def test_deleting_the_first_entry_is_found(entries):
    AuditEntry.objects.filter(pk=entries[0].pk).delete()
    assert verify_chain().first_broken_id == entries[1].pk


def test_recomputing_an_altered_entry_without_the_key_still_breaks_the_next_link(entries):
    forged = AuditEntry.objects.get(pk=entries[1].pk)
    AuditEntry.objects.filter(pk=forged.pk).update(changes={"n": 42}, hash="f" * 64)
    assert verify_chain().first_broken_id == entries[1].pk


def test_the_verify_command_reports_an_intact_log(entries, capsys):
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    text = out.getvalue() + capsys.readouterr().out
    assert "共 5 条记录" in text and "校验通过" in text


def test_the_verify_command_fails_naming_the_first_broken_entry(entries):
    AuditEntry.objects.filter(pk=entries[3].pk).update(changes={})
    with pytest.raises(CommandError) as exc_info:
        call_command("audit", "verify", stdout=io.StringIO())
    assert f"第 {entries[3].pk} 号记录校验失败" in str(exc_info.value)
