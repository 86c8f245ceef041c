"""Manager pages of secondment life: assignment status and host contact, temporary Party branches, events
with attendance, talk notes and supervision findings, and the program's notification channels. Only for
users who may write the program (others get 404); every write goes through an audited service."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadreforge.core.errors import DomainError, NotFound
from cadreforge.programs import selectors as programs
from cadreforge.programs.models import Program

from . import manage_selectors as select
from .channel_services import send_test_message
from .events import (
    add_finding,
    close_finding,
    create_event,
    may_read_talk_notes,
    set_attendance,
    talk_notes,
    write_talk_note,
)
from .forms import (
    ChannelForm,
    CloseFindingForm,
    EventForm,
    FindingForm,
    HostContactForm,
    MoveAssignmentForm,
    PartyBranchForm,
    TalkNoteForm,
)
from .models import Delivery, Event
from .reminders import save_channel
from .services import move_assignment, save_party_branch, set_host_contact


def _manager_program(request: HttpRequest, code: str) -> Program:
    if not request.user.may_write:
        raise Http404(_("该页面仅供计划管理员使用。"))
    try:
        return programs.get_visible_program(request.user, code)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _found(lookup, *args):
    try:
        return lookup(*args)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _done(request: HttpRequest, form, write, success: str) -> bool:
    """Run the service write of a valid form; a broken rule becomes a form error. True when saved."""
    if not form.is_valid():
        return False
    try:
        write(form.cleaned_data)
    except DomainError as exc:
        form.add_error(None, exc.message)
        return False
    messages.success(request, success)
    return True


# --- assignments ---------------------------------------------------------------------------------------


def assignments(request: HttpRequest, code: str) -> HttpResponse:
    program = _manager_program(request, code)
    move_form, contact_form, current = MoveAssignmentForm(), HostContactForm(), None
    if request.method == "POST":
        current = _found(select.get_assignment, program, _int(request.POST.get("assignment")))
        if request.POST.get("action") == "contact":
            contact_form = HostContactForm(request.POST)
            saved = _done(
                request,
                contact_form,
                lambda d: set_host_contact(request.user, current, name=d["name"], phone=d["phone"]),
                _("派驻单位联系人已保存。"),
            )
        else:
            move_form = MoveAssignmentForm(request.POST)
            saved = _done(
                request,
                move_form,
                lambda d: move_assignment(request.user, current, d["status"], on=d["on"], reason=d["reason"]),
                _("派驻状态已更新。"),
            )
        if saved:
            return redirect("secondment:assignments", code=program.code)
    context = {
        "program": program,
        "assignments": select.program_assignments(program),
        "move_form": move_form,
        "contact_form": contact_form,
        "current": current,
    }
    return render(request, "secondment/assignments.html", context)


def _int(raw) -> int:
    if not str(raw or "").isdigit():
        raise Http404(_("编号应为正整数。"))
    return int(raw)


# --- temporary Party branches --------------------------------------------------------------------------


def branches(request: HttpRequest, code: str) -> HttpResponse:
    program = _manager_program(request, code)
    form = PartyBranchForm(request.POST or None, program=program)
    if request.method == "POST" and _done(
        request,
        form,
        lambda d: save_party_branch(
            request.user,
            d["batch"],
            name=d["name"],
            secretary=d["secretary"],
            members=list(d["members"]),
            team=d["team"],
        ),
        _("临时党支部已保存。"),
    ):
        return redirect("secondment:branches", code=program.code)
    context = {"program": program, "branches": select.program_branches(program), "form": form}
    return render(request, "secondment/branches.html", context)


# --- events --------------------------------------------------------------------------------------------


def event_new(request: HttpRequest, code: str) -> HttpResponse:
    program = _manager_program(request, code)
    form = EventForm(request.POST or None, program=program)
    created: list[Event] = []

    def write(d) -> None:
        created.append(
            create_event(
                request.user,
                program,
                kind=d["kind"],
                title=d["title"],
                date=d["date"],
                batch=d["batch"],
                location=d["location"],
                summary=d["summary"],
            )
        )

    if request.method == "POST" and _done(request, form, write, _("活动已保存，请登记出席情况。")):
        return redirect("secondment:event-detail", code=program.code, pk=created[0].pk)
    return render(request, "secondment/event_new.html", {"program": program, "form": form})


def event_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    program = _manager_program(request, code)
    event = _found(select.get_event, program, pk)
    roster = select.event_roster(event)
    finding_form, close_form, note_form = FindingForm(), CloseFindingForm(), TalkNoteForm(program=program)
    closing = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "attendance":
            saved = _save_attendance(request, event, roster)
        elif action == "finding":
            finding_form = FindingForm(request.POST)
            saved = _done(
                request, finding_form, lambda d: add_finding(request.user, event, **d), _("问题已登记。")
            )
        elif action == "close":
            closing = _found(select.get_finding, event, _int(request.POST.get("finding")))
            close_form = CloseFindingForm(request.POST)
            saved = _done(
                request,
                close_form,
                lambda d: close_finding(request.user, closing, on=d["on"], note=d["note"]),
                _("问题已销号。"),
            )
        elif action == "talk_note":
            note_form = TalkNoteForm(request.POST, program=program)
            saved = _done(
                request,
                note_form,
                lambda d: write_talk_note(request.user, event, d["participant"], notes=d["notes"]),
                _("谈话记录已保存。"),
            )
        else:
            raise Http404(_("未知的操作。"))
        if saved:
            return redirect("secondment:event-detail", code=program.code, pk=event.pk)
    show_notes = event.kind == Event.Kind.TALK and may_read_talk_notes(request.user, program)
    context = {
        "program": program,
        "event": event,
        "roster": roster,
        "findings": event.findings.all(),
        "finding_form": finding_form,
        "close_form": close_form,
        "closing": closing,
        "note_form": note_form,
        "show_notes": show_notes,
        "notes": list(talk_notes(request.user, event)) if show_notes else [],
    }
    return render(request, "secondment/event_detail.html", context)


def _save_attendance(request: HttpRequest, event: Event, roster: list[dict]) -> bool:
    """Each cadre of the roster is present when ticked, absent otherwise, with an optional note."""
    present = set(request.POST.getlist("present"))
    try:
        for row in roster:
            participant = row["participant"]
            set_attendance(
                request.user,
                event,
                participant,
                present=str(participant.pk) in present,
                note=request.POST.get(f"note-{participant.pk}", "")[:200],
            )
    except DomainError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, _("出席情况已保存。"))
    return True


# --- notification channels -----------------------------------------------------------------------------


def channels(request: HttpRequest, code: str) -> HttpResponse:
    program = _manager_program(request, code)
    form = ChannelForm(request.POST or None)
    if request.method == "POST" and _done(
        request,
        form,
        lambda d: save_channel(
            request.user,
            program,
            name=d["name"],
            kind=d["kind"],
            webhook_url=d["webhook_url"],
            active=d["active"],
        ),
        _("通知渠道已保存。"),
    ):
        return redirect("secondment:channels", code=program.code)
    context = {
        "program": program,
        "channels": select.program_channels(program),
        "deliveries": select.recent_deliveries(program),
        "form": form,
    }
    return render(request, "secondment/channels.html", context)


@require_POST
def channel_test(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    program = _manager_program(request, code)
    channel = _found(select.get_channel, program, pk)
    try:
        delivery = send_test_message(request.user, channel)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if delivery.status == Delivery.Status.SENT:
            messages.success(request, _("测试消息已发送到“%(name)s”。") % {"name": channel.name})
        else:
            messages.error(
                request,
                _("测试消息发送失败（尝试%(n)s次）：%(error)s")
                % {"n": delivery.attempts, "error": delivery.error},
            )
    return redirect("secondment:channels", code=program.code)
