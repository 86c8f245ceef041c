"""Reads from a PostgreSQL read replica (DATABASE_REPLICA_URL), writes and security to the primary.

Only configured when DATABASE_REPLICA_URL is set (settings.py adds the router and the middleware); without
it nothing here runs. The rules, so that nobody reads a stale answer where it matters:

- Only the domain apps' reads may go to the replica (`REPLICA_APPS`: programs, pipeline, reports…). Accounts,
  sessions, API tokens, lockout records, the audit log and import jobs are always read from the primary, so
  a new user, a revoked token or a lockout takes effect at once.
- Only inside `replica_reads()`: the middleware opens it for GET and HEAD requests. A read inside a
  transaction goes to the primary (a service reading what it is about to write).
- After a write the browser is pinned to the primary for REPLICA_PIN_SECONDS (a cookie set on the answer
  to any POST/PUT/PATCH/DELETE), so the page after "保存" shows what was saved, whatever the replica's lag.
- An API token, which keeps no cookie, is pinned the same way by its own last write (`last_write_at`):
  authenticating a pinned token calls `read_primary()`, so the rest of that request reads the primary.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PIN_COOKIE = "cf_primary"
REPLICA_APPS = frozenset(
    {
        "org",
        "people",
        "chains",
        "programs",
        "selection",
        "secondment",
        "matching",
        "pipeline",
        "training",
        "evaluation",
        "reports",
    }
)

_reading = ContextVar("cadreforge_replica_reads", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    """Domain reads inside go to the replica (when one is configured and no transaction is open)."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def read_primary() -> None:
    """The rest of this request reads the primary (a caller that wrote a moment ago, known only once it
    has authenticated). Only lowers the flag `replica_reads()` raised: its reset on the way out restores
    the value from before it was entered, so nothing carries over to the next request on this thread."""
    if _reading.get():
        _reading.set(False)


class ReplicaRouter:
    """settings.DATABASE_ROUTERS when DATABASE_REPLICA_URL is set."""

    def db_for_read(self, model, **hints) -> str | None:
        if (
            _reading.get()
            and model._meta.app_label in REPLICA_APPS
            and not connections["default"].in_atomic_block
        ):
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints) -> str:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == "default"  # the replica gets the schema by replication


class ReplicaReadsMiddleware:
    """GET/HEAD requests read the domain from the replica unless the browser wrote a moment ago."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD") and PIN_COOKIE not in request.COOKIES:
            with replica_reads():
                return self.get_response(request)
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.CADREFORGE_REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
