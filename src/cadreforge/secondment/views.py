"""Pages of secondment life: a cadre's weekly reports, the manager's compliance board and review page, and
the written outputs of a program. Thin: parse, call a service or selector, render."""

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cadreforge.accounts.models import Role
from cadreforge.core.errors import DomainError, NotFound
from cadreforge.programs import selectors as programs

from . import selectors
from .events import list_events, may_read_talk_notes, talk_notes
from .forms import ReviewForm, WeeklyReportForm
from .output_selectors import output_statistics
from .weekly_services import review_weekly_report, save_weekly_report


def _program(request: HttpRequest, code: str):
    try:
        return programs.get_visible_program(request.user, code)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _board_program(request: HttpRequest, code: str):
    if not selectors.may_view_board(request.user):
        raise Http404(_("该页面仅供组织部门和领导查看。"))
    return _program(request, code)


def _batch_number(request: HttpRequest) -> int | None:
    raw = request.GET.get("batch", "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404(_("批次号应为正整数。"))
    return int(raw)


def index(request: HttpRequest) -> HttpResponse:
    if request.user.role == Role.CADRE:
        return redirect("secondment:my-weekly")
    context = {"programs": programs.visible_programs(request.user).order_by("code")}
    return render(request, "secondment/index.html", context)


def my_weekly(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = [
        {"participant": p, "slots": selectors.participant_slots(p, today)}
        for p in selectors.own_participants(request.user)
    ]
    return render(request, "secondment/my_weekly.html", {"rows": rows, "today": today})


def my_weekly_edit(request: HttpRequest, code: str, week: str) -> HttpResponse:
    program = _program(request, code)
    try:
        participant = selectors.get_own_participant(request.user, program)
        slot = selectors.get_slot(participant, dt.date.fromisoformat(week), timezone.localdate())
    except (NotFound, ValueError) as exc:
        raise Http404(getattr(exc, "message", _("日期格式不对。"))) from exc
    report = slot.report
    form = WeeklyReportForm(request.POST or None, initial={"content": report.content if report else ""})
    if request.method == "POST" and form.is_valid():
        try:
            save_weekly_report(
                request.user,
                participant,
                week_start=slot.week_start,
                content=form.cleaned_data["content"],
                submit=form.cleaned_data["submit"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("周报已提交。") if form.cleaned_data["submit"] else _("草稿已保存。"))
            return redirect("secondment:my-weekly")
    return render(
        request,
        "secondment/my_weekly_edit.html",
        {"program": program, "slot": slot, "report": report, "form": form},
    )


def weekly_board(request: HttpRequest, code: str) -> HttpResponse:
    program = _board_program(request, code)
    batch_number = _batch_number(request)
    try:
        board = selectors.weekly_compliance(program, batch_number, today=timezone.localdate())
    except NotFound as exc:
        raise Http404(exc.message) from exc
    weeks = max((len(r.slots) for r in board["rows"]), default=0)
    context = {
        "program": program,
        "board": board,
        "batch_number": batch_number,
        "batches": program.batches.order_by("number"),
        "week_numbers": range(1, weeks + 1),
    }
    return render(request, "secondment/weekly_board.html", context)


def weekly_review(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    program = _board_program(request, code)
    try:
        report = selectors.get_visible_report(request.user, program, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    form = ReviewForm(
        request.POST or None, initial={"comment": report.review_comment, "rating": report.rating}
    )
    if request.method == "POST" and form.is_valid():
        try:
            review_weekly_report(
                request.user, report, comment=form.cleaned_data["comment"], rating=form.cleaned_data["rating"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("审阅意见已保存。"))
            return redirect("secondment:weekly-review", code=program.code, pk=report.pk)
    context = {"program": program, "report": report, "form": form, "may_review": request.user.may_write}
    return render(request, "secondment/weekly_review.html", context)


def outputs(request: HttpRequest, code: str) -> HttpResponse:
    program = _program(request, code)
    try:
        stats = output_statistics(request.user, program, _batch_number(request))
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return render(request, "secondment/outputs.html", {"program": program, **stats})


def events(request: HttpRequest, code: str) -> HttpResponse:
    """Events with attendance and supervision findings; talk notes only for the organisation department."""
    program = _board_program(request, code)
    event_list = list(list_events(program))
    show_notes = may_read_talk_notes(request.user, program)
    notes = {e.pk: list(talk_notes(request.user, e)) for e in event_list if show_notes and e.kind == "talk"}
    for event in event_list:
        event.notes_list = notes.get(event.pk, [])
    return render(
        request,
        "secondment/events.html",
        {"program": program, "events": event_list, "show_notes": show_notes},
    )
