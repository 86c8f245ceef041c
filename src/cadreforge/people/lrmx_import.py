"""Reading an .lrmx file (干部任免审批表) back into a cadre's profile: a preview of what would change, then
the import — all or nothing, audited with before/after (personal data masked in the log).

Rules: the file's name must be the cadre's, and its ID number (if any) the one on record; an item left
empty in the file leaves the profile as it is; 简历, 年度考核结果, 家庭主要成员 and the photo, when given, replace
the profile's (a photo must pass people.photo.check_photo). Posts and 任免理由 belong to one appointment case,
not to the profile: not imported.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from cadreforge.audit.services import record
from cadreforge.core import crypto
from cadreforge.core.errors import DomainError
from cadreforge.core.services import first_message
from cadreforge.core.text import text_key
from cadreforge.core.validators import mask_id_number, validate_id_number

from . import appointment, lrmx
from . import photo as photos
from .models import Cadre, FamilyMember, ResumeEntry
from .services import apply_profile, ensure_may_edit_cadre

# Profile fields filled from the form item of the same name (gender and schools are mapped apart).
SCALARS = (
    "birth_month", "ethnicity", "native_place", "birthplace", "party_join_month", "work_start_month",
    "health", "professional_title", "specialty", "fulltime_education", "fulltime_degree",
    "onjob_education", "onjob_degree",
)  # fmt: skip
GENDERS = {text: code for code, text in appointment.GENDER_TEXT.items()}


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    before: str
    after: str


@dataclass
class ImportPlan:
    """What importing a file would do to a cadre's profile."""

    cadre: Cadre
    form: lrmx.AppointmentForm
    values: dict = field(default_factory=dict)  # profile field -> new value
    resume: list | None = None
    assessments: dict | None = None
    family: tuple | None = None
    id_number: str = ""  # set when the cadre had none
    photo: bytes | None = None  # set when the file's photo differs from the profile's
    changes: list[Change] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _show(value) -> str:
    if isinstance(value, dt.date):
        return f"{value:%Y.%m}"
    return str(value) if value not in (None, "") else "—"


def _check_identity(cadre: Cadre, form: lrmx.AppointmentForm, plan: ImportPlan) -> None:
    if not form.name:
        raise DomainError("文件未填写姓名（XingMing），无法确认是哪位干部，未导入。")
    if text_key(form.name) != cadre.name_key:
        raise DomainError(f"文件中的姓名“{form.name}”与干部“{cadre.name}”不一致，未导入。")
    given = form.id_number.strip().upper()
    if not given:
        return
    if "*" in given:  # a masked export: it can only be checked against the mask
        if given != cadre.id_number_masked:
            raise DomainError(f"文件中的身份证号“{given}”与干部“{cadre.name}”登记的不一致，未导入。")
        return
    try:
        given = validate_id_number(given)
    except ValidationError as exc:
        raise DomainError(f"文件中的身份证号无效：{first_message(exc)}") from exc
    if cadre.id_number_hash:
        if crypto.keyed_hash(given) != cadre.id_number_hash:
            raise DomainError(
                f"文件中的身份证号 {mask_id_number(given)} 与干部“{cadre.name}”登记的"
                f" {cadre.id_number_masked} 不一致，未导入。"
            )
        return
    if Cadre.objects.filter(id_number_hash=crypto.keyed_hash(given)).exclude(pk=cadre.pk).exists():
        raise DomainError(f"文件中的身份证号 {mask_id_number(given)} 已登记在其他干部名下，未导入。")
    plan.id_number = given
    plan.changes.append(Change("id_number", "身份证号", "—", mask_id_number(given)))


def _set(plan: ImportPlan, name: str, value) -> None:
    cadre, model_field = plan.cadre, Cadre._meta.get_field(name)
    if value in ("", None):
        return
    if isinstance(value, str) and model_field.max_length and len(value) > model_field.max_length:
        raise DomainError(
            f"{model_field.verbose_name}过长（{len(value)}字，最多{model_field.max_length}字），未导入。"
        )
    before = getattr(cadre, name)
    if before != value:
        plan.values[name] = value
        shown = (
            (cadre.get_gender_display() or "—", appointment.GENDER_TEXT[value]) if name == "gender" else None
        )
        before_text, after_text = shown or (_show(before), _show(value))
        plan.changes.append(Change(name, str(model_field.verbose_name), before_text, after_text))


def _plan_scalars(plan: ImportPlan) -> None:
    form = plan.form
    if form.gender and form.gender not in GENDERS:
        raise DomainError(f"性别应为“男”或“女”，文件中为“{form.gender[:10]}”，未导入。")
    _set(plan, "gender", GENDERS.get(form.gender, ""))
    for name in SCALARS:
        _set(plan, name, getattr(form, name))
    _set(plan, "fulltime_school", form.fulltime_school or form.fulltime_degree_school)
    _set(plan, "onjob_school", form.onjob_school or form.onjob_degree_school)
    if form.rewards not in appointment.NOTHING:
        _set(plan, "other_rewards", form.rewards)


