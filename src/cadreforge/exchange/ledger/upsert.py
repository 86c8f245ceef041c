"""Bulk create-or-update of rows keyed by a ledger key, with their many-to-many links.

The per-row services would take minutes for a 100,000-row ledger; this keeps their invariants (the
validation ran before, keys are the same, unchanged rows are not touched, `updated_at` moves only when
something changed) while writing in a few statements per sheet.
"""

from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

from django.db import models
from django.utils import timezone

from .bulk import insert_columns, reserve_ids, write_tuples

BATCH = 2000


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    changed: set = field(default_factory=set, repr=False)  # keys of the updated rows

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


@dataclass
class Wanted:
    """What one ledger row says: the model fields (attnames, e.g. `host_id`) and the linked ids."""

    fields: dict[str, Any]
    links: dict[str, set[int]] = field(default_factory=dict)


def load_links(model: type[models.Model], names: list[str], ids: list[int]) -> dict[int, dict[str, set[int]]]:
    """The current many-to-many links of these rows: {row id: {relation: {target ids}}}."""
    current: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for name in names:
        rel = model._meta.get_field(name)
        through = rel.remote_field.through
        source, target = f"{rel.m2m_field_name()}_id", f"{rel.m2m_reverse_field_name()}_id"
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            for a, b in through.objects.filter(**{f"{source}__in": chunk}).values_list(source, target):
                current[a][name].add(b)
    return current


def upsert(
    model: type[models.Model],
    existing: dict[Hashable, models.Model],
    wanted: dict[Hashable, Wanted],
    build: Callable[[Hashable, dict[str, Any]], models.Model],
    link_names: list[str] = (),
    force: set = frozenset(),
) -> tuple[dict[Hashable, models.Model], Counts]:
    """Create the rows not in `existing`, update those that differ, leave the rest untouched.
    Returns every wanted row by key (with ids) and the counts."""
    now = timezone.now()
    counts = Counts()
    links_now = load_links(model, list(link_names), [o.pk for o in existing.values()]) if link_names else {}
    to_create, to_update, changed_fields = [], [], set()
    link_changes: list[tuple[models.Model, str, set[int]]] = []
    result = {}
    for key, want in wanted.items():
        obj = existing.get(key)
        if obj is None:
            obj = build(key, want.fields)
            to_create.append(obj)
            link_changes.extend((obj, name, ids) for name, ids in want.links.items())
            counts.created += 1
        else:
            diff = [f for f, v in want.fields.items() if getattr(obj, f) != v]
            for f in diff:
                setattr(obj, f, want.fields[f])
            current = links_now.get(obj.pk, {})
            moved = [(obj, n, ids) for n, ids in want.links.items() if current.get(n, set()) != ids]
            if diff or moved or key in force:
                obj.updated_at = now
                changed_fields.update(diff)
                to_update.append(obj)
                link_changes.extend(moved)
                counts.updated += 1
                counts.changed.add(key)
            else:
                counts.unchanged += 1
        result[key] = obj
    model.objects.bulk_create(to_create, batch_size=BATCH)
    if to_update:
        model.objects.bulk_update(to_update, [*sorted(changed_fields), "updated_at"], batch_size=BATCH)
    _write_links(model, link_changes)
    return result, counts


def _write_links(model: type[models.Model], changes: list[tuple[models.Model, str, set[int]]]) -> None:
    write_link_ids(model, [(obj.pk, name, ids) for obj, name, ids in changes])


