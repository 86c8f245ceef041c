"""No data lost: a backup restored into an empty database holds the same rows, and the audit chain verifies."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadreforge.audit.models import AuditEntry
from cadreforge.core.backup import fingerprint
from cadreforge.programs.models import Participant

from ..builders import make_participant, make_program


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", ["backup.json", "backup.json.gz"])
def test_backup_restores_into_an_empty_database_with_every_row_equal(tmp_path, name):
    program = make_program("penglai-3360", batches=2)
    make_participant(program, "P001", id_number="11010519491231002X", mobile="13800138000")
    make_participant(program, "P002", batch=2)
    before = fingerprint()
    assert before["programs.Participant"][0] == 2 and before["audit.AuditEntry"][0] > 0

    file = tmp_path / name
    call_command("backup", "-o", str(file), stdout=StringIO())
    call_command("flush", interactive=False, verbosity=0)
    assert not Participant.objects.exists() and not AuditEntry.objects.exists()

    out = StringIO()
    call_command("restore", str(file), stdout=out)
    assert fingerprint() == before
    assert "恢复完成" in out.getvalue() and "哈希链校验通过" in out.getvalue()
    restored = Participant.objects.get(code="P001").cadre
    assert restored.reveal_id_number() == "11010519491231002X"


def test_restore_refuses_a_database_that_has_data(db, tmp_path):
    make_program("penglai-3360")
    file = tmp_path / "b.json"
    call_command("backup", "-o", str(file), stdout=StringIO())
    with pytest.raises(CommandError, match="不是空库"):
        call_command("restore", str(file))
