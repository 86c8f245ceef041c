"""Writes of cadres. ID numbers and mobiles are validated, then stored encrypted (see Cadre)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from cadreforge.audit.services import record
from cadreforge.core import crypto
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.core.services import first_message
from cadreforge.core.text import clean
from cadreforge.core.validators import validate_id_number, validate_mobile
from cadreforge.org.models import OrgUnit

from .models import AnnualAssessment, Cadre, CadrePhoto, FamilyMember, ResumeEntry
from .photo import check_photo
from .photo import describe as describe_photo

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


# Items of the 干部任免审批表 kept on the profile (see people/appointment.py for the form itself).
FORM_FIELDS = (
    "ethnicity", "native_place", "birthplace", "party_join_month", "work_start_month", "health",
    "professional_title", "specialty", "fulltime_education", "fulltime_degree", "fulltime_school",
    "onjob_education", "onjob_degree", "onjob_school", "other_rewards",
)  # fmt: skip


def ensure_may_edit_cadre(actor, cadre: Cadre) -> None:
    """Managers of a program the cadre takes part in (or roles writing every program) edit the profile."""
    if actor is None:
        return
    if not actor.is_active or not actor.may_write:
        raise PermissionDenied("您的角色无权修改干部档案。")
    if not actor.sees_all_programs and not cadre.participations.filter(program__grants__user=actor).exists():
        raise PermissionDenied(f"您无权修改干部“{cadre.name}”的档案。")


def apply_profile(
    cadre: Cadre,
    values: dict,
    *,
    resume: list[tuple[dt.date | None, dt.date | None, str]] | None = None,
    assessments: dict[int, str] | None = None,
    family: list | None = None,
    photo: bytes | None = None,
) -> None:
    """Write already checked profile values; a list or photo given replaces the cadre's (None leaves it).
    Callers hold the transaction, check the permission (and the photo, people.photo) and audit."""
    for name, value in values.items():
        setattr(cadre, name, value)
    if values:
        cadre.save()
    if photo is not None:
        CadrePhoto.objects.update_or_create(cadre=cadre, defaults={"data": photo})
    if resume is not None:
        cadre.resume.all().delete()
        ResumeEntry.objects.bulk_create(
            ResumeEntry(cadre=cadre, order=n, start_month=s, end_month=e, description=d)
            for n, (s, e, d) in enumerate(resume, start=1)
        )
    if assessments is not None:
        cadre.assessments.all().delete()
        AnnualAssessment.objects.bulk_create(
            AnnualAssessment(cadre=cadre, year=y, result=r) for y, r in sorted(assessments.items())
        )
    if family is not None:
        cadre.family.all().delete()
        FamilyMember.objects.bulk_create(
            FamilyMember(
                cadre=cadre, order=n, relation=m.relation, name=m.name, birth_month=m.birth_month,
                political_status=m.political_status, work_unit_and_post=m.work_unit_and_post,
            )
            for n, m in enumerate(family, start=1)
        )  # fmt: skip


@transaction.atomic
def update_form_profile(
    actor,
    cadre: Cadre,
    *,
    resume: list[tuple[dt.date | None, dt.date | None, str]] | None = None,
    assessments: dict[int, str] | None = None,
    family: list | None = None,
    **values,
) -> Cadre:
    """Set the profile items of the appointment form. Family members are given as objects with relation,
    name, birth_month, political_status and work_unit_and_post (e.g. people.lrmx.FamilyMember)."""
    ensure_may_edit_cadre(actor, cadre)
    unknown = set(values) - set(FORM_FIELDS)
    if unknown:
        raise TypeError(f"unknown profile fields: {sorted(unknown)}")
    if assessments and set(assessments.values()) - set(AnnualAssessment.Result.values):
        raise DomainError(f"年度考核结果应为：{'、'.join(AnnualAssessment.Result.values)}")
    for name in ("party_join_month", "work_start_month"):
        if values.get(name):
            values[name] = values[name].replace(day=1)
    apply_profile(cadre, values, resume=resume, assessments=assessments, family=family)
    changed = sorted(values) + [
        n for n, v in (("resume", resume), ("assessments", assessments), ("family", family)) if v is not None
    ]
    record(actor, "cadre.profile_update", cadre, {"fields": changed})
    return cadre


@transaction.atomic
def set_cadre_photo(actor, cadre: Cadre, data: bytes) -> Cadre:
    """Put the photo of the appointment form on the profile (JPEG or PNG, see people.photo), replacing any.
    The audit log keeps its size and a digest prefix, never the picture."""
    ensure_may_edit_cadre(actor, cadre)
    data = check_photo(data)
    before = cadre.photo
    CadrePhoto.objects.update_or_create(cadre=cadre, defaults={"data": data})
    changes = {"photo": describe_photo(data)} | ({"replaced": describe_photo(before)} if before else {})
    record(actor, "cadre.photo", cadre, changes)
    return cadre


@transaction.atomic
def remove_cadre_photo(actor, cadre: Cadre) -> Cadre:
    """Take the photo off the profile; refused when there is none."""
    ensure_may_edit_cadre(actor, cadre)
    before = cadre.photo
    if not before:
        raise DomainError(f"干部“{cadre.name}”的档案中没有照片。")
    CadrePhoto.objects.filter(cadre=cadre).delete()
    record(actor, "cadre.photo", cadre, {"removed": describe_photo(before)})
    return cadre
