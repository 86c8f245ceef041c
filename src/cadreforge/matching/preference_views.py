"""Pages where preferences are entered: a selected cadre ranks posts of their program (干部志愿, their own
only), and a host's ranking of the batch's cadres for one post (派驻单位意向) is entered by the host unit's
own contact (for the posts of their unit only) or by the program's manager on the host's behalf."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cadreforge.accounts.models import Role
from cadreforge.core.errors import DomainError, NotFound
from cadreforge.programs import host_contacts

from . import selectors, services
from .forms import HostRankingForm, WishForm
from .views import _visible_batch, not_found_as_404


@not_found_as_404
def my_wishes(request: HttpRequest, code: str, number: int) -> HttpResponse:
    participant = selectors.my_batch_participant(request.user, code, number)
    batch = participant.batch
    current = selectors.cadre_wishes(participant)
    form = WishForm(
        request.POST or None,
        queryset=selectors.program_posts(batch),
        slots=services.MAX_CADRE_WISHES,
        initial_items=[w.post for w in current],
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_own_wishes(request.user, participant, form.chosen())
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("岗位志愿已保存。"))
            return redirect("matching:my-wishes", code=code, number=number)
    context = {
        "participant": participant,
        "batch": batch,
        "program": participant.program,
        "wishes": current,
        "form": form,
        "posts": selectors.program_posts(batch).prefetch_related("chains"),
        "max_wishes": services.MAX_CADRE_WISHES,
    }
    return render(request, "matching/my_wishes.html", context)


def _is_host_contact(request: HttpRequest) -> bool:
    return request.user.role == Role.HOST_CONTACT


def _ranking_batch(request: HttpRequest, code: str, number: int):
    """The batch and the posts whose host ranking this user may see: a host contact's own unit's posts,
    or every post of a batch the user may see."""
    if _is_host_contact(request):
        batch = host_contacts.get_contact_batch(request.user, code, number)
        return batch, host_contacts.contact_posts(request.user, batch.program)
    batch = _visible_batch(request, code, number)
    return batch, selectors.program_posts(batch)


@not_found_as_404
def host_home(request: HttpRequest) -> HttpResponse:
    """A host contact's start page: the batches whose cadres their unit may rank, with the unit's posts."""
    if not _is_host_contact(request):
        raise NotFound(_("此页面仅供派驻单位联系人使用。"))
    posts = list(host_contacts.contact_posts(request.user))
    batches = [
        (batch, [post for post in posts if post.program_id == batch.program_id])
        for batch in host_contacts.contact_batches(request.user)
    ]
    context = {"batches": batches, "host_units": request.user.host_units.order_by("city", "name")}
    return render(request, "matching/host_home.html", context)


@not_found_as_404
def host_rankings(request: HttpRequest, code: str, number: int) -> HttpResponse:
    batch, visible_posts = _ranking_batch(request, code, number)
    rankings = selectors.host_rankings(batch)
    posts = [(post, rankings.get(post.pk, [])) for post in visible_posts]
    context = {
        "batch": batch,
        "program": batch.program,
        "posts": posts,
        "may_rank": request.user.may_write or _is_host_contact(request),
        "host_contact": _is_host_contact(request),
    }
    return render(request, "matching/host_rankings.html", context)


@not_found_as_404
def host_ranking_edit(request: HttpRequest, code: str, number: int, post_code: str) -> HttpResponse:
    batch, visible_posts = _ranking_batch(request, code, number)
    post = visible_posts.filter(code=post_code).first()
    if post is None:
        raise NotFound(_("找不到该岗位，或您无权查看。"))
    current = selectors.host_rankings(batch).get(post.pk, [])
    form = HostRankingForm(
        request.POST or None,
        queryset=selectors.batch_participants(batch),
        slots=services.MAX_HOST_RANKING,
        initial_items=[p.participant for p in current],
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_host_ranking(request.user, batch, post, form.chosen())
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("岗位%(code)s的派驻单位意向已保存。") % {"code": post.code})
            return redirect("matching:host-rankings", code=code, number=number)
    context = {
        "batch": batch,
        "program": batch.program,
        "post": post,
        "form": form,
        "ranking": current,
        "host_contact": _is_host_contact(request),
    }
    return render(request, "matching/host_ranking_form.html", context)
