"""The fast path of a big import: ids taken before the rows are written (so nothing is read back), and rows
written column by column straight to the database — COPY on PostgreSQL (psycopg 3 `cursor.copy`), INSERTs
of thousands of rows each on SQLite. Runs inside the importer's transaction like every other write of the
import."""

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain, repeat
from typing import Any

from django.db import connection, models
from django.utils import timezone

CHUNK = 5000


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` new primary keys of `model`'s table, for rows this transaction is about to insert."""
    if count <= 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [connection.ops.quote_name(table), model._meta.pk.column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: take the write lock first (a no-op write), so no other writer can insert between the
        # read of the highest id and the insert; the AUTOINCREMENT counter then moves past the new ids.
        quoted = connection.ops.quote_name(table)
        cursor.execute("UPDATE sqlite_sequence SET seq = seq WHERE name = %s", [table])
        cursor.execute(
            f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
            f"coalesce((SELECT max({connection.ops.quote_name(model._meta.pk.column)}) FROM {quoted}), 0))",
            [table],
        )
        start = cursor.fetchone()[0] + 1
    return list(range(start, start + count))


def _column(field: models.Field, values: list) -> Iterable:
    """The database values of one column; conversions (dates, decimals, JSON) are done once per value."""
    if not isinstance(field, models.DateField | models.DecimalField | models.JSONField):
        return values
    prepared: dict = {}
    out = []
    for value in values:
        key = (type(value), value)
        try:
            out.append(prepared[key])
        except KeyError:
            prepared[key] = converted = _prepare(field, value)
            out.append(converted)
        except TypeError:  # unhashable (JSON lists)
            out.append(_prepare(field, value))
    return out


def _prepare(field: models.Field, value: Any) -> Any:
    return None if value is None else field.get_db_prep_save(value, connection)


def insert_rows(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """INSERT many rows given as {attname: value} without building model instances. A row may carry its
    `id` (from `reserve_ids`); fields no row gives take the model's default, timestamps now."""
    if not rows:
        return
    given = set().union(*rows)
    columns = {}
    for field in model._meta.concrete_fields:
        name = field.attname
        if name in given:
            default = None if field.primary_key else field.get_default()
            columns[name] = [row.get(name, default) for row in rows]
    insert_columns(model, columns, len(rows))


def insert_columns(model: type[models.Model], given: dict[str, Iterable], count: int) -> None:
    """INSERT `count` rows given column by column, {attname: the rows' values}; the columns not given take
    the model's default, timestamps now (the primary key its sequence's next value)."""
    if count <= 0:
        return
    now = timezone.now()
    columns, data = [], []
    for field in model._meta.concrete_fields:
        name = field.attname
        if name in given:
            data.append(_column(field, given[name]))
        elif field.primary_key:
            continue
        else:
            value = now if name in ("created_at", "updated_at") else field.get_default()
            data.append(repeat(_prepare(field, value), count))
        columns.append(field.column)
    write_tuples(model._meta.db_table, columns, zip(*data, strict=False))


def write_tuples(table: str, columns: list[str], rows: Iterable[tuple]) -> None:
    quote = connection.ops.quote_name
    cols = ", ".join(quote(c) for c in columns)
    connection.ensure_connection()
    raw = connection.connection
    if connection.vendor == "postgresql":
        with (
            immediate_checks(),
            raw.cursor() as cursor,
            cursor.copy(f"COPY {quote(table)} ({cols}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    # Many rows per INSERT statement: SQLite's per-statement work (the AUTOINCREMENT counter, the statement
    # journal, the foreign-key counter check) is then paid once per chunk instead of once per row.
    per_statement = max(1, min(CHUNK, raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(columns)))
    placeholders = f"({', '.join('?' * len(columns))})"
    cursor = raw.cursor()
    try:
        for chunk in _chunks(rows, per_statement):
            values = ", ".join([placeholders] * len(chunk))
            cursor.execute(
                f"INSERT INTO {quote(table)} ({cols}) VALUES {values}", list(chain.from_iterable(chunk))
            )
    finally:
        cursor.close()


def _chunks(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@contextmanager
def immediate_checks():
    """PostgreSQL checks the foreign keys of the copied rows as they come instead of queuing one deferred
    check per row until commit (a queue of hundreds of thousands costs more than the copy itself)."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    yield  # on an error the transaction is rolled back, and with it this setting
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@contextmanager
def large_page_cache():
    """On SQLite, a 64 MB page cache for the connection while a ledger is written (the default 2 MB makes
    every insert into the visits' indexes re-read pages, doubling the time of a big import), and statement
    journals in memory (each multi-row INSERT keeps one to undo itself on a failed row; on disk it costs
    a temporary file's writes; SQLite lets this change only outside a transaction). Neither touches how or
    when the committed data reaches the disk."""
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    settings = {"cache_size": -65536}
    if not connection.connection.in_transaction:
        settings["temp_store"] = 2  # MEMORY
    before = {}
    with connection.cursor() as cursor:
        for name, value in settings.items():
            cursor.execute(f"PRAGMA {name}")
            before[name] = int(cursor.fetchone()[0])
            cursor.execute(f"PRAGMA {name} = {value}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for name, value in before.items():
                if name != "temp_store" or not connection.connection.in_transaction:
                    cursor.execute(f"PRAGMA {name} = {value}")
