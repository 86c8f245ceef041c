"""Revealing a cadre's full ID number or mobile (查看完整信息): permission, reason, audit without the value."""

import json

import pytest

from cadreforge.accounts.models import Role
from cadreforge.audit.context import deferred_audit
from cadreforge.audit.models import AuditEntry
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.core.validators import id_check_character, mask_id_number, mask_mobile
from cadreforge.people.reveal import reveal_personal_data

from ..builders import make_participant, make_program, make_user

ID_NUMBER = "11010519491231002" + id_check_character("11010519491231002")
OTHER_ID = "33010819800101001" + id_check_character("33010819800101001")
MOBILE = "13812345678"


@pytest.fixture
def cadre(db):
    program = make_program("penglai-3360")
    return make_participant(program, "P001", name="王一", id_number=ID_NUMBER, mobile=MOBILE).cadre


def _entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action))


def test_a_manager_with_a_reason_gets_the_full_id_number_and_the_reveal_is_audited(cadre):
    manager = make_user(Role.PROGRAM_MANAGER, username="zhang")
    assert reveal_personal_data(manager, cadre, "id_number", "办理派驻人员保险") == ID_NUMBER
    [entry] = _entries("cadre.reveal")
    assert entry.actor == manager
    assert entry.object_id == str(cadre.pk) and entry.object_repr == "王一"
    assert entry.changes == {"field": "id_number", "field_label": "身份证号", "reason": "办理派驻人员保险"}
    assert ID_NUMBER not in json.dumps(entry.changes, ensure_ascii=False)


def test_the_mobile_can_be_revealed_too(cadre):
    assert reveal_personal_data(make_user(Role.PROGRAM_MANAGER), cadre, "mobile", "联系本人") == MOBILE
    assert _entries("cadre.reveal")[0].changes["field_label"] == "手机号"


@pytest.mark.parametrize("reason", ["", "   ", "\u3000\n"])
def test_an_empty_reason_is_refused_in_chinese_and_nothing_is_audited_as_revealed(cadre, reason):
    with pytest.raises(DomainError, match="须填写理由"):
        reveal_personal_data(make_user(Role.PROGRAM_MANAGER), cadre, "id_number", reason)
    assert not _entries("cadre.reveal")


def test_a_reason_longer_than_200_characters_is_refused(cadre):
    with pytest.raises(DomainError, match="不能超过200字"):
        reveal_personal_data(make_user(Role.PROGRAM_MANAGER), cadre, "id_number", "核" * 201)


@pytest.mark.parametrize(
    "role", [Role.CADRE, Role.LEADER, Role.AUDITOR, Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.HOST_CONTACT]
)
def test_a_role_without_the_permission_is_refused_and_the_attempt_is_audited(cadre, role):
    user = make_user(role)
    with deferred_audit(), pytest.raises(PermissionDenied, match="无权查看"):
        reveal_personal_data(user, cadre, "id_number", "好奇")
    assert not _entries("cadre.reveal")
    [denied] = _entries("cadre.reveal_denied")
    assert denied.actor == user and denied.object_id == str(cadre.pk)


def test_a_disabled_manager_may_not_reveal(cadre):
    manager = make_user(Role.PROGRAM_MANAGER)
    manager.is_active = False
    with deferred_audit(), pytest.raises(PermissionDenied):
        reveal_personal_data(manager, cadre, "id_number", "核对")


def test_only_the_id_number_and_mobile_can_be_revealed(cadre):
    with pytest.raises(DomainError, match="只能查看身份证号或手机号"):
        reveal_personal_data(make_user(Role.PROGRAM_MANAGER), cadre, "id_number_cipher", "核对")


def test_a_value_not_on_file_says_so(db):
    cadre = make_participant(make_program("xiaoshan"), "X001", name="李二").cadre
    with pytest.raises(DomainError, match="未登记身份证号"):
        reveal_personal_data(make_user(Role.PROGRAM_MANAGER), cadre, "id_number", "核对")


def test_a_number_typed_into_the_reason_is_masked_in_the_audit_log(cadre):
    reason = f"核对是否与 {OTHER_ID} 重复，并致电 13900001111"
    reveal_personal_data(make_user(Role.PROGRAM_MANAGER), cadre, "id_number", reason)
    stored = _entries("cadre.reveal")[0].changes["reason"]
    assert OTHER_ID not in stored and "13900001111" not in stored
    assert mask_id_number(OTHER_ID) in stored and mask_mobile("13900001111") in stored
    assert stored.startswith("核对是否与")
