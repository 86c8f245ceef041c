"""Pages of growth mentors (成长导师): a program's pairings, one pairing with its shadowing logs, the
pairing form (managers), the log form (the mentee) and the mentor's comment (managers)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadreforge.core.errors import DomainError, NotFound, PermissionDenied
from cadreforge.programs import selectors as programs
from cadreforge.programs.models import Program

from . import mentors, selectors
from .forms import CommentForm, LogForm, PairingForm
from .manager_views import domain_errors, managed_program
from .models import MentorPairing


def _mentor_cadres(request: HttpRequest):
    return programs.visible_cadres(request.user).order_by("name", "pk")


@domain_errors
def my_pairings(request: HttpRequest) -> HttpResponse:
    """Every pairing the user may see, grouped by program (a cadre: their own)."""
    pairings = mentors.visible_pairings(request.user).order_by(
        "participant__program__code", "participant__code", "start_date"
    )
    return render(request, "evaluation/mentors_mine.html", {"pairings": pairings})


@domain_errors
def pairing_list(request: HttpRequest, code: str) -> HttpResponse:
    program = programs.get_visible_program(request.user, code)
    context = {
        "program": program,
        "pairings": mentors.list_pairings(request.user, program),
        "manage": selectors.may_manage(request.user, program),
    }
    return render(request, "evaluation/mentors.html", context)


def _pairing_url(pairing: MentorPairing) -> str:
    return reverse("evaluation:pairing", args=[pairing.participant.program.code, pairing.pk])


def _form_page(request, program: Program, form, title: str, back: str) -> HttpResponse:
    context = {"program": program, "form": form, "title": title, "back": back}
    return render(request, "evaluation/form.html", context)


def _save(form, call):
    try:
        return call()
    except PermissionDenied:
        raise
    except DomainError as exc:
        form.add_error(None, exc.message)
        return None


@domain_errors
def pairing_create(request: HttpRequest, code: str) -> HttpResponse:
    program = managed_program(request, code)
    form = PairingForm(program, _mentor_cadres(request), request.POST or None)
    if request.method == "POST" and form.is_valid():
        participant = form.cleaned_data["participant"]
        fields = form.pairing_fields()
        pairing = _save(form, lambda: mentors.pair_mentor(request.user, participant, **fields))
        if pairing is not None:
            messages.success(request, _("导师结对已保存。"))
            return redirect(_pairing_url(pairing))
    back = reverse("evaluation:mentors", args=[program.code])
    return _form_page(request, program, form, _("新建成长导师结对"), back)


@domain_errors
def pairing_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    program = managed_program(request, code)
    pairing = mentors.get_visible_pairing(request.user, pk, program)
    keys = ("mentor_name", "mentor_post", "place", "start_date", "end_date", "goals")
    initial = {k: getattr(pairing, k) for k in keys} | {"mentor_cadre": pairing.mentor_cadre_id}
    form = PairingForm(program, _mentor_cadres(request), request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        fields = form.pairing_fields()
        if _save(form, lambda: mentors.update_pairing(request.user, pairing, **fields)) is not None:
            messages.success(request, _("导师结对已保存。"))
            return redirect(_pairing_url(pairing))
    title = _("编辑导师结对：%(who)s") % {"who": pairing.participant.cadre.name}
    return _form_page(request, program, form, title, _pairing_url(pairing))


def _detail(request, program, pairing, log_form=None) -> HttpResponse:
    mentee = mentors.is_mentee(request.user, pairing)
    manage = selectors.may_manage(request.user, program)
    if log_form is None and mentee:
        log_form = LogForm(initial={"date": timezone.localdate()})
    context = {
        "program": program, "pairing": pairing, "totals": mentors.pairing_totals(pairing),
        "logs": pairing.logs.select_related("commented_by"), "mentee": mentee, "manage": manage,
        "log_form": log_form, "comment_form": CommentForm() if manage else None,
    }  # fmt: skip
    return render(request, "evaluation/pairing_detail.html", context)


@domain_errors
def pairing_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    program = programs.get_visible_program(request.user, code)
    return _detail(request, program, mentors.get_visible_pairing(request.user, pk, program))


@require_POST
@domain_errors
def log_create(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    program = programs.get_visible_program(request.user, code)
    pairing = mentors.get_visible_pairing(request.user, pk, program)
    if not mentors.is_mentee(request.user, pairing):
        raise PermissionDenied(_("跟班学习记录只能由学员本人填写。"))
    form = LogForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        log = _save(form, lambda: mentors.add_log(
            request.user, pairing, date=d["date"], hours=d["hours"], activity=d["activity"],
            learned=d["learned"],
        ))  # fmt: skip
        if log is not None:
            messages.success(request, _("跟班学习记录已保存。"))
            return redirect(_pairing_url(pairing))
    response = _detail(request, program, pairing, log_form=form)
    response.status_code = 400
    return response


@require_POST
@domain_errors
def log_comment(request: HttpRequest, code: str, pk: int, log_pk: int) -> HttpResponse:
    program = managed_program(request, code)
    pairing = mentors.get_visible_pairing(request.user, pk, program)
    log = pairing.logs.filter(pk=log_pk).first()
    if log is None:
        raise NotFound(_("找不到该跟班学习记录。"))
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("导师点评不能为空。"))
    else:
        try:
            mentors.comment_log(request.user, log, comment=form.cleaned_data["comment"])
        except PermissionDenied:
            raise
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("导师点评已保存。"))
    return redirect(_pairing_url(pairing))
