"""The page where a program manager declares the credit weights (申报权重) of the cadres sharing a project.
Reached from the credit page (shared projects and conflicts) and from the project page. Thin: the rules
are in `credit.declare_weights`."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.programs.selectors import get_visible_program
from cadreforge.programs.services import ensure_may_write

from . import credit, selectors
from .forms import WeightsForm
from .models import PipelineSettings
from .views import domain_errors


@domain_errors
def project_weights(request: HttpRequest, code: str, project_code: str) -> HttpResponse:
    """Out of scope: 404 (program or project not visible); a role that may not write: 403."""
    program = get_visible_program(request.user, code)
    project = selectors.get_visible_project(request.user, program, project_code)
    ensure_may_write(request.user, program)
    figures = credit.project_weights(project)
    cadres = [row["participant"] for row in figures["rows"]]
    initial = {WeightsForm.field_name(r["participant"]): r["percent"] for r in figures["rows"]}
    form = WeightsForm(cadres, initial=initial)
    status = 200
    if request.method == "POST":
        form = WeightsForm(cadres, request.POST)
        if form.is_valid():
            try:
                credit.declare_weights_by_code(request.user, project, form.rows())
                messages.success(request, _("项目“%(code)s”的业绩权重已保存。") % {"code": project.code})
                return redirect("pipeline:project-weights", code=program.code, project_code=project.code)
            except DomainError as exc:
                if isinstance(exc, PermissionDenied):
                    raise
                form.add_error(None, exc.message)
        status = 400
    context = {
        "program": program,
        "project": project,
        "weights": figures,
        "form": form,
        "rows": [(row, form[WeightsForm.field_name(row["participant"])]) for row in figures["rows"]],
        "rule_is_weights": figures["rule"] == PipelineSettings.CreditRule.WEIGHTS,
    }
    return render(request, "pipeline/weights.html", context, status=status)
