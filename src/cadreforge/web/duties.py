"""The duties checklist page (职责清单) of a program: each cadre's progress on each duty, linked to the
records that prove it, and — for managers — the checklist's editing and manual confirmations. Thin: the
progress comes from reports.duties, the writes from secondment.events."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cadreforge.core.errors import DomainError, NotFound
from cadreforge.programs import selectors as programs
from cadreforge.programs.models import Participant, Program
from cadreforge.reports.duties import get_duty_progress
from cadreforge.secondment.events import mark_duty, save_duty
from cadreforge.secondment.forms import DutyForm, DutyMarkForm
from cadreforge.secondment.models import Duty
from cadreforge.secondment.selectors import may_view_board

_API_LISTS = {
    Duty.Measure.VISITS: "api:api-v1:list_visits",
    Duty.Measure.LEADS: "api:api-v1:list_leads",
    Duty.Measure.PROJECTS: "api:api-v1:list_projects",
    Duty.Measure.TALENTS: "api:api-v1:list_talents",
}


def proof_link(program: Program, duty: Duty, participant: Participant) -> str:
    """Where the records behind a cell are listed: the API list (by cadre for visits, by batch for the
    lists that have no cadre filter) or the cadre's row of the outputs page. Empty for manual duties."""
    batch = {"batch": participant.batch.number} if participant.batch_id else {}
    if duty.measure == Duty.Measure.VISITS:
        return f"{reverse(_API_LISTS[duty.measure], args=[program.code])}?{urlencode({'cadre': participant.code})}"
    if duty.measure in _API_LISTS:
        query = f"?{urlencode(batch)}" if batch else ""
        return reverse(_API_LISTS[duty.measure], args=[program.code]) + query
    if duty.measure == Duty.Measure.OUTPUTS:
        query = f"?{urlencode(batch)}" if batch else ""
        return f"{reverse('secondment:outputs', args=[program.code])}{query}#person-{participant.code}"
    return ""


def _batch_number(request: HttpRequest) -> int | None:
    raw = request.GET.get("batch", "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404(_("批次号应为正整数。"))
    return int(raw)


def program_duties(request: HttpRequest, code: str) -> HttpResponse:
    if not may_view_board(request.user):
        raise Http404(_("该页面仅供组织部门和领导查看。"))
    try:
        program = programs.get_visible_program(request.user, code)
        progress = get_duty_progress(program, _batch_number(request))
    except NotFound as exc:
        raise Http404(exc.message) from exc
    duty_form, mark_form = DutyForm(), DutyMarkForm(program=program)
    if request.method == "POST":
        if request.POST.get("action") == "mark":
            mark_form = DutyMarkForm(request.POST, program=program)
            form, success = mark_form, _("已确认完成。")

            def write(d) -> None:
                mark_duty(request.user, d["duty"], d["participant"], evidence=d["evidence"], date=d["date"])
        else:
            duty_form = DutyForm(request.POST)
            form, success = duty_form, _("职责清单已保存。")

            def write(d) -> None:
                save_duty(
                    request.user, program, title=d["title"], measure=d["measure"], target=d["target"],
                    order=d["order"],
                )  # fmt: skip

        if form.is_valid():
            try:
                write(form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, success)
                return redirect(request.get_full_path())
    for row in progress["rows"]:
        for cell in row["cells"]:
            cell["link"] = proof_link(program, cell["duty"], row["participant"])
    context = {
        "program": program,
        "progress": progress,
        "done_counts": [progress["done_by_duty"][d.pk] for d in progress["duties"]],
        "batch_number": _batch_number(request),
        "batches": program.batches.order_by("number"),
        "may_edit": request.user.may_write,
        "duty_form": duty_form,
        "mark_form": mark_form,
        "has_manual": any(d.measure == Duty.Measure.MANUAL for d in progress["duties"]),
    }
    return render(request, "web/duties.html", context)
