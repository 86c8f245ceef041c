"""Manager pages of a program's evaluation: KPI schemes, commendations, promotion recommendations and
their approval steps. Thin: a form checks types, a service decides and writes, errors show on the form."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadreforge.core.errors import DomainError, NotFound, PermissionDenied
from cadreforge.programs import selectors as programs
from cadreforge.programs.models import Program
from cadreforge.programs.services import ensure_may_write

from . import honours, selectors, services
from .forms import CommendationForm, PromotionForm, SchemeForm, StepForm


def domain_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """NotFound → 404, PermissionDenied → 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except PermissionDenied as exc:
            raise Forbidden(exc.message) from exc

    return wrapper


def managed_program(request: HttpRequest, code: str) -> Program:
    """The program if visible (else 404) and the user may write it (else 403)."""
    program = programs.get_visible_program(request.user, code)
    ensure_may_write(request.user, program)
    return program


def _form_page(request, program, form, title: str, back: str, **extra) -> HttpResponse:
    context = {"program": program, "form": form, "title": title, "back": back, **extra}
    return render(request, "evaluation/form.html", context)


def _saved(request: HttpRequest, form, call: Callable[[], object]) -> object | None:
    """Run the service; a broken rule becomes the form's error (nothing was written)."""
    try:
        return call()
    except PermissionDenied:
        raise
    except DomainError as exc:
        form.add_error(None, exc.message)
        return None


# KPI schemes


@domain_errors
def scheme_create(request: HttpRequest, code: str) -> HttpResponse:
    program = managed_program(request, code)
    form = SchemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if program.kpi_schemes.filter(name=d["name"].strip()).exists():
            form.add_error("name", _("该计划已有同名考核方案，请换一个名称或编辑原方案。"))
        else:
            scheme = _saved(request, form, lambda: services.save_scheme(
                request.user, program, name=d["name"], weights=form.weights(), start_date=d["start_date"],
                end_date=d["end_date"], description=d["description"],
            ))  # fmt: skip
            if scheme is not None:
                messages.success(request, _("考核方案已保存。"))
                return redirect(_ranking_url(program, scheme.pk))
    return _form_page(request, program, form, _("新建考核方案"), _ranking_url(program))


@domain_errors
def scheme_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    program = managed_program(request, code)
    scheme = program.kpi_schemes.filter(pk=pk).first()
    if scheme is None:
        raise NotFound(_("找不到该考核方案。"))
    form = SchemeForm(request.POST or None, initial=SchemeForm.initial_for(scheme))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved = _saved(request, form, lambda: services.update_scheme(
            request.user, scheme, name=d["name"], weights=form.weights(), start_date=d["start_date"],
            end_date=d["end_date"], description=d["description"],
        ))  # fmt: skip
        if saved is not None:
            messages.success(request, _("考核方案已保存，排名已按新权重重算。"))
            return redirect(_ranking_url(program, scheme.pk))
    title = _("编辑考核方案：%(name)s") % {"name": scheme.name}
    return _form_page(request, program, form, title, _ranking_url(program, scheme.pk))


def _ranking_url(program: Program, scheme_id: int | None = None) -> str:
    url = reverse("evaluation:ranking", args=[program.code])
    return f"{url}?scheme={scheme_id}" if scheme_id else url


# Commendations and promotions


@domain_errors
def program_honours(request: HttpRequest, code: str) -> HttpResponse:
    program = programs.get_visible_program(request.user, code)
    context = {
        "program": program,
        "commendations": selectors.list_commendations(request.user).filter(participant__program=program),
        "promotions": selectors.list_promotions(request.user).filter(participant__program=program),
        "manage": selectors.may_manage(request.user, program),
    }
    return render(request, "evaluation/honours.html", context)


def _honours_url(program: Program) -> str:
    return reverse("evaluation:program-honours", args=[program.code])


def _evidence(d: dict) -> dict:
    return {"projects": list(d["projects"]), "evidence": d["evidence"]}