def upsert_rows(
    model: type[models.Model],
    queryset: models.QuerySet,
    key_fields: list[str],
    wanted: dict[Hashable, Wanted],
    constants: dict[str, Any],
    link_names: list[str] = (),
    force: set = frozenset(),
    order: Callable[[Hashable], Any] | None = None,
) -> tuple[dict[Hashable, int], Counts]:
    """Like `upsert`, for large sheets: existing rows are read as values, new rows get their ids up front
    and are written in bulk, column by column (COPY on PostgreSQL): the key's fields from the key, then
    `constants` (e.g. the program) and the wanted fields. `queryset` holds the rows the keys are looked up in;
    `order` (a sort key of the keys) is the order the new rows get their ids in: the order of the table's
    indexes makes the inserts appends. Returns {key: id} and the counts."""
    now = timezone.now()
    counts = Counts()
    compare = sorted({f for w in wanted.values() for f in w.fields})

    def key_of(row: dict) -> Hashable:
        return row[key_fields[0]] if len(key_fields) == 1 else tuple(row[k] for k in key_fields)

    existing = {key_of(r): r for r in queryset.values("id", *key_fields, *compare).iterator(chunk_size=5000)}
    links_now = (
        load_links(model, list(link_names), [r["id"] for r in existing.values()]) if link_names else {}
    )
    ids = {key: row["id"] for key, row in existing.items()}
    new_keys = [key for key in wanted if key not in existing]
    if order is not None:
        new_keys.sort(key=order)
    ids.update(zip(new_keys, reserve_ids(model, len(new_keys)), strict=True))
    to_update, moved_links = [], []
    for key, row in existing.items():
        want = wanted.get(key)
        if want is None:
            continue
        differs = any(row[f] != v for f, v in want.fields.items())
        current = links_now.get(row["id"], {})
        moved = {n: targets for n, targets in want.links.items() if current.get(n, set()) != targets}
        if differs or moved or key in force:
            to_update.append(model(pk=row["id"], updated_at=now, **want.fields))
            moved_links.extend((row["id"], n, targets) for n, targets in moved.items())
            counts.updated += 1
            counts.changed.add(key)
        else:
            counts.unchanged += 1
    counts.created = len(new_keys)
    new_ids = [ids[key] for key in new_keys]
    _insert_new(model, key_fields, constants, new_keys, new_ids, wanted, compare)
    if to_update:
        model.objects.bulk_update(to_update, [*compare, "updated_at"], batch_size=BATCH)
    write_link_ids(model, moved_links)
    for name in link_names:  # the new rows have no links yet: only inserts
        targets = [wanted[key].links.get(name, ()) for key in new_keys]
        insert_links(
            model, name, [(pk, t) for pk, ts in zip(new_ids, targets, strict=True) for t in sorted(ts)]
        )
    return {key: ids[key] for key in wanted}, counts


def _insert_new(model, key_fields, constants, keys, ids, wanted, names) -> None:
    count = len(keys)
    columns: dict[str, Any] = {"id": ids, **{name: repeat(value, count) for name, value in constants.items()}}
    if len(key_fields) == 1:
        columns[key_fields[0]] = keys
    elif keys:
        columns.update(zip(key_fields, map(list, zip(*keys, strict=True)), strict=True))
    fieldsets = [wanted[key].fields for key in keys]
    for name in names:
        default = model._meta.get_field(name).get_default()
        columns[name] = [fields.get(name, default) for fields in fieldsets]
    insert_columns(model, columns, count)


def write_link_ids(model: type[models.Model], changes: list[tuple[int, str, set[int]]]) -> None:
    """Replace the links of these rows (ids) with the given sets."""
    by_name: dict[str, list[tuple[int, set[int]]]] = defaultdict(list)
    for pk, name, ids in changes:
        by_name[name].append((pk, ids))
    for name, items in by_name.items():
        rel = model._meta.get_field(name)
        through = rel.remote_field.through
        source = f"{rel.m2m_field_name()}_id"
        stale = [pk for pk, _ in items]
        for start in range(0, len(stale), 5000):
            through.objects.filter(**{f"{source}__in": stale[start : start + 5000]}).delete()
        insert_links(model, name, [(pk, t) for pk, ids in items for t in sorted(ids)])


def insert_links(model: type[models.Model], name: str, pairs: list[tuple[int, int]]) -> None:
    """Insert (row id, target id) pairs into the table of the many-to-many relation `name`."""
    rel = model._meta.get_field(name)
    through = rel.remote_field.through
    fields = (
        through._meta.get_field(rel.m2m_field_name()),
        through._meta.get_field(rel.m2m_reverse_field_name()),
    )
    if pairs:
        write_tuples(through._meta.db_table, [f.column for f in fields], pairs)
