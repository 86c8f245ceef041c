"""Pages of the enterprise registry: duplicate suggestions with a merge button, and the merges with an
undo button. Only users who may write program data see them; the services check each program touched."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadreforge.core.errors import DomainError, PermissionDenied

from . import registry
from .forms import MergeForm
from .models import Enterprise, EnterpriseMerge
from .views import domain_errors

SUGGESTIONS_SHOWN = 200


def _writers_only(request: HttpRequest) -> None:
    if not request.user.may_write:
        raise DjangoPermissionDenied(_("只有计划管理员可以维护企业库。"))


@domain_errors
def duplicates(request: HttpRequest) -> HttpResponse:
    _writers_only(request)
    suggestions = registry.duplicate_suggestions(limit=SUGGESTIONS_SHOWN)
    return render(
        request, "pipeline/duplicates.html", {"suggestions": suggestions, "limit": SUGGESTIONS_SHOWN}
    )


@require_POST
@domain_errors
def merge(request: HttpRequest) -> HttpResponse:
    _writers_only(request)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("合并请求不完整。"))
        return redirect("pipeline:duplicates")
    kept = get_object_or_404(Enterprise, pk=form.cleaned_data["kept"])
    merged = get_object_or_404(Enterprise, pk=form.cleaned_data["merged"])
    try:
        registry.merge_enterprises(request.user, kept, merged)
        messages.success(
            request, _("已将“%(m)s”并入“%(k)s”，可在合并记录中撤销。") % {"m": merged.name, "k": kept.name}
        )
    except DomainError as exc:
        if isinstance(exc, PermissionDenied):
            raise
        messages.error(request, exc.message)
    return redirect("pipeline:duplicates")


@domain_errors
def merges(request: HttpRequest) -> HttpResponse:
    _writers_only(request)
    return render(request, "pipeline/merges.html", {"merges": registry.list_merges()[:200]})


@require_POST
@domain_errors
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    _writers_only(request)
    merge_record = get_object_or_404(EnterpriseMerge, pk=pk)
    try:
        registry.undo_merge(request.user, merge_record)
        messages.success(request, _("已撤销合并，“%(m)s”恢复为独立企业。") % {"m": merge_record.merged.name})
    except DomainError as exc:
        if isinstance(exc, PermissionDenied):
            raise
        messages.error(request, exc.message)
    return redirect("pipeline:merges")
