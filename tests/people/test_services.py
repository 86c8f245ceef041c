"""Creating cadres: personal data stored encrypted and masked, bad or duplicate ID numbers refused."""

import pytest

from cadreforge.audit.models import AuditEntry
from cadreforge.core.errors import DomainError
from cadreforge.org.services import get_or_create_unit
from cadreforge.people.models import Cadre
from cadreforge.people.services import create_cadre, find_cadre_by_id_number

ID_NUMBER = "11010519491231002X"


@pytest.fixture
def unit(db):
    return get_or_create_unit("市投资促进局")


def test_a_cadre_id_number_is_stored_encrypted_and_shown_masked(unit):
    cadre = create_cadre(
        None, name="王程俊", unit=unit, id_number="11010519491231002x", mobile="138-1234-5678"
    )
    stored = Cadre.objects.get(pk=cadre.pk)
    assert ID_NUMBER not in stored.id_number_cipher and stored.id_number_cipher
    assert stored.reveal_id_number() == ID_NUMBER
    assert stored.id_number_masked == "110***********002X"
    assert "13812345678" not in stored.mobile_cipher
    assert stored.reveal_mobile() == "13812345678"
    assert stored.mobile_masked == "138****5678"


def test_a_cadre_is_found_by_id_number_through_the_keyed_hash(unit):
    cadre = create_cadre(None, name="王程俊", unit=unit, id_number=ID_NUMBER)
    assert find_cadre_by_id_number(ID_NUMBER) == cadre
    assert find_cadre_by_id_number("") is None


def test_an_invalid_id_number_is_refused_in_chinese_and_nothing_is_stored(unit):
    with pytest.raises(DomainError, match="身份证号校验码不正确"):
        create_cadre(None, name="王程俊", unit=unit, id_number="110105194912310021")
    assert not Cadre.objects.exists()
    assert not AuditEntry.objects.filter(action="cadre.create").exists()


def test_an_invalid_mobile_is_refused_in_chinese(unit):
    with pytest.raises(DomainError, match="手机号应为11位"):
        create_cadre(None, name="王程俊", unit=unit, mobile="12345")


def test_a_second_cadre_with_the_same_id_number_is_refused(unit):
    create_cadre(None, name="王程俊", unit=unit, id_number=ID_NUMBER)
    with pytest.raises(DomainError, match="该身份证号已登记在其他干部名下"):
        create_cadre(None, name="王程俊", unit=unit, id_number=ID_NUMBER.lower())
    assert Cadre.objects.count() == 1


def test_a_cadre_needs_a_name(unit):
    with pytest.raises(DomainError, match="干部姓名不能为空"):
        create_cadre(None, name="  ", unit=unit)


def test_creating_a_cadre_is_audited_without_the_id_number(unit):
    cadre = create_cadre(None, name="王程俊", unit=unit, id_number=ID_NUMBER)
    entry = AuditEntry.objects.get(action="cadre.create")
    assert entry.object_id == str(cadre.pk) and entry.actor_name == "系统"
    assert ID_NUMBER not in str(entry.changes)
