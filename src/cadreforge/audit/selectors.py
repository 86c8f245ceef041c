"""Reading the audit log: verifying the chain, and the filtered list the audit administrator reads."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from cadreforge.core import crypto

from .models import AuditEntry
from .services import GENESIS, PURGE_ACTION, entry_digest
from .vocabulary import CATEGORY_NAMES, category_name, category_of


@dataclass(frozen=True)
class ChainReport:
    entries: int
    first_broken_id: int | None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.first_broken_id is None


def _purge_anchors() -> set[str]:
    """Hashes a retention purge declared as the last one it removed: the surviving chain may start there.
    The purge entry is itself chained and MACed, so an anchor cannot be forged without the key."""
    anchors = set()
    for changes in AuditEntry.objects.filter(action=PURGE_ACTION).values_list("changes", flat=True):
        if isinstance(changes, dict) and changes.get("last_removed_hash"):
            anchors.add(changes["last_removed_hash"])
    return anchors


def verify_chain() -> ChainReport:
    """Walk the log in order; the first entry whose content or link does not match is reported."""
    expected_prev = GENESIS
    count = 0
    keys = crypto.master_keys()  # entries written before a key rotation verify with a retired key
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        count += 1
        first_after_purge = count == 1 and entry.prev_hash in _purge_anchors()
        if entry.prev_hash != expected_prev and not first_after_purge:
            return ChainReport(count, entry.id, "与前一条记录的链接不符（前面的记录被删除或修改）")
        try:
            intact = any(entry_digest(entry, master) == entry.hash for master in keys)
        except KeyError:
            intact = False
        if not intact:
            return ChainReport(count, entry.id, "记录内容与摘要不符（记录被修改）")
        expected_prev = entry.hash
    return ChainReport(count, None)


def search_entries(
    *,
    actor: str = "",
    action: str = "",
    object_text: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    """The log, newest first, filtered by who (username), what (a family of actions such as "auth", or a
    code and the codes under it), on what and when. "briefing" does not take in "briefing_schedule"."""
    entries = AuditEntry.objects.order_by("-id")
    if actor:
        entries = entries.filter(actor_name__icontains=actor)
    if action:
        entries = entries.filter(Q(action=action) | Q(action__startswith=f"{action}."))
    if object_text:
        entries = entries.filter(Q(object_repr__icontains=object_text) | Q(object_id=object_text))
    if date_from:
        entries = entries.filter(at__date__gte=date_from)
    if date_to:
        entries = entries.filter(at__date__lte=date_to)
    return entries


def action_prefixes() -> list[str]:
    """The families of actions present (the part before the first dot): named ones in the vocabulary's
    order, then any others (older entries') by code."""
    present = {category_of(a) for a in AuditEntry.objects.values_list("action", flat=True).distinct()}
    named = [c for c in CATEGORY_NAMES if c in present]
    return named + sorted(present - set(named))


def action_categories() -> list[tuple[str, str]]:
    """The filter's choices: (code, Chinese name); the value stays the code, so filter URLs keep working."""
    return [(prefix, category_name(prefix)) for prefix in action_prefixes()]
