"""Pages of the ledger exchange: upload → background validation → report → confirm → background import →
result; downloads of a program's workbook and of the empty template. Thin: services and selectors work."""

import io

from django.core.exceptions import PermissionDenied as Forbidden
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cadreforge.core.errors import DomainError, NotFound, PermissionDenied
from cadreforge.programs.selectors import get_visible_program
from cadreforge.programs.services import ensure_may_write

from . import selectors, services
from .forms import UploadForm
from .ledger.template import build_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    try:
        ensure_may_write(request.user)
    except PermissionDenied as exc:
        raise Forbidden(exc.message) from exc
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.start_import(request.user, form.cleaned_data["file"])
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("exchange:job", pk=job.pk)
    services.recover_interrupted_jobs()
    jobs = selectors.own_import_jobs(request.user)[:10]
    return render(request, "exchange/import.html", {"form": form, "jobs": jobs})


def _job(request: HttpRequest, pk: int):
    try:
        return selectors.get_own_import_job(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "exchange/job.html", {"job": _job(request, pk)})


@require_GET
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's status panel alone: polled by HTMX while the job runs (and told if its worker died)."""
    services.recover_interrupted_jobs()
    return render(request, "exchange/_job_status.html", {"job": _job(request, pk)})


@require_POST
def job_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    try:
        services.confirm_import(request.user, job)
    except PermissionDenied as exc:
        raise Forbidden(exc.message) from exc
    except DomainError as exc:
        return render(request, "exchange/job.html", {"job": job, "error": exc.message}, status=409)
    return redirect("exchange:job", pk=job.pk)


@require_GET
def job_annotated(request: HttpRequest, pk: int) -> FileResponse:
    job = _job(request, pk)
    if not job.annotated:
        raise Http404("该导入任务没有标注问题的工作簿")
    return FileResponse(job.annotated.open("rb"), as_attachment=True, filename=f"标注问题-{job.file_name}")


@require_GET
def export_program(request: HttpRequest, code: str) -> HttpResponse:
    try:
        program = get_visible_program(request.user, code)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    try:
        data = services.export_workbook(request.user, program)
    except PermissionDenied as exc:
        raise Forbidden(exc.message) from exc
    return FileResponse(
        io.BytesIO(data), as_attachment=True, filename=f"{program.code}-台账.xlsx", content_type=XLSX
    )


@require_GET
def template_download(request: HttpRequest) -> FileResponse:
    out = io.BytesIO()
    build_template().save(out)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename="台账工作簿模板.xlsx", content_type=XLSX)
