"""Per request: who acts and from where (for every audit entry), denied answers recorded after the
business transaction is over, and queued denials written at the end."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from cadreforge.accounts.security import client_ip

from . import context
from .services import record

# Answers that mean "you may not": recorded whoever asked, once the view's transaction is over.
DENIED_STATUSES = {403}


class DeniedAccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        ip = client_ip(request)
        with context.acting(user, ip), context.deferred_audit() as pending:
            response = self.get_response(request)
            if response.status_code in DENIED_STATUSES and not pending:
                actor = getattr(request, "auth", None) or getattr(request, "user", None)
                record(
                    actor,
                    "access.denied",
                    changes={
                        "method": request.method,
                        "path": request.path[:255],
                        "status": response.status_code,
                    },
                    ip=ip,
                    object_type="http",
                    object_repr=request.path[:255],
                )
        return response
