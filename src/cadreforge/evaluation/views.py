"""Pages of evaluation: the ranking board, a cadre's own score, fault-tolerance cases and their workflow,
commendations and promotions. Thin: parse, call a service or selector, render."""

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadreforge.core.errors import DomainError, NotFound
from cadreforge.programs import selectors as programs

from . import faults, selectors
from .models import CaseReview, CorrectionAction, FaultToleranceCase
from .scoring import TIE_RULE


def _int(raw: str, what: str) -> int | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404(_("%(what)s应为正整数。") % {"what": what})
    return int(raw)


def index(request: HttpRequest) -> HttpResponse:
    board = selectors.may_see_board(request.user)
    progs = programs.visible_programs(request.user).order_by("code") if board else []
    return render(request, "evaluation/index.html", {"programs": progs, "board": board})


def ranking(request: HttpRequest, code: str) -> HttpResponse:
    if not selectors.may_see_board(request.user):
        return redirect("evaluation:mine")
    try:
        program = programs.get_visible_program(request.user, code)
        batch = _int(request.GET.get("batch", ""), _("批次号"))
        if batch is not None:
            programs.get_batch(program, batch)
        scheme_id = _int(request.GET.get("scheme", ""), _("方案"))
    except NotFound as exc:
        raise Http404(exc.message) from exc
    manage = selectors.may_manage(request.user, program)
    context = {"program": program, "manage": manage, "batch": batch, "batches": program.batches.all()}
    if not program.kpi_schemes.exists():
        return render(request, "evaluation/ranking.html", context | {"scheme": None})
    try:
        scheme = selectors.get_scheme(program, scheme_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    data = selectors.get_ranking(program, batch, scheme_id=scheme.pk)
    context |= {
        "scheme": scheme,
        "schemes": program.kpi_schemes.all(),
        "rows": data["rows"],
        "tie_rule": TIE_RULE,
    }
    return render(request, "evaluation/ranking.html", context)


def mine(request: HttpRequest) -> HttpResponse:
    return render(request, "evaluation/mine.html", {"scores": selectors.my_scores(request.user)})


def case_list(request: HttpRequest) -> HttpResponse:
    own = programs.visible_participants(request.user).filter(cadre__user=request.user)
    if request.method == "POST":
        participant = own.filter(pk=_int(request.POST.get("participant", ""), _("干部"))).first()
        if participant is None:
            raise Http404(_("只能为本人申请容错。"))
        try:
            case = faults.file_case(
                request.user,
                participant,
                title=request.POST.get("title", ""),
                facts=request.POST.get("facts", ""),
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("容错申请已提交。"))
            return redirect("evaluation:case", pk=case.pk)
    context = {"cases": faults.visible_cases(request.user), "own": own}
    return render(request, "evaluation/case_list.html", context)


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        case = faults.get_visible_case(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    criteria = [(label, case.criteria.get(key)) for key, label in faults.CRITERIA.items()]
    distinctions = [(label, case.distinctions.get(key, "")) for key, label in faults.DISTINCTIONS.items()]
    done = set(case.reviews.values_list("level", flat=True))
    next_level = next((lvl for lvl in CaseReview.Level if lvl not in done), None)
    context = {
        "case": case, "criteria": criteria, "distinctions": distinctions, "next_level": next_level,
        "criteria_keys": faults.CRITERIA.items(), "distinction_keys": faults.DISTINCTIONS.items(),
        "decisions": FaultToleranceCase.Decision.choices, "closed": faults.is_closed(case),
        "manage": request.user.may_write,
    }  # fmt: skip
    return render(request, "evaluation/case_detail.html", context)


def _date(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError as exc:
        raise DomainError(_("日期格式应为 YYYY-MM-DD。")) from exc


def _act(request: HttpRequest, case: FaultToleranceCase, action: str) -> None:
    post, user = request.POST, request.user
    if action == "accept":
        faults.accept_case(user, case, accept=post.get("accept") != "no", note=post.get("note", ""))
    elif action == "verify":
        criteria = {k: post.get(f"c_{k}") == "yes" for k in faults.CRITERIA}
        distinctions = {k: post.get(f"d_{k}", "") for k in faults.DISTINCTIONS}
        faults.verify_case(
            user, case, criteria=criteria, distinctions=distinctions, findings=post.get("findings", "")
        )
    elif action == "review":
        level = _int(post.get("level", ""), _("审核层级")) or 0
        faults.add_review(
            user, case, level, opinion=post.get("opinion", ""), agrees=post.get("agrees") == "yes",
            date=_date(post.get("date", "")),
        )  # fmt: skip
    elif action == "decide":
        faults.decide_case(user, case, decision=post.get("decision", ""), reason=post.get("reason", ""))
    elif action == "feedback":
        faults.feed_back(user, case, feedback=post.get("feedback", ""))
    elif action == "file":
        faults.file_with_authority(user, case, authority=post.get("authority", ""))
    elif action == "correction":
        faults.add_correction(user, case, description=post.get("description", ""))
    elif action == "close":
        action_obj = CorrectionAction.objects.filter(
            case=case, pk=_int(post.get("correction", ""), "id")
        ).first()
        if action_obj is None:
            raise DomainError(_("找不到该整改措施。"))
        faults.close_correction(
            user, action_obj, closed_on=_date(post.get("date", "")), result=post.get("result", "")
        )
    else:
        raise DomainError(_("未知的操作。"))


@require_POST
def case_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    try:
        case = faults.get_visible_case(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    try:
        _act(request, case, action)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已保存。"))
    return redirect("evaluation:case", pk=case.pk)


def honours(request: HttpRequest) -> HttpResponse:
    context = {
        "commendations": selectors.list_commendations(request.user),
        "promotions": selectors.list_promotions(request.user),
    }
    return render(request, "evaluation/honours.html", context)
