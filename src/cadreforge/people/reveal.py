"""Revealing (查看完整信息) a cadre's full ID number or mobile. PIPL treats both as sensitive personal
information: only a role allowed to unmask may do it, it needs a reason, and every reveal — and every
refused attempt — is audited. The audit entry names who, which cadre, which field and why, never the value.

Which cadres a user may see is decided by the caller's selector (programs.selectors.get_visible_cadre sits
above this app); this module decides whether the user may unmask at all."""

import re

from django.db import transaction

from cadreforge.accounts.models import User
from cadreforge.audit.services import record, record_after_rollback
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.core.text import clean
from cadreforge.core.validators import id_check_character, mask_id_number, mask_mobile

from .models import Cadre

# field → its Chinese label; the only values that can be revealed.
REVEALABLE_FIELDS = {"id_number": "身份证号", "mobile": "手机号"}
MAX_REASON_LENGTH = 200

_ID_LIKE = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
_MOBILE_LIKE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def may_reveal_personal_data(user: User | None) -> bool:
    return bool(
        user is not None and user.is_authenticated and user.is_active and user.may_reveal_personal_data
    )


def revealable_fields(cadre: Cadre) -> list[tuple[str, str]]:
    """The fields this cadre has a value for, as (field, label) choices."""
    present = {"id_number": bool(cadre.id_number_cipher), "mobile": bool(cadre.mobile_cipher)}
    return [(field, label) for field, label in REVEALABLE_FIELDS.items() if present[field]]


def _scrub(reason: str) -> str:
    """A reason typed with the number in it must not put the number into the audit log."""

    def mask_id(match: re.Match) -> str:
        text = match.group(0)
        return mask_id_number(text.upper()) if id_check_character(text[:17]) == text[17].upper() else text

    return _MOBILE_LIKE.sub(lambda m: mask_mobile(m.group(0)), _ID_LIKE.sub(mask_id, reason))


def reveal_personal_data(user: User, cadre: Cadre, field: str, reason: str) -> str:
    """The clear value of `field` ("id_number" or "mobile") of the cadre, audited with the reason.
    Raises PermissionDenied for a role that may not unmask (the attempt is audited all the same) and
    DomainError for an unknown field, a missing reason or a value not on file."""
    field = str(field)[:32]
    label = REVEALABLE_FIELDS.get(field)
    if not may_reveal_personal_data(user):
        record_after_rollback(
            user, "cadre.reveal_denied", cadre, {"field": field, "field_label": label or ""}
        )
        raise PermissionDenied("您的角色无权查看干部的完整身份证号和手机号。")
    if label is None:
        raise DomainError(f"无法查看“{field}”：只能查看身份证号或手机号的完整信息。")
    reason = clean(reason or "")
    if not reason:
        raise DomainError(f"查看干部“{cadre.name}”的完整{label}须填写理由（如：办理保险需核对{label}）。")
    if len(reason) > MAX_REASON_LENGTH:
        raise DomainError(f"查看理由不能超过{MAX_REASON_LENGTH}字，现为{len(reason)}字。")
    value = cadre.reveal_id_number() if field == "id_number" else cadre.reveal_mobile()
    if not value:
        raise DomainError(f"干部“{cadre.name}”未登记{label}。")
    with transaction.atomic():
        record(user, "cadre.reveal", cadre, {"field": field, "field_label": label, "reason": _scrub(reason)})
    return value


def checked_reason(user: User | None, reason: str, what: str) -> str:
    """The cleaned reason for showing `what` in clear (for an export that carries personal data), as the
    audit log keeps it; PermissionDenied for a role that may not reveal, DomainError for a missing reason."""
    if user is not None and not user.may_reveal_personal_data:
        raise PermissionDenied("您的角色无权查看干部的完整身份证号和家庭成员信息。")
    reason = clean(reason or "")
    if not reason:
        raise DomainError(f"导出含完整个人信息的{what}须填写理由（如：报送市委组织部审批）。")
    if len(reason) > MAX_REASON_LENGTH:
        raise DomainError(f"理由不能超过{MAX_REASON_LENGTH}字，现为{len(reason)}字。")
    return _scrub(reason)
