"""Pages of training for managers: the program's training overview, a course with its sessions and
enrolments, the QR code of a session, a cadre's record and recommended courses. Thin: selectors read,
services write. Learning pages for cadres (lessons, tests) are in `learning_views.py`."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadreforge.core.errors import DomainError, NotFound, PermissionDenied
from cadreforge.programs.selectors import get_visible_cadre, get_visible_program, visible_programs

from . import selectors, services, signin
from .forms import VideoUploadForm
from .lessons import upload_video
from .models import Attendance
from .needs import recommend_courses


def domain_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """NotFound → 404, PermissionDenied → 403, another broken rule → the message on the previous page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except PermissionDenied as exc:
            raise DjangoPermissionDenied(exc.message) from exc
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(request.META.get("HTTP_REFERER") or reverse("training:index"))

    return wrapper


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else selectors.current_year()


@domain_errors
def index(request: HttpRequest) -> HttpResponse:
    """A cadre lands on their own learning; the others on the programs they may see, with figures."""
    if selectors.own_cadre(request.user) is not None and not request.user.may_write:
        return redirect("training:me")
    rows = [
        {"program": p, "figures": selectors.training_report(p)}
        for p in visible_programs(request.user).order_by("code")
    ]
    return render(request, "training/index.html", {"rows": rows})


@domain_errors
def program_training(request: HttpRequest, code: str) -> HttpResponse:
    program = get_visible_program(request.user, code)
    year = _year(request)
    context = {
        "program": program,
        "figures": selectors.training_report(program),
        "courses": selectors.visible_courses(request.user, program).prefetch_related("sessions"),
        "quizzes": selectors.visible_quizzes(request.user, program),
        "platform_items": program.platform_items.all(),
        "hours": selectors.program_study_hours(request.user, program, year),
        "year": year,
        "may_write": request.user.may_write,
    }
    return render(request, "training/program.html", context)


@domain_errors
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.get_visible_course(request.user, pk)
    enrolments = selectors.course_enrolments(request.user, course)
    context = {
        "course": course,
        "sessions": course.sessions.all(),
        "enrolments": enrolments,
        "videos": course.videos.all(),
        "upload_form": VideoUploadForm() if course.mode == course.Mode.ONLINE else None,
        "may_write": request.user.may_write,
    }
    return render(request, "training/course.html", context)


@require_POST
@domain_errors
def course_enrol_all(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.get_visible_course(request.user, pk)
    added = services.enrol_participants(request.user, course)
    messages.success(request, _("已报名 %(n)s 名参与干部。") % {"n": added})
    return redirect("training:course", pk=course.pk)


@require_POST
@domain_errors
def course_complete(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.get_visible_course(request.user, pk)
    done = services.complete_by_attendance(request.user, course)
    messages.success(request, _("按出勤（不少于80%%课次）认定结业 %(n)s 人。") % {"n": done})
    return redirect("training:course", pk=course.pk)


@require_POST
@domain_errors
def video_upload(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.get_visible_course(request.user, pk)
    form = VideoUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("training:course", pk=course.pk)
    data = form.cleaned_data
    upload = data["file"]
    video = upload_video(
        request.user, course, title=data["title"], file=upload, content_type=upload.content_type,
        duration_seconds=max(1, round(data["duration_minutes"] * 60)), published_on=data["published_on"],
    )  # fmt: skip
    messages.success(request, _("已上传视频“%(title)s”。") % {"title": video.title})
    return redirect("training:course", pk=course.pk)


@domain_errors
def session_qr(request: HttpRequest, pk: int) -> HttpResponse:
    """The QR code to show on the screen at a lecture or class (managers only)."""
    session = selectors.get_visible_session(request.user, pk)
    if not request.user.may_write:
        raise PermissionDenied(_("只有计划管理员可以展示签到二维码。"))
    url = request.build_absolute_uri(reverse("training:sign-in", args=[signin.make_token(session.pk)]))
    context = {
        "session": session,
        "qr": signin.qr_svg(url),
        "url": url,
        "minutes": signin.VALID_SECONDS // 60,
        "signed": session.attendances.select_related("cadre").order_by("-signed_at"),
    }
    return render(request, "training/session_qr.html", context)


@domain_errors
def sign_in(request: HttpRequest, token: str) -> HttpResponse:
    """Scanning the QR code while logged in as the cadre records attendance: the signed, expiring token
    is what proves presence, so the GET of the scan itself signs in."""
    session_id = signin.read_token(token)
    if session_id is None:
        return render(
            request,
            "training/sign_in.html",
            {"error": _("签到二维码无效或已过期，请扫描屏幕上的最新二维码。")},
            status=400,
        )
    cadre = selectors.own_cadre(request.user)
    if cadre is None:
        return render(
            request, "training/sign_in.html", {"error": _("请用干部本人的账号登录后扫码签到。")}, status=403
        )
    session = selectors.Session.objects.select_related("course").filter(pk=session_id).first()
    if session is None:
        raise NotFound(_("该课次已不存在。"))
    try:
        attendance = services.record_attendance(None, session, cadre, method=Attendance.Method.QR)
    except DomainError as exc:
        return render(
            request, "training/sign_in.html", {"error": exc.message, "session": session}, status=403
        )
    return render(request, "training/sign_in.html", {"session": session, "attendance": attendance})


def _record_page(request: HttpRequest, cadre, template_context: dict) -> HttpResponse:
    year = _year(request)
    context = {
        "cadre": cadre,
        "year": year,
        "hours": selectors.study_hours(cadre, year),
        "record": selectors.cadre_record(cadre),
        "needs": recommend_courses(request.user, cadre),
        "quizzes": selectors.visible_quizzes(request.user),
        "videos": selectors.visible_videos(request.user),
        **template_context,
    }
    return render(request, "training/cadre.html", context)


@domain_errors
def cadre_training(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_page(request, get_visible_cadre(request.user, pk), {"own": False})


@domain_errors
def my_learning(request: HttpRequest) -> HttpResponse:
    cadre = selectors.own_cadre(request.user)
    if cadre is None:
        raise NotFound(_("您的账号没有关联干部档案。"))
    return _record_page(request, cadre, {"own": True})
