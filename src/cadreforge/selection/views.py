"""Pages of selection: the calls, one call from its rules to the decision, and a cadre's own applications.
Thin: forms parse, services write, selectors read; NotFound (missing or out of scope) answers 404."""

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied as Forbidden
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadreforge.accounts.models import Role
from cadreforge.core.errors import DomainError, NotFound, PermissionDenied
from cadreforge.people.models import Cadre
from cadreforge.programs.selectors import get_batch, get_visible_program, visible_cadres
from cadreforge.programs.services import ensure_may_write

from . import forms, selectors, services
from .models import TIE_BREAKS, Application, Call, Objection


def not_found_as_404(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc

    return wrapper


@not_found_as_404
def call_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "calls": selectors.list_calls(user),
        "open_calls": selectors.open_calls(user) if user.role == Role.CADRE else [],
        "mine": selectors.my_applications(user) if user.role == Role.CADRE else [],
        "apply_form": forms.SelfApplicationForm(),
    }
    return render(request, "selection/call_list.html", context)


@not_found_as_404
def call_create(request: HttpRequest, code: str, number: int) -> HttpResponse:
    program = get_visible_program(request.user, code)
    batch = get_batch(program, number)
    try:
        ensure_may_write(request.user, program)  # a reader is refused the form, not only its submission
    except PermissionDenied as exc:
        raise Forbidden(exc.message) from exc
    form = forms.CallForm(
        request.POST or None, initial={"quota": batch.quota, "title": f"{program.name}{batch}选拔公告"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.create_call(request.user, batch, **form.call_fields())
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("选拔公告已发布。"))
            return redirect("selection:call-detail", code=code, number=number)
    return render(request, "selection/call_form.html", {"program": program, "batch": batch, "form": form})


@not_found_as_404
def call_detail(request: HttpRequest, code: str, number: int) -> HttpResponse:
    call = selectors.get_visible_call(request.user, code, number)
    filters = _application_filters(request, call)
    page = Paginator(
        selectors.list_applications(
            request.user,
            call,
            status=filters["status"],
            track=filters["track"],
            channel=Application.Channel.RECOMMENDED if filters["recommended"] else "",
        ),
        APPLICATIONS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    rules_text = "\n".join(
        "|".join(
            [r.label, str(r.tier), str(r.points), "、".join(r.unit_kinds), "、".join(r.unit_keywords),
             "、".join(r.position_keywords), "、".join(r.tags), r.flag]
        )
        for r in call.priority_rules.all()
    )  # fmt: skip
    context = {
        "call": call,
        "program": call.batch.program,
        "applications": [(a, selectors.explain_application(a)) for a in page.object_list],
        "page": page,
        "filters": filters,
        "filter_query": urlencode({k: v for k, v in filters.items() if v}),
        "statuses": Application.Status.choices,
        "tie_breaks": [TIE_BREAKS[t] for t in call.tie_breaks],
        "publicity_end": services.publicity_end(call),
        "objections": selectors.pending_objections(call),
        "rules_form": forms.PriorityRulesForm(initial={"rules": rules_text}),
        "application_form": forms.ApplicationForm(),
        "score_form": forms.PanelScoreForm(),
        "objection_form": forms.ObjectionForm(initial={"raised_on": timezone.localdate()}),
        "resolve_form": forms.ResolveForm(initial={"resolved_on": timezone.localdate()}),
        "date_form": forms.DateForm(initial={"day": timezone.localdate()}),
        "may_write": request.user.may_write,
    }
    return render(request, "selection/call_detail.html", context)


APPLICATIONS_PER_PAGE = 50


def _application_filters(request: HttpRequest, call: Call) -> dict:
    """The list filters of the call page, unknown values dropped: status, track, recommended only."""
    status = request.GET.get("status", "")
    track = request.GET.get("track", "")
    return {
        "status": status if status in Application.Status.values else "",
        "track": track if track in (call.tracks or []) else "",
        "recommended": "1" if request.GET.get("recommended") == "1" else "",
    }


def _application_of(call: Call, pk: str) -> Application:
    application = call.applications.filter(pk=pk).first()
    if application is None:
        raise NotFound(_("该公告没有这条报名。"))
    return application


def _do(request: HttpRequest, call: Call, action: str) -> str:
    """Run one action of the call page; returns the message to show."""
    user, post = request.user, request.POST
    if action == "rules":
        form = forms.PriorityRulesForm(post)
        if not form.is_valid():
            raise DomainError("；".join(form.errors.get("rules", [])) or _("优先规则格式不对"))
        services.set_priority_rules(user, call, form.rule_rows())
        return _("优先规则已保存。")
    if action == "apply":
        form = forms.ApplicationForm(post)
        if not form.is_valid():
            raise DomainError(_("报名信息不完整：") + "；".join(f"{k}{v[0]}" for k, v in form.errors.items()))
        data = form.cleaned_data
        cadre = (
            visible_cadres(user).filter(pk=data["cadre_id"]).first()
            or Cadre.objects.filter(pk=data["cadre_id"]).first()
        )
        if cadre is None:
            raise DomainError(_("找不到ID为%(id)s的干部") % {"id": data["cadre_id"]})
        del data["cadre_id"]
        services.submit_application(user, call, cadre, **data)
        return _("已登记%(name)s的报名。") % {"name": cadre.name}
    if action == "score":
        form = forms.PanelScoreForm(post)
        if not form.is_valid():
            raise DomainError(_("打分信息不完整"))
        services.record_panel_score(user, _application_of(call, post.get("application")), **form.cleaned_data)
        return _("评分已记录。")
    if action == "evaluate":
        services.evaluate_call(user, call)
        return _("已核对资格并重新排名。")
    if action == "shortlist":
        form = forms.DateForm(post)
        chosen = services.shortlist(
            user, call, publicity_start=form.cleaned_data["day"] if form.is_valid() else None
        )
        return _("已确定拟入选%(n)d人，开始公示。") % {"n": len(chosen)}
    if action == "objection":
        form = forms.ObjectionForm(post)
        if not form.is_valid():
            raise DomainError(_("异议信息不完整"))
        services.record_objection(user, _application_of(call, post.get("application")), **form.cleaned_data)
        return _("异议已登记。")
    if action == "resolve":
        form = forms.ResolveForm(post)
        objection = Objection.objects.filter(application__call=call, pk=post.get("objection")).first()
        if objection is None or not form.is_valid():
            raise DomainError(_("办结信息不完整"))
        services.resolve_objection(user, objection, **form.cleaned_data)
        return _("异议已办结。")
    if action == "decide":
        form = forms.DateForm(post)
        chosen = services.decide(user, call, today=form.cleaned_data["day"] if form.is_valid() else None)
        return _("最终决定：入选%(n)d人，已编入批次。") % {"n": len(chosen)}
    raise NotFound(_("未知操作"))


@require_POST
@not_found_as_404
def call_action(request: HttpRequest, code: str, number: int, action: str) -> HttpResponse:
    call = selectors.get_visible_call(request.user, code, number)
    try:
        messages.success(request, _do(request, call, action))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("selection:call-detail", code=code, number=number)


@require_POST
@not_found_as_404
def apply_self(request: HttpRequest, pk: int) -> HttpResponse:
    """A cadre applies to an open call for themselves."""
    call = selectors.open_calls(request.user).filter(pk=pk).first()
    cadre = getattr(request.user, "cadre", None)
    if call is None or cadre is None:
        raise NotFound(_("找不到可报名的公告。"))
    form = forms.SelfApplicationForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("请填写任现职年限"))
        services.submit_application(request.user, call, cadre, **form.cleaned_data)
        messages.success(request, _("报名成功。"))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("selection:call-list")


@not_found_as_404
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_visible_application(request.user, pk)
    context = {"application": application, "explain": selectors.explain_application(application)}
    return render(request, "selection/application_detail.html", context)