@domain_errors
def commendation_create(request: HttpRequest, code: str) -> HttpResponse:
    program = managed_program(request, code)
    form = CommendationForm(program, request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if d["participant"].commendations.filter(title=d["title"].strip(), date=d["date"]).exists():
            form.add_error("title", _("该干部在这一天已有同名表彰，请编辑原表彰。"))
        elif _saved(request, form, lambda: services.commend(
            request.user, d["participant"], title=d["title"], reason=d["reason"], date=d["date"],
            scheme=d["scheme"], **_evidence(d),
        )):  # fmt: skip
            messages.success(request, _("表彰已保存。"))
            return redirect(_honours_url(program))
    return _form_page(request, program, form, _("新建表彰"), _honours_url(program))


@domain_errors
def commendation_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    program = managed_program(request, code)
    c = selectors.get_visible_commendation(request.user, program, pk)
    initial = {"title": c.title, "reason": c.reason, "date": c.date, "evidence": c.evidence}
    initial |= {"scheme": c.scheme_id, "projects": list(c.projects.all())}
    form = CommendationForm(program, request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if _saved(request, form, lambda: honours.update_commendation(
            request.user, c, title=d["title"], reason=d["reason"], date=d["date"], scheme=d["scheme"],
            **_evidence(d),
        )):  # fmt: skip
            messages.success(request, _("表彰已保存。"))
            return redirect(_honours_url(program))
    title = _("编辑表彰：%(who)s %(title)s") % {"who": c.participant.cadre.name, "title": c.title}
    return _form_page(request, program, form, title, _honours_url(program))


def _promotion_fields(d: dict) -> dict:
    keys = ("from_post", "to_post", "reason", "evidence")
    return {k: d[k] for k in keys} | {
        "projects": list(d["projects"]),
        "commendations": list(d["commendations"]),
    }


@domain_errors
def promotion_create(request: HttpRequest, code: str) -> HttpResponse:
    program = managed_program(request, code)
    form = PromotionForm(program, request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        rec = _saved(request, form, lambda: honours.start_promotion(
            request.user, d["participant"], chain=form.chain(), **_promotion_fields(d)
        ))  # fmt: skip
        if rec is not None:
            messages.success(request, _("提拔推荐已提交，进入审批。"))
            return redirect("evaluation:promotion", code=program.code, pk=rec.pk)
    return _form_page(request, program, form, _("新建提拔推荐"), _honours_url(program))


@domain_errors
def promotion_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    program = managed_program(request, code)
    rec = selectors.get_visible_promotion(request.user, program, pk)
    initial = {k: getattr(rec, k) for k in ("from_post", "to_post", "reason", "evidence")}
    initial |= {"projects": list(rec.projects.all()), "commendations": list(rec.commendations.all())}
    form = PromotionForm(program, request.POST or None, initial=initial, editing=True)
    if not honours.may_edit_promotion(rec):
        messages.error(request, _("该提拔推荐已有审批意见，不能再修改。"))
        return redirect("evaluation:promotion", code=program.code, pk=rec.pk)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if _saved(request, form, lambda: honours.update_promotion(request.user, rec, **_promotion_fields(d))):
            messages.success(request, _("提拔推荐已保存。"))
            return redirect("evaluation:promotion", code=program.code, pk=rec.pk)
    title = _("编辑提拔推荐：%(who)s") % {"who": rec.participant.cadre.name}
    return _form_page(request, program, form, title, _honours_url(program))


@domain_errors
def promotion_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    program = programs.get_visible_program(request.user, code)
    rec = selectors.get_visible_promotion(request.user, program, pk)
    manage = selectors.may_manage(request.user, program)
    context = {
        "program": program, "rec": rec, "manage": manage, "editable": honours.may_edit_promotion(rec),
        "step_form": StepForm(initial={"date": timezone.localdate()}) if manage else None,
        "next_step": rec.steps.filter(decision="pending").order_by("order").first(),
    }  # fmt: skip
    return render(request, "evaluation/promotion_detail.html", context)


@require_POST
@domain_errors
def promotion_decide(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    program = managed_program(request, code)
    rec = selectors.get_visible_promotion(request.user, program, pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择审批意见并填写日期。"))
    else:
        d = form.cleaned_data
        try:
            services.decide_step(
                request.user, rec, approve=d["decision"] == "approve", comment=d["comment"], date=d["date"]
            )
        except PermissionDenied:
            raise
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("审批意见已记录。"))
    return redirect("evaluation:promotion", code=program.code, pk=rec.pk)
