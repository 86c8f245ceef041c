"""Managers' pages that build a program's training: create and edit a course, add its sessions (a study
tour's itinerary stops), enrol the program's cadres, record attendance, record the camp's platform items,
and (system administrator only) the annual study-hour requirements. Only managers who may write the
program reach them; a program or course out of their scope is a 404. Services write and audit."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cadreforge.accounts.models import Role, User
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.programs.models import Program
from cadreforge.programs.selectors import get_visible_program
from cadreforge.programs.services import ensure_may_write

from . import selectors, services
from .manage_forms import (
    AttendanceForm,
    CourseForm,
    EnrolForm,
    PlatformItemForm,
    RankRequirementForm,
    SessionForm,
)
from .models import Course, RankRequirement, Session
from .views import domain_errors


def _data(request: HttpRequest):
    """The posted data (even when empty, so that a blank POST is validated), or None on GET."""
    return request.POST if request.method == "POST" else None


def _refuse_readers(user: User) -> None:
    if not user.may_write:
        raise PermissionDenied(_("只有计划管理员可以管理培训。"))


def managed_program(user: User, code: str) -> Program:
    """A program the user manages: readers are refused (403), a program out of scope is not found (404)."""
    _refuse_readers(user)
    program = get_visible_program(user, code)
    ensure_may_write(user, program)
    return program


def managed_course(user: User, pk: int) -> Course:
    _refuse_readers(user)
    course = selectors.get_visible_course(user, pk)
    ensure_may_write(user, course.program)
    return course


def managed_session(user: User, pk: int) -> Session:
    _refuse_readers(user)
    session = selectors.get_visible_session(user, pk)
    ensure_may_write(user, session.course.program)
    return session


def form_page(
    request: HttpRequest,
    form,
    save: Callable[[dict], Any],
    *,
    title: str,
    back: tuple[str, str],
    done: Callable[[Any], str],
    submit: str = "",
    extra: dict | None = None,
) -> HttpResponse:
    """Show a form; on a valid POST call `save(cleaned_data)`; a service's refusal shows on the form and
    nothing is written (the services are atomic)."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except PermissionDenied:
            raise
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(done(result))
    context = {
        "form": form,
        "title": title,
        "back_url": back[0],
        "back_label": back[1],
        "submit": submit or _("保存"),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "training/manage_form.html", {**context, **(extra or {})}, status=status)


def _course_fields(data: dict) -> dict:
    return {name: data[name] for name in services.COURSE_EDITABLE}


@domain_errors
def course_new(request: HttpRequest, code: str) -> HttpResponse:
    program = managed_program(request.user, code)
    form = CourseForm(_data(request), program=program)

    def save(data: dict) -> Course:
        course = services.create_course(request.user, program, code=data["code"], **_course_fields(data))
        messages.success(request, _("已新建课程“%(t)s”。") % {"t": course.title})
        return course

    back = (reverse("training:program", args=[program.code]), program.name)
    return form_page(
        request,
        form,
        save,
        title=_("新建课程"),
        back=back,
        done=lambda c: reverse("training:course", args=[c.pk]),
    )


@domain_errors
def course_edit(request: HttpRequest, pk: int) -> HttpResponse:
    course = managed_course(request.user, pk)
    form = CourseForm(_data(request), program=course.program, course=course)

    def save(data: dict) -> Course:
        services.update_course(request.user, course, **_course_fields(data))
        messages.success(request, _("已保存课程“%(t)s”。") % {"t": course.title})
        return course

    back = (reverse("training:course", args=[course.pk]), course.title)
    return form_page(
        request,
        form,
        save,
        title=_("编辑课程"),
        back=back,
        done=lambda c: reverse("training:course", args=[c.pk]),
    )


