"""Pages of the project workflow: the program's projects with filters and progress lights, a project's
stage timeline with evidence and verification, stalled projects, credit, talents. Thin: selectors read,
services write; every total on a page says whether it is verified (已核验) or as recorded (登记)."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadreforge.accounts.models import Role
from cadreforge.core.errors import DomainError, NotFound, PermissionDenied
from cadreforge.core.stages import Stage
from cadreforge.programs.selectors import get_visible_program, visible_programs
from cadreforge.reports.selectors import get_funnel, get_verified_funnel

from . import credit, selectors, tracking, workflow
from .forms import EvidenceForm, ProjectFilterForm, SettingsForm, TalentFilterForm
from .models import Project

PAGE_SIZE = 50


def domain_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """NotFound → 404, PermissionDenied → 403; another broken rule is shown on the page it came from."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except PermissionDenied as exc:
            raise DjangoPermissionDenied(exc.message) from exc

    return wrapper


def _project_url(project: Project) -> str:
    from django.urls import reverse

    return reverse("pipeline:project-detail", args=[project.program.code, project.code])


@domain_errors
def index(request: HttpRequest) -> HttpResponse:
    rows = []
    for program in visible_programs(request.user).order_by("code"):
        rows.append(
            {"program": program, "recorded": get_funnel(program), "verified": get_verified_funnel(program)}
        )
    return render(request, "pipeline/index.html", {"rows": rows})


@domain_errors
def project_list(request: HttpRequest, code: str) -> HttpResponse:
    program = get_visible_program(request.user, code)
    form = ProjectFilterForm(request.GET or None)
    filters = tracking.ProjectFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = tracking.ProjectFilters(
            stage=Stage(data["stage"]) if data["stage"] else None,
            light=data["light"],
            bracket=data["bracket"],
            pending=data["pending"],
            query=data["q"].strip(),
        )
    projects = tracking.list_tracked_projects(request.user, program, filters)
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = tracking.with_lights(page.object_list, program)
    all_projects = selectors.program_projects(request.user, program)
    context = {
        "program": program,
        "form": form,
        "projects": page,
        "lights": tracking.light_counts(request.user, program),
        "light_labels": tracking.LIGHT_LABELS,
        "recorded": get_funnel(program),
        "verified": get_verified_funnel(program),
        "brackets": tracking.amount_brackets(all_projects.filter(stage__gte=Stage.SIGNED)),
        "signed_to_landed": tracking.duration_summary(all_projects, Stage.SIGNED, Stage.LANDED),
        "signed_to_landed_verified": tracking.duration_summary(
            all_projects, Stage.SIGNED, Stage.LANDED, verified_only=True
        ),
        "settings": workflow.get_settings(program),
        "query_string": _without_page(request),
    }
    return render(request, "pipeline/project_list.html", context)


def _without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@domain_errors
def project_detail(request: HttpRequest, code: str, project_code: str) -> HttpResponse:
    program = get_visible_program(request.user, code)
    project = selectors.get_visible_project(request.user, program, project_code)
    project = (
        tracking.tracked(Project.objects.filter(pk=project.pk))
        .prefetch_related("stages__evidence", "stages__verified_by", "cadres__cadre", "chains")
        .get()
    )
    tracking.with_lights([project], program)
    context = {
        "program": program,
        "project": project,
        "timeline": tracking.stage_timeline(project),
        "durations": tracking.duration_pairs(project),
        "may_verify": request.user.role == Role.VERIFIER and workflow.may_verify(request.user, program),
        "may_write": _may_write(request, program),
        "evidence_form": EvidenceForm(),
    }
    return render(request, "pipeline/project_detail.html", context)


def _may_write(request: HttpRequest, program) -> bool:
    from cadreforge.programs.services import ensure_may_write

    try:
        ensure_may_write(request.user, program)
    except PermissionDenied:
        return False
    return True


def _stage_or_404(value: int) -> Stage:
    try:
        return Stage(value)
    except ValueError:
        raise Http404(_("未知的项目阶段")) from None


@require_POST
@domain_errors
def upload_evidence(request: HttpRequest, code: str, project_code: str, stage: int) -> HttpResponse:
    program = get_visible_program(request.user, code)
    project = selectors.get_visible_project(request.user, program, project_code)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件。"))
    else:
        try:
            workflow.attach_evidence(
                request.user,
                project,
                _stage_or_404(stage),
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
            )
            messages.success(request, _("佐证材料已上传，待核验。"))
        except DomainError as exc:
            if isinstance(exc, PermissionDenied):
                raise
            messages.error(request, exc.message)
    return redirect(_project_url(project))


@require_POST
@domain_errors
def verify(request: HttpRequest, code: str, project_code: str, stage: int) -> HttpResponse:
    program = get_visible_program(request.user, code)
    project = selectors.get_visible_project(request.user, program, project_code)
    try:
        workflow.verify_stage(request.user, project, _stage_or_404(stage))
        messages.success(request, _("已核验%(stage)s阶段。") % {"stage": Stage(stage).label})
    except DomainError as exc:
        if isinstance(exc, PermissionDenied):
            raise
        messages.error(request, exc.message)
    return redirect(_project_url(project))


@domain_errors
def evidence_file(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """Evidence is served only through this scoped view, never from a public media URL."""
    program = get_visible_program(request.user, code)
    evidence = selectors.get_evidence(request.user, program, pk)
    name = evidence.file.name.rsplit("/", 1)[-1]
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=name)


@domain_errors
def stalled(request: HttpRequest, code: str) -> HttpResponse:
    program = get_visible_program(request.user, code)
    context = {
        "program": program,
        "projects": tracking.stalled_projects(request.user, program),
        "settings": workflow.get_settings(program),
    }
    return render(request, "pipeline/stalled.html", context)


@domain_errors
def credit_page(request: HttpRequest, code: str) -> HttpResponse:
    program = get_visible_program(request.user, code)
    may_write = _may_write(request, program)
    form = SettingsForm(instance=workflow.get_settings(program))
    if request.method == "POST":
        if not may_write:
            raise DjangoPermissionDenied(_("您无权修改该计划的招商设置。"))
        form = SettingsForm(request.POST, instance=workflow.get_settings(program))
        if form.is_valid():
            try:
                workflow.save_settings(request.user, program, **form.cleaned_data)
                messages.success(request, _("招商设置已保存。"))
                return redirect("pipeline:credit", code=program.code)
            except DomainError as exc:
                messages.error(request, exc.message)
    figures = credit.credit_by_cadre(program)
    if request.user.role == Role.CADRE:
        # Among cadres a cadre sees only themselves.
        figures["rows"] = [r for r in figures["rows"] if r["participant"].cadre.user_id == request.user.pk]
    context = {
        "program": program,
        "credit": figures,
        "conflicts": credit.credit_conflicts(program) if may_write else [],
        "shared": credit.shared_projects(program) if may_write else [],
        "may_write": may_write,
        "form": form,
    }
    return render(request, "pipeline/credit.html", context)


@domain_errors
def talent_list(request: HttpRequest, code: str) -> HttpResponse:
    program = get_visible_program(request.user, code)
    form = TalentFilterForm(request.GET or None)
    level = field = None
    if form.is_valid():
        level, field = form.cleaned_data["level"] or None, form.cleaned_data["field"].strip() or None
    talents = selectors.program_talents(request.user, program, level=level, field=field)
    page = Paginator(talents, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "pipeline/talent_list.html",
        {"program": program, "form": form, "talents": page, "query_string": _without_page(request)},
    )
