"""Reading the audit log."""

from dataclasses import dataclass

from .models import AuditEntry
from .services import GENESIS, entry_digest


@dataclass(frozen=True)
class ChainReport:
    entries: int
    first_broken_id: int | None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.first_broken_id is None


def verify_chain() -> ChainReport:
    """Walk the log in order; the first entry whose content or link does not match is reported."""
    expected_prev = GENESIS
    count = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        count += 1
        if entry.prev_hash != expected_prev:
            return ChainReport(count, entry.id, "与前一条记录的链接不符（前面的记录被删除或修改）")
        if entry_digest(entry) != entry.hash:
            return ChainReport(count, entry.id, "记录内容与摘要不符（记录被修改）")
        expected_prev = entry.hash
    return ChainReport(count, None)
