"""Pages of the enterprise registry: duplicate suggestions with merge and 不是重复 buttons, the merges and
the 不是重复 marks, each with an undo button. Only users who may write program data see them, and each
list only the enterprises within the user's reach (registry.within_reach); the services check each
program touched."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadreforge.core.errors import DomainError, PermissionDenied

from . import registry
from .forms import DismissForm, MergeForm
from .models import Enterprise, EnterpriseMerge
from .registry_models import DuplicateDismissal
from .views import domain_errors

SUGGESTIONS_SHOWN = 200


def _attempt(request: HttpRequest, action, success: str) -> None:
    """Run the service call and say its success, or its Chinese refusal, on the next page. A permission
    refusal stays a 403 (domain_errors), not a message."""
    try:
        action()
    except PermissionDenied:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)


def _writers_only(request: HttpRequest) -> None:
    try:
        registry.ensure_may_keep_registry(request.user)
    except PermissionDenied as exc:
        raise DjangoPermissionDenied(exc.message) from exc


@domain_errors
def duplicates(request: HttpRequest) -> HttpResponse:
    _writers_only(request)
    suggestions = registry.duplicate_suggestions(user=request.user, limit=SUGGESTIONS_SHOWN)
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
    _attempt(
        request,
        lambda: registry.merge_enterprises(request.user, kept, merged),
        _("已将“%(m)s”并入“%(k)s”，可在合并记录中撤销。") % {"m": merged.name, "k": kept.name},
    )
    return redirect("pipeline:duplicates")


@domain_errors
def merges(request: HttpRequest) -> HttpResponse:
    _writers_only(request)
    return render(request, "pipeline/merges.html", {"merges": registry.list_merges(request.user)[:200]})


@require_POST
@domain_errors
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    _writers_only(request)
    merge_record = get_object_or_404(EnterpriseMerge, pk=pk)
    _attempt(
        request,
        lambda: registry.undo_merge(request.user, merge_record),
        _("已撤销合并，“%(m)s”恢复为独立企业。") % {"m": merge_record.merged.name},
    )
    return redirect("pipeline:merges")


@require_POST
@domain_errors
def dismiss(request: HttpRequest) -> HttpResponse:
    """不是重复: the pair is no longer suggested."""
    _writers_only(request)
    form = DismissForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("“不是重复”的请求不完整，或说明超过200字。"))
        return redirect("pipeline:duplicates")
    first = get_object_or_404(Enterprise, pk=form.cleaned_data["first"])
    second = get_object_or_404(Enterprise, pk=form.cleaned_data["second"])
    _attempt(
        request,
        lambda: registry.dismiss_duplicate(request.user, first, second, reason=form.cleaned_data["reason"]),
        _("已标记“%(a)s”与“%(b)s”不是重复，不再提示；可在“不是重复”记录中撤销。")
        % {"a": first.name, "b": second.name},
    )
    return redirect("pipeline:duplicates")


@domain_errors
def dismissals(request: HttpRequest) -> HttpResponse:
    _writers_only(request)
    return render(
        request, "pipeline/dismissals.html", {"dismissals": registry.list_dismissals(request.user)[:200]}
    )


@require_POST
@domain_errors
def undo_dismissal(request: HttpRequest, pk: int) -> HttpResponse:
    _writers_only(request)
    dismissal = get_object_or_404(DuplicateDismissal, pk=pk)
    _attempt(
        request,
        lambda: registry.undo_dismissal(request.user, dismissal),
        _("已撤销“不是重复”标记，“%(a)s”与“%(b)s”将重新作为疑似重复提示。")
        % {"a": dismissal.first.name, "b": dismissal.second.name},
    )
    return redirect("pipeline:dismissals")
