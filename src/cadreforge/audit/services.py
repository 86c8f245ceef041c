"""Writing the audit log. Every service that changes something that matters calls `record`."""

import datetime as dt
import hashlib
import hmac
import json
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac
from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from cadreforge.core import crypto

from . import context
from .models import AuditEntry

GENESIS = "0" * 64


def _mac_key(master: bytes | None = None) -> bytes:
    return hmac.new(master or crypto.master_keys()[0], b"cadreforge:audit-chain", hashlib.sha256).digest()


def _hmac_sha256(key: bytes, data: bytes) -> str:
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def _hmac_sm3(key: bytes, data: bytes) -> str:
    mac = crypto_hmac.HMAC(key, hashes.SM3())
    mac.update(data)
    return mac.finalize().hex()


# The chain's MAC algorithms (both 256 bits, 64 hex digits); settings.CADREFORGE_AUDIT_MAC picks new entries'.
MAC_ALGORITHMS = {"hmac-sha256": _hmac_sha256, "hmac-sm3": _hmac_sm3}


def entry_digest(entry: AuditEntry, master: bytes | None = None) -> str:
    """The HMAC of an entry's content chained to its predecessor's hash, with the current master key or the
    given one (entries written before a key rotation verify with a retired key)."""
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
    return MAC_ALGORITHMS[entry.mac_algorithm](_mac_key(master), payload.encode())


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
    object_id: str = "",
) -> AuditEntry:
    """Append one entry. Runs inside the caller's transaction: if the change rolls back, so does its entry,
    and if the entry cannot be written the change fails with it. The address defaults to the request's."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    ip = ip or context.current_ip()
    with transaction.atomic():
        _lock_chain()
        last = AuditEntry.objects.select_for_update().order_by("-id").only("hash").first()
        entry = AuditEntry(
            at=timezone.now(),
            actor=user,
            actor_name=(user.get_username() if user else (str(actor) if actor else "系统")),
            action=action,
            object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
            object_id=object_id or (str(obj.pk) if obj is not None and obj.pk is not None else ""),
            object_repr=(object_repr or (str(obj) if obj is not None else ""))[:255],
            changes=json.loads(json.dumps(changes or {}, ensure_ascii=False, default=str)),
            ip=ip,
            mac_algorithm=settings.CADREFORGE_AUDIT_MAC,
            prev_hash=last.hash if last else GENESIS,
        )
        entry.hash = entry_digest(entry)
        entry.save()
    return entry


def record_after_rollback(
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    changes: dict | None = None,
    ip: str | None = None,
    object_type: str = "",
    object_repr: str = "",
) -> None:
    """Record a denied or failed attempt so that it survives the rollback of the transaction around it.
    Outside a transaction it is written at once; inside one it is queued (see audit.context)."""
    kwargs = {
        "actor": actor,
        "action": action,
        "obj": None,
        "changes": changes,
        "ip": ip or context.current_ip(),
        "object_type": object_type or (obj._meta.label_lower if obj is not None else ""),
        "object_repr": object_repr or (str(obj) if obj is not None else ""),
        "object_id": str(obj.pk) if obj is not None and obj.pk is not None else "",
    }
    pending = context.queue()
    if not connection.in_atomic_block:
        record(**kwargs)
    elif pending is not None:
        pending.append(kwargs)
    else:
        raise RuntimeError("record_after_rollback inside a transaction needs an enclosing deferred_audit()")


PURGE_ACTION = "audit.purge"


class RetentionTooShort(ValueError):
    """A purge asked to remove entries younger than the legal minimum (网络安全法: at least six months)."""


def purge_older_than(days: int, actor: Any = None) -> int:
    """Remove entries older than `days` (refused below settings.CADREFORGE_AUDIT_MIN_RETENTION_DAYS) and
    chain a purge entry naming the last removed hash, so `verify` still accepts the shortened log."""
    minimum = settings.CADREFORGE_AUDIT_MIN_RETENTION_DAYS
    if days < minimum:
        raise RetentionTooShort(
            f"审计日志至少保留 {minimum} 天：拒绝清理 {days} 天前的记录（天数不能小于 {minimum}）。"
        )
    cutoff = timezone.now() - dt.timedelta(days=days)
    with transaction.atomic():
        _lock_chain()
        doomed = AuditEntry.objects.filter(at__lt=cutoff)
        last = doomed.order_by("-id").only("id", "hash").first()
        if last is None:
            return 0
        # Only a whole prefix of the chain may go: the survivors must still link to each other.
        doomed = AuditEntry.objects.filter(id__lte=last.id)
        count = doomed.count()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL cadreforge.audit_purge = 'on'")
        doomed.delete()
        changes = {
            "removed": count,
            "through_id": last.id,
            "last_removed_hash": last.hash,
            "older_than_days": days,
        }
        record(actor, PURGE_ACTION, None, changes, object_type="audit.auditentry", object_repr="审计日志")
    return count
