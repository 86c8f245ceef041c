"""Importing a ledger workbook: read (calamine) → validate everything in memory → write all or nothing.

`import_ledger` is the one entry point for the CLI, the web page's background task and the tests.
"""

import gc
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.db import transaction

from cadreforge.audit.services import record
from cadreforge.core.errors import ValidationFailed
from cadreforge.programs.models import Program
from cadreforge.programs.services import ensure_may_write

from . import schema
from .bulk import large_page_cache
from .reader import read_workbook
from .upsert import Counts
from .validate import check_against_database, check_references, load_known, parse_ledger
from .writer import LedgerWriter

# progress(fraction 0..1, what is being done in Chinese)
ProgressCallback = Callable[[float, str], None]


@dataclass
class ImportResult:
    program_code: str
    dry_run: bool
    counts: dict[str, Counts] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "program": self.program_code,
            "dry_run": self.dry_run,
            "rows": self.rows,
            "counts": {sheet: c.as_dict() for sheet, c in self.counts.items()},
        }

    def summary_lines(self) -> list[str]:
        """The Chinese summary: one line per sheet with what was (or would be) created, updated, unchanged."""
        verb = "校验通过（未写入）" if self.dry_run else "导入完成"
        lines = [f"计划“{self.program_code}”{verb}："]
        for sheet in (s.name for s in schema.SHEETS):
            c = self.counts.get(sheet)
            if c is not None:
                lines.append(f"  {sheet}：新增{c.created}，更新{c.updated}，未变{c.unchanged}")
        return lines


class _DryRun(Exception):
    """Raised to roll the dry run's transaction back after counting."""


def import_ledger(
    actor,
    source: str | Path | bytes | IO[bytes],
    *,
    dry_run: bool = False,
    file_name: str = "",
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """Import (or with dry_run only validate) a workbook. Raises ValidationFailed listing every problem,
    or PermissionDenied; nothing is written unless everything is right."""
    with _no_cycle_collection():
        return _import(actor, source, dry_run, file_name, progress)


@contextmanager
def _no_cycle_collection():
    """A big ledger allocates millions of small objects and no reference cycles: Python's cycle collector
    would walk them over and over, a third of the import's time. It runs again as usual afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _import(actor, source, dry_run: bool, file_name: str, progress: ProgressCallback | None) -> ImportResult:
    started = time.perf_counter()
    report = progress or (lambda fraction, what: None)
    report(0.02, "读取工作簿")
    raw = read_workbook(source)
    report(0.15, "校验单元格")
    ledger = parse_ledger(raw)
    code = ledger.program_code
    program = Program.objects.filter(code=code).first() if code else None
    if code:
        ensure_may_write(actor, program)
    known = load_known(program)
    check_references(ledger, known)
    check_against_database(ledger, known)
    if ledger.problems:
        raise ValidationFailed(ledger.sorted_problems())
    report(0.3, "写入数据")
    sheets = [s for s in ledger.rows if s != "计划"]
    done: list[str] = []

    def sheet_done(sheet: str) -> None:
        done.append(sheet)
        report(0.3 + 0.65 * len(done) / max(len(sheets) + 1, 1), f"已处理：{sheet}")

    result = ImportResult(code, dry_run, rows={s: len(r) for s, r in ledger.rows.items()})
    try:
        with large_page_cache(), transaction.atomic():
            writer = LedgerWriter(actor, ledger, sheet_done)
            program = writer.write()
            result.counts = writer.counts
            record(
                actor,
                "ledger.import",
                program,
                {"file": file_name, **result.as_dict()},
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    result.seconds = time.perf_counter() - started
    report(1.0, "完成")
    return result