def _plan_lists(plan: ImportPlan, *, reveal_personal: bool) -> None:
    cadre, form = plan.cadre, plan.form
    if form.resume:
        resume = appointment.parse_resume(form.resume)
        too_long = [d for _, _, d in resume if len(d) > ResumeEntry._meta.get_field("description").max_length]
        if too_long:
            raise DomainError(f"简历中有一行过长（{len(too_long[0])}字，最多500字），未导入。")
        before = appointment.resume_text(cadre)
        after = "\n".join(ResumeEntry(start_month=s, end_month=e, description=d).line for s, e, d in resume)
        if before != after:
            plan.resume = resume
            plan.changes.append(Change("resume", "简历", before or "—", after))
    if form.assessments:
        found, rest = appointment.parse_assessments(form.assessments)
        if rest:
            plan.warnings.append(f"年度考核结果中以下内容无法识别，不导入：{rest[:80]}")
        before = dict(cadre.assessments.values_list("year", "result"))
        if found and found != before:
            plan.assessments = found
            text = lambda d: "；".join(f"{y}年度{r}" for y, r in sorted(d.items())) or "—"  # noqa: E731
            plan.changes.append(Change("assessments", "年度考核结果", text(before), text(found)))
    if any("*" in m.name for m in form.family):  # a masked export: importing it would erase real names
        plan.warnings.append("文件中的家庭成员姓名已脱敏，家庭主要成员不导入。")
    elif form.family:
        _plan_family(plan, reveal_personal=reveal_personal)


def _plan_family(plan: ImportPlan, *, reveal_personal: bool) -> None:
    limits = {f.name: f.max_length for f in FamilyMember._meta.fields if getattr(f, "max_length", None)}
    for n, member in enumerate(plan.form.family, start=1):
        if not member.relation or not member.name:
            raise DomainError(f"家庭主要成员第{n}行缺少称谓或姓名，未导入。")
        for name, limit in limits.items():
            if len(getattr(member, name, "") or "") > limit:
                label = FamilyMember._meta.get_field(name).verbose_name
                raise DomainError(f"家庭主要成员第{n}行的{label}过长（最多{limit}字），未导入。")
    before = tuple(
        lrmx.FamilyMember(m.relation, m.name, m.birth_month, m.political_status, m.work_unit_and_post)
        for m in plan.cadre.family.all()
    )
    if before != plan.form.family:
        plan.family = plan.form.family
        show = lambda rows: "\n".join(  # noqa: E731
            appointment.describe_family(m, reveal_personal=reveal_personal) for m in rows
        )
        plan.changes.append(Change("family", "家庭主要成员", show(before) or "—", show(plan.form.family)))


def _plan_photo(plan: ImportPlan) -> None:
    new = plan.form.photo
    if not new:
        return
    try:
        photos.check_photo(new)
    except DomainError as exc:
        raise DomainError(f"文件中的{exc.message}未导入。") from exc
    before = plan.cadre.photo
    if new != before:
        plan.photo = new
        shown = f"有（{photos.size_text(len(before))}）" if before else "无"
        plan.changes.append(Change("photo", "照片", shown, f"文件中的照片（{photos.size_text(len(new))}）"))


def plan_import(cadre: Cadre, data: bytes, *, reveal_personal: bool) -> ImportPlan:
    """Read the file and work out the changes, touching nothing. Raises DomainError on any problem."""
    form = lrmx.read(data)
    plan = ImportPlan(cadre=cadre, form=form)
    _check_identity(cadre, form, plan)
    _plan_scalars(plan)
    _plan_lists(plan, reveal_personal=reveal_personal)
    _plan_photo(plan)
    return plan


def preview_lrmx_import(actor, cadre: Cadre, data: bytes) -> ImportPlan:
    ensure_may_edit_cadre(actor, cadre)
    return plan_import(cadre, data, reveal_personal=actor is None or actor.may_reveal_personal_data)


def _apply(plan: ImportPlan) -> None:
    if plan.id_number:
        plan.cadre.set_id_number(plan.id_number)
        plan.cadre.save()
    apply_profile(
        plan.cadre,
        plan.values,
        resume=plan.resume,
        assessments=plan.assessments,
        family=plan.family,
        photo=plan.photo,
    )


@transaction.atomic
def import_lrmx(actor, cadre: Cadre, data: bytes) -> ImportPlan:
    """Import the file into the profile, all or nothing; the audit log keeps before/after, masked."""
    ensure_may_edit_cadre(actor, cadre)
    cadre = Cadre.objects.select_for_update().get(pk=cadre.pk)
    plan = plan_import(cadre, data, reveal_personal=False)
    if not plan.changes:
        raise DomainError(f"文件内容与干部“{cadre.name}”的档案一致，没有需要更新的项目。")
    _apply(plan)
    changes = {c.field: {"before": c.before, "after": c.after} for c in plan.changes}
    if plan.photo is not None:  # the size and a digest prefix, never the picture
        changes["photo"]["after"] = photos.describe(plan.photo)
    record(actor, "cadre.lrmx_import", cadre, {"changes": changes, "personal_data": "masked"})
    return plan
