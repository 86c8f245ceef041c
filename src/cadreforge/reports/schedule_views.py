"""The manager's page of scheduled briefings (定期简报): list, add or change (by name), delete, and what was
sent. Only for users who may write the program (others get 404); every write goes through an audited
service in reports.briefing.schedules."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadreforge.core.errors import DomainError, NotFound
from cadreforge.programs import selectors as programs
from cadreforge.programs.models import Program

from .briefing import schedules
from .briefing.forms import BriefingScheduleForm


def _manager_program(request: HttpRequest, code: str) -> Program:
    if not request.user.may_write:
        raise Http404(_("该页面仅供计划管理员使用。"))
    try:
        return programs.get_visible_program(request.user, code)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _schedule(program: Program, pk: int):
    try:
        return schedules.get_schedule(program, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def briefing_schedules(request: HttpRequest, code: str) -> HttpResponse:
    program = _manager_program(request, code)
    if request.method == "POST":
        form = BriefingScheduleForm(program, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                schedules.save_schedule(request.user, program, **{**data, "channels": list(data["channels"])})
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("定期简报“%(name)s”已保存。") % {"name": data["name"]})
                return redirect("reports:briefing-schedules", code=program.code)
    elif request.GET.get("edit", "").isdigit():
        schedule = _schedule(program, int(request.GET["edit"]))
        form = BriefingScheduleForm(program, initial=BriefingScheduleForm.initial_for(schedule))
    else:
        form = BriefingScheduleForm(program)
    context = {
        "program": program,
        "schedules": schedules.program_schedules(program),
        "sendings": schedules.recent_sendings(program),
        "form": form,
    }
    return render(request, "reports/briefing_schedules.html", context)


@require_POST
def briefing_schedule_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    program = _manager_program(request, code)
    schedule = _schedule(program, pk)
    try:
        schedules.delete_schedule(request.user, schedule)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("定期简报“%(name)s”已删除。") % {"name": schedule.name})
    return redirect("reports:briefing-schedules", code=program.code)
