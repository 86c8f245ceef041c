"""The exclusions (回避) of a batch: a cadre kept off a post or off every post of a host unit, with the
reason; listed for anyone who sees the batch, added and removed by the program's manager."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadreforge.core.errors import DomainError, NotFound

from . import selectors, services
from .forms import ExclusionForm
from .views import _visible_batch, not_found_as_404


@not_found_as_404
def exclusions(request: HttpRequest, code: str, number: int) -> HttpResponse:
    batch = _visible_batch(request, code, number)
    form = ExclusionForm(
        request.POST or None,
        participants=selectors.batch_participants(batch),
        posts=selectors.program_posts(batch),
        hosts=selectors.batch_hosts(batch),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_exclusion(
                request.user, data["participant"], post=data["post"], host=data["host"], reason=data["reason"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("回避已登记。"))
            return redirect("matching:exclusions", code=code, number=number)
    context = {
        "batch": batch,
        "program": batch.program,
        "exclusions": selectors.batch_exclusions(batch),
        "form": form,
    }
    return render(request, "matching/exclusions.html", context)


@require_POST
@not_found_as_404
def exclusion_delete(request: HttpRequest, code: str, number: int, pk: int) -> HttpResponse:
    batch = _visible_batch(request, code, number)
    exclusion = selectors.batch_exclusions(batch).filter(pk=pk).first()
    if exclusion is None:
        raise NotFound(_("该批次没有这条回避。"))
    try:
        services.remove_exclusion(request.user, exclusion)
        messages.success(request, _("回避已撤销。"))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("matching:exclusions", code=code, number=number)
