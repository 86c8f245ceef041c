"""The digital dashboard (数字看板) pages, its JSON endpoint and briefing downloads. Thin: the figures come
from reports.dashboard and the documents from reports.briefing."""

import datetime as dt

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from cadreforge.core.errors import NotFound
from cadreforge.programs import selectors as programs

from .briefing.documents import FORMATS
from .briefing.documents import render as render_briefing
from .dashboard import get_dashboard, get_overview
from .flows import flow_assignments

CONTENT_TYPES = {
    "txt": "text/plain; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class BadFilter(Exception):
    pass


def _filters(request: HttpRequest) -> dict:
    """batch, date_from and date_to from the query string; BadFilter names the parameter that is wrong."""
    out: dict = {"batch_number": None, "date_from": None, "date_to": None}
    raw = request.GET.get("batch", "").strip()
    if raw:
        if not raw.isdigit():
            raise BadFilter(_("参数“batch”应为正整数，收到“%(v)s”。") % {"v": raw[:20]})
        out["batch_number"] = int(raw)
    for name, key in (("from", "date_from"), ("to", "date_to")):
        raw = request.GET.get(name, "").strip()
        if raw:
            try:
                out[key] = dt.date.fromisoformat(raw)
            except ValueError:
                raise BadFilter(
                    _("参数“%(n)s”应为日期（如 2024-03-01），收到“%(v)s”。") % {"n": name, "v": raw[:20]}
                ) from None
    return out


def _program_data(request: HttpRequest, code: str) -> tuple:
    try:
        program = programs.get_visible_program(request.user, code)
        filters = _filters(request)
        return program, filters, get_dashboard(program, user=request.user, **filters)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _flow_line(request: HttpRequest) -> tuple[str, str]:
    """The line of the flow map to list: home and host from the query string (both required)."""
    home, host = request.GET.get("home", "").strip(), request.GET.get("host", "").strip()
    if not home or not host:
        raise BadFilter(_("流向明细需要参数“home”（派出地）和“host”（派驻地）。"))
    return home, host


def _flow_detail(request: HttpRequest, participants, filters: dict, **context) -> HttpResponse:
    home, host = _flow_line(request)
    rows = flow_assignments(
        participants, home, host, date_from=filters["date_from"], date_to=filters["date_to"]
    )
    cadres = len({a.participant.cadre_id for a in rows})
    context.update({"home": home, "host": host, "assignments": rows, "cadres": cadres, "filters": filters})
    return render(request, "reports/dashboard_flow.html", context)


def program_flow_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The cadres and assignments behind one line of a program's flow map (as the user may see them)."""
    try:
        program = programs.get_visible_program(request.user, code)
        filters = _filters(request)
        participants = programs.visible_participants(request.user, program)
        if filters["batch_number"] is not None:
            participants = participants.filter(batch=programs.get_batch(program, filters["batch_number"]))
        return _flow_detail(request, participants, filters, program=program)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except BadFilter as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")


def overview(request: HttpRequest) -> HttpResponse:
    if "home" in request.GET or "host" in request.GET:
        # A line of the overview's flow map: its records across the programs the user may see.
        try:
            participants = programs.visible_participants(request.user)
            return _flow_detail(request, participants, _filters(request), program=None)
        except BadFilter as exc:
            return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    data = get_overview(programs.visible_programs(request.user), request.user)
    return render(request, "reports/overview.html", {"data": data})


def program_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    try:
        program, filters, data = _program_data(request, code)
    except BadFilter as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    context = {
        "program": program,
        "data": data,
        "batches": list(program.batches.order_by("number")),
        "filters": filters,
        "formats": FORMATS,
    }
    return render(request, "reports/dashboard.html", context)


def program_dashboard_data(request: HttpRequest, code: str) -> HttpResponse:
    try:
        _program, _filters_used, data = _program_data(request, code)
    except BadFilter as exc:
        return JsonResponse({"detail": str(exc)}, status=400, json_dumps_params={"ensure_ascii": False})
    return JsonResponse(data, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False})


def briefing_download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404(_("简报格式“%(f)s”不支持。") % {"f": fmt})
    try:
        program = programs.get_visible_program(request.user, code)
        batch_number = _filters(request)["batch_number"]
        content = render_briefing(program, batch_number, fmt, user=request.user)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except BadFilter as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    suffix = f"-batch{batch_number}" if batch_number else ""
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="briefing-{program.code}{suffix}.{fmt}"'
    return response
