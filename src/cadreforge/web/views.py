"""Pages: thin views over programs.selectors and reports.selectors. Everything is scoped to the user;
an object outside the scope answers 404, like one that does not exist."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied as Forbidden
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cadreforge.core.errors import DomainError, NotFound, PermissionDenied
from cadreforge.core.locking import StaleEdit
from cadreforge.core.stages import Stage
from cadreforge.evaluation.selectors import may_see_board as may_see_ranking
from cadreforge.exchange.services import may_export_ledger
from cadreforge.people import photo as photos
from cadreforge.people import reveal
from cadreforge.people import services as people
from cadreforge.programs import host_contacts
from cadreforge.programs import selectors as programs
from cadreforge.programs import services as program_services
from cadreforge.programs.models import Program
from cadreforge.reports.selectors import get_funnel
from cadreforge.secondment.selectors import may_view_board
from cadreforge.selection.selectors import with_call_flag

from .forms import CadrePhotoForm, HostContactsForm, ProgramEditForm, RevealForm

PAGE_SIZE = 50
FUNNEL_TARGET = "funnel-panel"


def not_found_as_404(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Turn the domain's NotFound (missing or out of scope) into a 404 page with its message."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc

    return wrapper


def _paginate(request: HttpRequest, items) -> Page:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def _number_param(request: HttpRequest, name: str) -> int | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise NotFound(_("参数“%(name)s”应为正整数，收到“%(value)s”。") % {"name": name, "value": raw})
    return int(raw)


def _program_param(request: HttpRequest) -> Program | None:
    code = request.GET.get("program", "").strip()
    return programs.get_visible_program(request.user, code) if code else None


def _funnel_context(program: Program, batch_number: int | None) -> dict:
    funnel = get_funnel(program, batch_number)
    stages = [
        {
            "key": stage.key,
            "label": stage.label,
            "now": funnel["stage_now"][stage.key],
            "reached": funnel["reached"][stage.key],
        }
        for stage in Stage
    ]
    scope = _("第%(n)s批") % {"n": batch_number} if batch_number else _("全部批次")
    chart = {
        "title": _("%(program)s · %(scope)s 项目阶段累计到达数") % {"program": program.name, "scope": scope},
        "stages": [{"name": row["label"], "value": row["reached"]} for row in stages],
    }
    return {
        "funnel": funnel,
        "funnel_stages": stages,
        "funnel_chart": chart,
        "funnel_scope": scope,
        "batch_number": batch_number,
    }


@not_found_as_404
def program_list(request: HttpRequest) -> HttpResponse:
    # An aggregate drops Meta.ordering, so the list says its order here.
    summaries = programs.list_program_summaries(request.user).order_by("code")
    return render(request, "web/program_list.html", {"programs": summaries})


@not_found_as_404
def program_detail(request: HttpRequest, code: str) -> HttpResponse:
    program = programs.get_visible_program(request.user, code)
    funnel = _funnel_context(program, _number_param(request, "batch"))
    batches = list(with_call_flag(programs.list_program_batches(program)))
    context = {"program": program, "batches": batches, **funnel}
    if request.headers.get("HX-Request") == "true" and request.headers.get("HX-Target") == FUNNEL_TARGET:
        response = render(request, "web/_funnel.html", context)
    else:
        # Links are offered by the rules their pages apply, so no role is shown a link that refuses it.
        context.update(
            teams=programs.list_program_teams(request.user, program),
            participants=_paginate(request, programs.visible_participants(request.user, program)),
            posts=programs.visible_posts(request.user, program),
            may_export_ledger=may_export_ledger(request.user),
            may_view_board=may_view_board(request.user),
            may_see_ranking=may_see_ranking(request.user),
        )
        response = render(request, "web/program_detail.html", context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


@not_found_as_404
def program_edit(request: HttpRequest, code: str) -> HttpResponse:
    """修改计划信息. The form carries the version it was loaded at; a save after someone else's is refused
    with a message and the current values are shown again (nothing is overwritten)."""
    program = programs.get_visible_program(request.user, code)
    try:
        program_services.ensure_may_write(request.user, program)
    except PermissionDenied as exc:
        raise Forbidden(exc.message) from exc
    form = ProgramEditForm.for_program(program, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            program_services.update_program(request.user, program, expected_version=version, **data)
        except StaleEdit as exc:
            program.refresh_from_db()
            messages.error(request, exc.message)
            form = ProgramEditForm.for_program(program)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("计划信息已保存。"))
            return redirect("web:program-detail", code=program.code)
    return render(request, "web/program_edit.html", {"program": program, "form": form})


@not_found_as_404
def cadre_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    program = _program_param(request)
    cadres = programs.search_cadres(request.user, query=query, program=program)
    context = {
        "cadres": _paginate(request, cadres),
        "query": query,
        "program": program,
        "program_choices": programs.visible_programs(request.user).only("code", "name"),
    }
    return render(request, "web/cadre_list.html", context)


def _may_edit_cadre(user, cadre) -> bool:
    try:
        people.ensure_may_edit_cadre(user, cadre)
    except PermissionDenied:
        return False
    return True


def _render_cadre_detail(
    request: HttpRequest, cadre, photo_form: CadrePhotoForm | None = None, status: int = 200
) -> HttpResponse:
    """The cadre's page; the photo form (with its errors after a refused upload) for those who may edit."""
    participations = programs.list_cadre_participations(request.user, cadre)
    may_edit = _may_edit_cadre(request.user, cadre)
    context = {
        "cadre": cadre,
        "participations": participations,
        "may_edit": may_edit,
        "photo_form": (photo_form or CadrePhotoForm()) if may_edit else None,
    }
    if reveal.may_reveal_personal_data(request.user):
        choices = reveal.revealable_fields(cadre)
        context["reveal_form"] = RevealForm(choices=choices) if choices else None
    return render(request, "web/cadre_detail.html", context, status=status)


