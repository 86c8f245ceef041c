"""Writes of cadres. ID numbers and mobiles are validated, then stored encrypted (see Cadre)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from cadreforge.audit.services import record
from cadreforge.core import crypto
from cadreforge.core.errors import DomainError
from cadreforge.core.services import first_message
from cadreforge.core.text import clean
from cadreforge.core.validators import validate_id_number, validate_mobile
from cadreforge.org.models import OrgUnit

from .models import Cadre

PROFILE_FIELDS = (
    "gender",
    "birth_month",
    "position",
    "rank",
    "tags",
    "has_studied_economy",
    "has_worked_economy",
    "has_managed_economy",
    "is_reserve",
)


def find_cadre_by_id_number(id_number: str) -> Cadre | None:
    return Cadre.objects.filter(id_number_hash=crypto.keyed_hash(id_number)).first() if id_number else None


@transaction.atomic
def create_cadre(
    actor,
    *,
    name: str,
    unit: OrgUnit,
    id_number: str = "",
    mobile: str = "",
    birth_month: dt.date | None = None,
    **profile,
) -> Cadre:
    """Create a cadre. Bad ID/mobile raise DomainError; a duplicate ID number is refused."""
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unknown cadre fields: {sorted(unknown)}")
    name = clean(name)
    if not name:
        raise DomainError("干部姓名不能为空")
    cadre = Cadre(name=name, unit=unit, birth_month=birth_month and birth_month.replace(day=1), **profile)
    try:
        if id_number:
            id_number = validate_id_number(id_number)
            if find_cadre_by_id_number(id_number):
                raise DomainError("该身份证号已登记在其他干部名下")
            cadre.set_id_number(id_number)
        if mobile:
            cadre.set_mobile(validate_mobile(mobile))
    except ValidationError as exc:
        raise DomainError(first_message(exc)) from exc
    cadre.save()
    record(actor, "cadre.create", cadre, {"name": name, "unit": unit.name})
    return cadre
