"""What every sheet's writer shares: the ledger being written, the counts it reports, the chains it has
resolved, and the small helpers that turn a row into model fields."""

from collections.abc import Callable

from cadreforge.chains.services import get_or_create_chain

from .helpers import _NULLABLE
from .upsert import Counts, upsert
from .validate import Ledger, Row

Progress = Callable[[str], None]


class WriteContext:
    def __init__(self, actor, ledger: Ledger, progress: Progress | None = None):
        self.actor = actor
        self.ledger = ledger
        self.progress = progress or (lambda sheet: None)
        self.counts: dict[str, Counts] = {}
        self._chains: dict[str, int] = {}

    def rows(self, sheet: str) -> list[Row]:
        return self.ledger.rows.get(sheet, [])

    def present(self, sheet: str, mapping: dict[str, str], defaults: dict | None = None) -> list[tuple]:
        """(header, attr, value for a blank cell) of the mapped columns the sheet has (absent columns
        leave a field alone)."""
        defaults = defaults or {}
        return [
            (header, attr, defaults.get(attr, "" if attr not in _NULLABLE else None))
            for header, attr in mapping.items()
            if self.ledger.has(sheet, header)
        ]

    def fields(self, sheet: str, row: Row, mapping: dict[str, str], defaults: dict | None = None) -> dict:
        """Model fields from the columns present in the sheet."""
        return row_fields(row, self.present(sheet, mapping, defaults))

    def chain_ids(self, names: list[str] | None) -> set[int]:
        ids = set()
        for name in names or ():
            if name not in self._chains:
                self._chains[name] = get_or_create_chain(name).pk
            ids.add(self._chains[name])
        return ids

    def run(self, sheet, model, existing, wanted, build, links=()):
        """Upsert one small sheet's rows (model instances) and count them."""
        if sheet not in self.ledger.rows:
            return existing
        result, counts = upsert(model, existing, wanted, build, list(links))
        self.counts[sheet] = counts
        self.progress(sheet)
        return result


def row_fields(row: Row, present: list[tuple]) -> dict:
    values = row.values
    return {attr: (blank if values[h] is None else values[h]) for h, attr, blank in present}