@not_found_as_404
def cadre_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_cadre_detail(request, programs.get_visible_cadre(request.user, pk))


@not_found_as_404
@require_GET
def cadre_photo(request: HttpRequest, pk: int) -> HttpResponse:
    """The photo of the appointment form, to whoever may see the cadre's page; never cached on the way."""
    cadre = programs.get_visible_cadre(request.user, pk)
    data = cadre.photo
    if not data:
        raise Http404(_("该干部的档案中没有照片。"))
    response = HttpResponse(data, content_type=photos.content_type(data))
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@not_found_as_404
@require_POST
def cadre_photo_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """上传照片: replaces the photo; a refused file leaves the profile as it was and is said on the page."""
    cadre = programs.get_visible_cadre(request.user, pk)
    try:  # before the upload is read: someone who may not edit gets 403 whatever they sent
        people.ensure_may_edit_cadre(request.user, cadre)
    except PermissionDenied as exc:
        raise Forbidden(exc.message) from exc
    form = CadrePhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            people.set_cadre_photo(request.user, cadre, form.cleaned_data["photo"].read())
        except PermissionDenied as exc:
            raise Forbidden(exc.message) from exc
        except DomainError as exc:
            form.add_error("photo", exc.message)
        else:
            messages.success(request, _("照片已保存。"))
            return redirect("web:cadre-detail", pk=cadre.pk)
    cadre.refresh_from_db()
    return _render_cadre_detail(request, cadre, form, status=400)


@not_found_as_404
@require_POST
def cadre_photo_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """删除照片."""
    cadre = programs.get_visible_cadre(request.user, pk)
    try:
        people.remove_cadre_photo(request.user, cadre)
    except PermissionDenied as exc:
        raise Forbidden(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("照片已删除。"))
    return redirect("web:cadre-detail", pk=cadre.pk)


def _reveal_refused(request: HttpRequest, cadre) -> None:
    try:
        reveal.reveal_personal_data(request.user, cadre, request.POST.get("field", ""), "")
    except PermissionDenied as exc:
        raise Forbidden(exc.message) from exc


@not_found_as_404
def cadre_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """查看完整信息: asks for the reason (GET, or a refused POST), then shows the value once. The answer
    is marked as revealing personal data and must not be cached by the browser or a proxy."""
    cadre = programs.get_visible_cadre(request.user, pk)
    if not reveal.may_reveal_personal_data(request.user):
        if request.method == "POST":  # refused by the service, which audits the attempt with cadre and field
            _reveal_refused(request, cadre)
        raise Forbidden(_("您的角色无权查看干部的完整身份证号和手机号。"))
    form = RevealForm(request.POST or None, choices=reveal.revealable_fields(cadre), initial=request.GET)
    context = {"cadre": cadre, "form": form}
    if request.method == "POST" and form.is_valid():
        field = form.cleaned_data["field"]
        try:
            value = reveal.reveal_personal_data(request.user, cadre, field, form.cleaned_data["reason"])
        except PermissionDenied as exc:
            raise Forbidden(exc.message) from exc
        except DomainError as exc:
            form.add_error("reason", exc.message)
        else:
            context.update(revealed_label=reveal.REVEALABLE_FIELDS[field], revealed_value=value)
            response = render(request, "web/cadre_reveal.html", context)
            response["X-Personal-Data"] = "revealed"
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "web/cadre_reveal.html", context)


@not_found_as_404
def post_list(request: HttpRequest) -> HttpResponse:
    program = _program_param(request)
    city = request.GET.get("city", "").strip()
    posts = programs.search_posts(request.user, program=program, city=city)
    context = {
        "posts": _paginate(request, posts),
        "program": program,
        "city": city,
        "program_choices": programs.visible_programs(request.user).only("code", "name"),
        "city_choices": programs.list_post_cities(request.user),
    }
    return render(request, "web/post_list.html", context)


@not_found_as_404
def host_contacts_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """派驻单位联系人: link the unit's own people (accounts of that role) to it, so that they rank cadres for
    its posts themselves. Audited by the service (`host.contacts`, before and after)."""
    try:
        host = host_contacts.get_managed_host_unit(request.user, pk)
    except PermissionDenied as exc:
        raise Forbidden(exc.message) from exc
    form = HostContactsForm(
        request.POST if request.method == "POST" else None,  # an empty POST unlinks everyone
        accounts=host_contacts.contact_accounts(),
        initial={"contacts": list(host.contacts.all())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            host_contacts.set_host_contacts(request.user, host, list(form.cleaned_data["contacts"]))
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("%(name)s的联系人已保存。") % {"name": host.name})
            return redirect("web:host-contacts", pk=host.pk)
    posts = programs.visible_posts(request.user).filter(host=host).order_by("program__code", "code")
    return render(request, "web/host_contacts.html", {"host": host, "form": form, "posts": posts})
