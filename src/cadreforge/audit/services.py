"""Writing the audit log. Every service that changes something that matters calls `record`."""

import hashlib
import hmac
import json
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from .models import AuditEntry

GENESIS = "0" * 64


def _mac_key() -> bytes:
    master = (settings.DATA_KEY or settings.SECRET_KEY).encode()
    return hmac.new(master, b"cadreforge:audit-chain", hashlib.sha256).digest()


def entry_digest(entry: AuditEntry) -> str:
    """The HMAC of an entry's content chained to its predecessor's hash."""
    payload = json.dumps(
        [
            entry.prev_hash,
            entry.at.isoformat(),
            entry.actor_id,
            entry.actor_name,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.object_repr,
            entry.changes,
            entry.ip,
        ],
        ensure_ascii=False,
        sort_keys=True,
        default=str,
    )
    return hmac.new(_mac_key(), payload.encode(), hashlib.sha256).hexdigest()


# Any constant: the id of the PostgreSQL advisory lock that serialises appends to the chain.
_CHAIN_LOCK_ID = 0x43464155  # "CFAU"


def _lock_chain() -> None:
    """Serialise appends until the transaction ends. Locking the last row is not enough on PostgreSQL:
    a writer that waited on it would still read it as the last and fork the chain (and the empty log
    has no row to lock). SQLite serialises writers by itself."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_ID])


def record(
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    changes: dict | None = None,
    ip: str | None = None,
    object_type: str = "",
    object_repr: str = "",
) -> AuditEntry:
    """Append one entry. Runs inside the caller's transaction: if the change rolls back, so does its entry."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        _lock_chain()
        last = AuditEntry.objects.select_for_update().order_by("-id").only("hash").first()
        entry = AuditEntry(
            at=timezone.now(),
            actor=user,
            actor_name=(user.get_username() if user else (str(actor) if actor else "系统")),
            action=action,
            object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
            object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
            object_repr=(object_repr or (str(obj) if obj is not None else ""))[:255],
            changes=json.loads(json.dumps(changes or {}, ensure_ascii=False, default=str)),
            ip=ip,
            prev_hash=last.hash if last else GENESIS,
        )
        entry.hash = entry_digest(entry)
        entry.save()
    return entry
