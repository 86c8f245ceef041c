"""Bulk loading straight into the models' tables: COPY on PostgreSQL (psycopg 3 `cursor.copy`), executemany
on SQLite. Rows are tuples of plain values (str, int, bool, Decimal, None) that both backends accept as is;
dates and times are pre-formatted by `Stamp`."""

import datetime as dt
import json
import time
from collections.abc import Callable, Iterable

from django.core.management.color import no_style
from django.db import connection
from django.db.models import JSONField, Max, Model

CHUNK = 20_000
# Every generated row carries this creation time, so two runs with one seed write the same rows.
GENERATED_AT = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


class Stamp:
    """Formats dates and times for the configured backend (Django stores naive UTC text on SQLite)."""

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"

    def moment(self, value: dt.datetime) -> str:
        value = value.astimezone(dt.UTC)
        if self.postgres:
            return value.isoformat()
        return value.replace(tzinfo=None).isoformat(" ")


class BulkWriter:
    """Writes rows of one table at a time and remembers the models whose id sequences must move on."""

    def __init__(self, log: Callable[[str], None]) -> None:
        self.log = log
        self.postgres = connection.vendor == "postgresql"
        self.touched: list[type[Model]] = []
        self.counts: dict[str, int] = {}
        self.stamp = Stamp()

    @staticmethod
    def next_id(model: type[Model]) -> int:
        return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1

    def write(self, model: type[Model], columns: list[str], rows: Iterable[tuple], label: str) -> int:
        """Write `rows` (values for `columns`); every other column gets the field's default, so a field
        added to the model later with a default does not break the generator."""
        extra_cols, extra_vals = self._defaults(model, columns)
        if extra_cols:
            columns = [*columns, *extra_cols]
            rows = (row + extra_vals for row in rows)
        table = connection.ops.quote_name(model._meta.db_table)
        cols = ", ".join(connection.ops.quote_name(c) for c in columns)
        started = time.perf_counter()
        connection.ensure_connection()
        raw = connection.connection
        n = 0
        if self.postgres:
            with raw.cursor() as cur, cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    n += 1
        else:
            sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(columns))})"
            chunk: list[tuple] = []
            for row in rows:
                chunk.append(row)
                if len(chunk) >= CHUNK:
                    raw.executemany(sql, chunk)
                    n += len(chunk)
                    chunk.clear()
            if chunk:
                raw.executemany(sql, chunk)
                n += len(chunk)
        if model not in self.touched:
            self.touched.append(model)
        self.counts[label] = self.counts.get(label, 0) + n
        self.log(f"  {label}: {n} 行，{time.perf_counter() - started:.1f} 秒")
        return n

    def _defaults(self, model: type[Model], columns: list[str]) -> tuple[list[str], tuple]:
        cols, vals = [], []
        with connection.cursor() as cur:
            in_table = {
                c.name for c in connection.introspection.get_table_description(cur, model._meta.db_table)
            }
        for field in model._meta.concrete_fields:
            # A field whose migration has not been applied yet has no column to fill.
            if field.column in columns or field.primary_key or field.column not in in_table:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = self.stamp.moment(GENERATED_AT)
            elif isinstance(field, JSONField):
                value = json.dumps(field.get_default(), ensure_ascii=False)
            else:
                value = field.get_default()
            cols.append(field.column)
            vals.append(value)
        return cols, tuple(vals)

    def check_now(self, now: bool = True) -> None:
        """From here on PostgreSQL checks foreign keys row by row (now=False: at commit again, Django's
        DEFERRABLE INITIALLY DEFERRED). A million checks queued until commit cost more than the copy."""
        if self.postgres:
            with connection.cursor() as cur:
                cur.execute(f"SET CONSTRAINTS ALL {'IMMEDIATE' if now else 'DEFERRED'}")

    def finish(self) -> None:
        """Move PostgreSQL id sequences past the ids written explicitly (SQLite needs nothing), and give
        the rest of the caller's transaction back its deferred checks."""
        if not self.postgres:
            return
        self.check_now(False)
        with connection.cursor() as cur:
            for sql in connection.ops.sequence_reset_sql(no_style(), self.touched):
                cur.execute(sql)
