"""Pages where preferences are entered: a selected cadre ranks posts of their program (干部志愿, their own
only), and the program's manager enters a host's ranking of the batch's cadres for one post (派驻单位意向;
host contacts have no link to a host unit, so the manager enters it for them)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cadreforge.core.errors import DomainError

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


@not_found_as_404
def host_rankings(request: HttpRequest, code: str, number: int) -> HttpResponse:
    batch = _visible_batch(request, code, number)
    rankings = selectors.host_rankings(batch)
    posts = [(post, rankings.get(post.pk, [])) for post in selectors.program_posts(batch)]
    context = {"batch": batch, "program": batch.program, "posts": posts}
    return render(request, "matching/host_rankings.html", context)


@not_found_as_404
def host_ranking_edit(request: HttpRequest, code: str, number: int, post_code: str) -> HttpResponse:
    batch = _visible_batch(request, code, number)
    post = selectors.get_batch_post(batch, post_code)
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
    context = {"batch": batch, "program": batch.program, "post": post, "form": form, "ranking": current}
    return render(request, "matching/host_ranking_form.html", context)