@domain_errors
def session_new(request: HttpRequest, pk: int) -> HttpResponse:
    course = managed_course(request.user, pk)
    form = SessionForm(_data(request), course=course)

    def save(data: dict) -> Session:
        fields = {k: data[k] for k in ("kind", "place", "hours", "speaker", "speaker_kind")}
        session = services.add_session(request.user, course, title=data["title"], date=data["date"], **fields)
        messages.success(request, _("已添加第%(n)s课次“%(t)s”。") % {"n": session.number, "t": session.title})
        return session

    title = _("添加行程考察点") if course.mode == Course.Mode.SITE_VISIT else _("添加课次")
    back = (reverse("training:course", args=[course.pk]), course.title)
    return form_page(
        request, form, save, title=title, back=back,
        done=lambda s: reverse("training:course", args=[course.pk]) + "#sessions",
    )  # fmt: skip


@domain_errors
def course_enrol(request: HttpRequest, pk: int) -> HttpResponse:
    course = managed_course(request.user, pk)
    form = EnrolForm(_data(request), course=course)

    def save(data: dict) -> int:
        participants = course.program.participants.filter(cadre__in=data["cadres"]).select_related("cadre")
        added = services.enrol_participants(request.user, course, participants)
        messages.success(request, _("已报名 %(n)s 名干部。") % {"n": added})
        return added

    back = (reverse("training:course", args=[course.pk]), course.title)
    extra = {"empty_choices": _("本计划的参与干部都已报名。")}
    return form_page(
        request, form, save, title=_("报名学员"), back=back, submit=_("报名"), extra=extra,
        done=lambda _n: reverse("training:course", args=[course.pk]) + "#enrolments",
    )  # fmt: skip


@domain_errors
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = managed_session(request.user, pk)
    form = AttendanceForm(_data(request), session=session)

    def save(data: dict) -> int:
        added = services.record_attendances(request.user, session, data["cadres"])
        messages.success(request, _("已登记 %(n)s 人出勤。") % {"n": added})
        return added

    back = (reverse("training:course", args=[session.course.pk]), session.course.title)
    extra = {
        "listed": [
            f"{a.cadre.name}（{a.get_method_display()}）"
            for a in session.attendances.select_related("cadre").order_by("cadre__name")
        ],
        "listed_title": _("已签到"),
        "empty_choices": _("所有学员均已签到。"),
    }
    title = _("登记出勤：第%(n)s课次 %(t)s") % {"n": session.number, "t": session.title}
    return form_page(
        request, form, save, title=title, back=back, submit=_("登记出勤"), extra=extra,
        done=lambda _n: reverse("training:session-attendance", args=[session.pk]),
    )  # fmt: skip


@domain_errors
def platform_new(request: HttpRequest, code: str) -> HttpResponse:
    program = managed_program(request.user, code)
    form = PlatformItemForm(_data(request), program=program)

    def save(data: dict):
        item = services.add_platform_item(
            request.user, program, platform=data["platform"], title=data["title"], date=data["date"],
            issue=data["issue"], track=data["track"], members=list(data["members"]),
        )  # fmt: skip
        messages.success(request, _("已记录“%(t)s”。") % {"t": item.title})
        return item

    back = (reverse("training:program", args=[program.code]), program.name)
    return form_page(
        request, form, save, title=_("记录交流平台活动"), back=back,
        done=lambda _i: reverse("training:program", args=[program.code]) + "#platforms",
    )  # fmt: skip


@domain_errors
def requirements(request: HttpRequest) -> HttpResponse:
    """The annual study-hour requirement per rank: set by the system administrator only."""
    if request.user.role != Role.SYSTEM_ADMIN:
        raise PermissionDenied(_("只有系统管理员可以设置年度学时要求。"))
    form = RankRequirementForm(_data(request))

    def save(data: dict) -> RankRequirement:
        requirement = services.set_rank_requirement(request.user, data["rank"], Decimal(data["annual_hours"]))
        messages.success(request, _("已设置“%(r)s”年度学时要求。") % {"r": requirement.rank})
        return requirement

    extra = {
        "listed": [f"{r.rank}：{r.annual_hours} {_('学时/年')}" for r in RankRequirement.objects.all()],
        "listed_title": _("现行要求"),
    }
    return form_page(
        request, form, save, title=_("年度学时要求"), back=(reverse("training:index"), _("教育培训")),
        extra=extra, done=lambda _r: reverse("training:requirements"),
    )  # fmt: skip
