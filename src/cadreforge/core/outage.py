"""A database that is down or restarting answers 503 with a clear Chinese message instead of a bare 500.

Django calls the 500 handler inside its `except` block, for an error in a view as well as in a middleware
(the session or user lookup is often the first query), so `sys.exc_info()` tells what went wrong. The
failed request's transaction was rolled back: nothing half-written is left. Django closes the broken
connection when the request ends and, on PostgreSQL, checks a kept connection before reusing it
(CONN_HEALTH_CHECKS), so the first request after the database is back simply works."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger("cadreforge.database")

MESSAGE = "数据库暂时无法访问（可能正在重启或维护），本次操作未保存任何数据。请稍后重试。"
RETRY_AFTER_SECONDS = 30


def database_is_unavailable(exc: BaseException | None) -> bool:
    return isinstance(exc, OperationalError | InterfaceError)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    exc = sys.exc_info()[1]
    if not database_is_unavailable(exc):
        # Rendered without the request's context processors: they may be what failed.
        return HttpResponse(render_to_string("500.html"), status=500)
    logger.error("database unavailable on %s %s: %s", request.method, request.path, exc)
    if request.path.startswith("/api/") or request.path == "/healthz":
        response: HttpResponse = JsonResponse({"detail": MESSAGE}, status=503)
    else:
        # Rendered without the request: context processors would query the database that is down.
        response = HttpResponse(render_to_string("503.html", {"message": MESSAGE}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
