"""Pages of the appointment and removal form (干部任免审批表): a promotion's form (what is pre-filled, what the
profile still lacks) with .docx/.lrmx downloads, and reading an .lrmx file back into a cadre's profile
(upload → preview → confirm). Thin: parse, call appointment / people.lrmx_import, render."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cadreforge.core.errors import DomainError, NotFound, PermissionDenied
from cadreforge.people import lrmx, lrmx_pending
from cadreforge.people.lrmx_import import import_lrmx, preview_lrmx_import
from cadreforge.people.services import ensure_may_edit_cadre
from cadreforge.programs import selectors as programs

from . import appointment, selectors

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "lrmx": "application/xml; charset=utf-8",
}


def _errors_as_http(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """NotFound (missing or out of scope) → 404; PermissionDenied → 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except PermissionDenied as exc:
            raise Forbidden(exc.message) from exc

    return wrapper


def _promotion(request: HttpRequest, code: str, pk: int):
    program = programs.get_visible_program(request.user, code)
    return program, selectors.get_visible_promotion(request.user, program, pk)


@_errors_as_http
def appointment_form(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    program, rec = _promotion(request, code, pk)
    form, reveal = appointment.build_form(request.user, rec)
    context = {
        "program": program, "rec": rec, "form": form, "reveal": reveal,
        "missing": appointment.missing_items(form), "opinions": appointment.approval_opinions(rec),
    }  # fmt: skip
    return render(request, "evaluation/appointment_form.html", context)


@_errors_as_http
@require_http_methods(["GET", "POST"])
def appointment_download(request: HttpRequest, code: str, pk: int, fmt: str) -> HttpResponse:
    """GET: the file with personal data masked. POST with a reason: in clear, audited with the reason."""
    program, rec = _promotion(request, code, pk)
    reason = request.POST.get("reason", "") if request.method == "POST" else None
    try:
        filename, data = appointment.export_form(request.user, rec, fmt, reason=reason)
    except (NotFound, PermissionDenied):
        raise
    except DomainError as exc:  # a missing or too long reason: said on the form page
        messages.error(request, exc.message)
        return redirect("evaluation:appointment", code=program.code, pk=rec.pk)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    if reason is not None:
        response["X-Personal-Data"] = "revealed"
    return response


def _uploaded(request: HttpRequest) -> bytes:
    upload = request.FILES.get("file")
    if upload is None:
        raise DomainError(_("请选择要导入的 .lrmx 文件。"))
    if not upload.name.lower().endswith((".lrmx", ".xml")):
        raise DomainError(_("“%(name)s”不是 .lrmx 文件。") % {"name": upload.name})
    if upload.size > lrmx.MAX_BYTES:
        raise DomainError(_("文件过大，任免审批表文件不应超过 10 MB。"))
    return upload.read()


@_errors_as_http
def profile_import(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the upload form. POST with a file: the preview. POST with `token`: the import itself."""
    cadre = programs.get_visible_cadre(request.user, pk)
    ensure_may_edit_cadre(request.user, cadre)
    context = {"cadre": cadre}
    if request.method == "POST":
        try:
            if "token" in request.POST:
                token = request.POST["token"]
                data = lrmx_pending.take(token, cadre_pk=cadre.pk, user_pk=request.user.pk)
                plan = import_lrmx(request.user, cadre, data)
                lrmx_pending.release(token)
                messages.success(request, _("已从任免审批表导入%(n)s项档案信息。") % {"n": len(plan.changes)})
                return redirect("web:cadre-detail", pk=cadre.pk)
            data = _uploaded(request)
            plan = preview_lrmx_import(request.user, cadre, data)
            token = lrmx_pending.hold(data, cadre_pk=cadre.pk, user_pk=request.user.pk)
            context.update(plan=plan, token=token, file_name=request.FILES["file"].name)
        except PermissionDenied:
            raise
        except DomainError as exc:
            messages.error(request, exc.message)
    return render(request, "evaluation/appointment_import.html", context)
