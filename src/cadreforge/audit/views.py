"""The audit log page (审计日志): read-only, for the audit administrator and the auditor."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors

PAGE_SIZE = 50


def _date(request: HttpRequest, name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(request.GET.get(name, "").strip())
    except ValueError:
        return None


@require_GET
def entry_list(request: HttpRequest) -> HttpResponse:
    if not getattr(request.user, "may_read_audit", False):
        raise PermissionDenied("只有审计管理员和审计员可以查阅审计日志。")
    filters = {
        "actor": request.GET.get("actor", "").strip(),
        "action": request.GET.get("action", "").strip(),
        "object_text": request.GET.get("object", "").strip(),
        "date_from": _date(request, "from"),
        "date_to": _date(request, "to"),
    }
    entries = selectors.search_entries(**filters)
    context = {
        "page": Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page")),
        "filters": filters,
        "action_choices": selectors.action_categories(),
        "filtered": any(filters.values()),
    }
    return render(request, "audit/entry_list.html", context)
