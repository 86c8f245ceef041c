"""Who is acting and from where, for audit entries written deep inside services and signal receivers, and
the entries that must outlive the business transaction (denials, failures).

Denials are written after the transaction is over: while inside an atomic block they are queued, and the
queue is written when the request ends (DeniedAccessMiddleware) or the `deferred_audit()` block exits — by
then the business transaction has committed or rolled back, so the denial is kept either way. One
connection serves both, so this works the same on SQLite (a second connection would wait on the writer's
lock) and PostgreSQL.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

_actor: ContextVar[Any] = ContextVar("audit_actor", default=None)
_ip: ContextVar[str | None] = ContextVar("audit_ip", default=None)
_queue: ContextVar["list[dict] | None"] = ContextVar("audit_queue", default=None)


@dataclass
class Scope:
    tokens: list = field(default_factory=list)


def current_actor() -> Any:
    return _actor.get()


def current_ip() -> str | None:
    return _ip.get()


@contextmanager
def acting(actor: Any, ip: str | None) -> Iterator[None]:
    actor_token, ip_token = _actor.set(actor), _ip.set(ip)
    try:
        yield
    finally:
        _actor.reset(actor_token)
        _ip.reset(ip_token)


def queue() -> "list[dict] | None":
    return _queue.get()


@contextmanager
def deferred_audit() -> Iterator[list[dict]]:
    """Entries queued by `record_after_rollback` inside this block are written when it exits, after every
    transaction opened inside it has ended."""
    from .services import record

    pending: list[dict] = []
    token = _queue.set(pending)
    try:
        yield pending
    finally:
        _queue.reset(token)
        for kwargs in pending:
            record(**kwargs)
