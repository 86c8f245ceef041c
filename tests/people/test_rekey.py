"""Key rotation (密钥轮换): with a new DATA_KEY and the old one retired, personal data stays readable, and
`cadreforge rekey` rewrites it with the new key — lookups work again, the old key can go, the audit chain
still verifies. Without the old key nothing is changed and the row is named."""

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from cadreforge.accounts.models import OtpDevice
from cadreforge.accounts.services import start_enrolment
from cadreforge.audit.models import AuditEntry
from cadreforge.audit.selectors import verify_chain
from cadreforge.core import crypto
from cadreforge.org.services import get_or_create_unit
from cadreforge.people.models import Cadre
from cadreforge.people.services import create_cadre, find_cadre_by_id_number
from tests.builders import make_user

ID_NUMBER = "11010519491231002X"
OLD, NEW = "old-data-key-0123456789abcdef", "new-data-key-fedcba9876543210"


@pytest.fixture
def written_with_old_key(db, settings):
    settings.DATA_KEY, settings.DATA_KEY_RETIRED = OLD, []
    unit = get_or_create_unit("市投资促进局")
    cadre = create_cadre(None, name="王程俊", unit=unit, id_number=ID_NUMBER, mobile="13812345678")
    device = start_enrolment(make_user())
    return cadre, crypto.decrypt(device.secret_cipher)


def test_after_rotation_old_values_read_and_rekey_makes_the_old_key_unneeded(written_with_old_key, settings):
    cadre, secret = written_with_old_key
    old_cipher = cadre.id_number_cipher
    settings.DATA_KEY, settings.DATA_KEY_RETIRED = NEW, [OLD]

    assert Cadre.objects.get(pk=cadre.pk).reveal_id_number() == ID_NUMBER  # read with the retired key
    assert find_cadre_by_id_number(ID_NUMBER) is None  # the lookup hash is still the old key's

    call_command("rekey")

    settings.DATA_KEY_RETIRED = []  # the old key is gone
    rekeyed = Cadre.objects.get(pk=cadre.pk)
    assert rekeyed.id_number_cipher != old_cipher
    assert rekeyed.reveal_id_number() == ID_NUMBER and rekeyed.reveal_mobile() == "13812345678"
    assert rekeyed.id_number_masked == cadre.id_number_masked
    assert find_cadre_by_id_number(ID_NUMBER) == rekeyed
    assert crypto.decrypt(OtpDevice.objects.get().secret_cipher) == secret
    entry = AuditEntry.objects.get(action="data_key.rekey")
    assert entry.changes == {"cadres": 1, "otp_devices": 1, "key_id": crypto.key_id(NEW.encode())}

    settings.DATA_KEY_RETIRED = [OLD]  # entries written before the rotation verify with the retired key
    assert verify_chain().intact


def test_without_the_old_key_rekey_changes_nothing_and_names_the_cadre(written_with_old_key, settings):
    cadre, _secret = written_with_old_key
    settings.DATA_KEY, settings.DATA_KEY_RETIRED = NEW, []

    with pytest.raises(CommandError, match=r"干部“王程俊”.*身份证号无法用当前或已退役的密钥解密"):
        call_command("rekey")

    assert Cadre.objects.get(pk=cadre.pk).id_number_cipher == cadre.id_number_cipher
    assert not AuditEntry.objects.filter(action="data_key.rekey").exists()


def test_the_audit_chain_fails_to_verify_without_the_key_it_was_written_with(written_with_old_key, settings):
    settings.DATA_KEY, settings.DATA_KEY_RETIRED = NEW, []
    assert not verify_chain().intact


@hsettings(max_examples=50, deadline=None)
@given(text=st.text(min_size=1, max_size=40), retired=st.lists(st.text(min_size=8, max_size=20), max_size=3))
def test_a_value_written_with_any_configured_key_reads_back(text, retired):
    from django.test import override_settings

    with override_settings(DATA_KEY=retired[0] if retired else "k" * 16, DATA_KEY_RETIRED=[]):
        token = crypto.encrypt(text)
    with override_settings(DATA_KEY="current-key-xyz", DATA_KEY_RETIRED=[*retired, "k" * 16]):
        assert crypto.decrypt(token) == text
