"""The enterprises a ledger names (走访/线索 企业名称, 项目 投资方), resolved once for the whole workbook as
pipeline.services.get_or_create_enterprise resolves one: by USCC first, else by normalised name key; a
merged duplicate gives the enterprise it was merged into; the new ones are written in bulk."""

from django.utils import timezone

from cadreforge.core.text import clean
from cadreforge.pipeline.models import Enterprise
from cadreforge.pipeline.normalise import alias_key

from .bulk import insert_rows, reserve_ids
from .context import WriteContext

SOURCES = (("走访", "企业名称"), ("线索", "企业名称"), ("项目", "投资方"))
COLUMNS = ("id", "name", "name_key", "uscc", "location", "merged_into_id")
CHUNK = 5000


def resolve_enterprises(ctx: WriteContext) -> dict[str, int]:
    """Enterprise id by name key; each row gets its key as `_ekey`."""
    wanted = _wanted(ctx)
    if not wanted:
        return {}
    usccs = sorted({i["uscc"] for i in wanted.values() if i["uscc"]})
    by_code = {e["uscc"]: e for e in _values_in("uscc", usccs)}
    by_key = {e["name_key"]: e for e in _values_in("name_key", list(wanted))}
    kept = _survivors([e for e in (*by_code.values(), *by_key.values()) if e["merged_into_id"]])
    ids: dict[str, int] = {}
    to_create, to_fill = [], {}
    for key, info in wanted.items():
        found = by_code.get(info["uscc"]) or by_key.get(key)
        if found is None:
            found = {**info, "name_key": key, "alias_key": alias_key(key)}
            if info["uscc"]:
                by_code[info["uscc"]] = found
            by_key[key] = found
            to_create.append(found)
        elif found.get("merged_into_id"):
            # New records go to the enterprise kept; the merged one stays only to undo the merge.
            ids[key] = kept[found["id"]]
            continue
        elif "id" in found:
            if info["uscc"] and not found["uscc"] and info["uscc"] not in by_code:
                found["uscc"] = info["uscc"]
                by_code[info["uscc"]] = found
                to_fill[found["id"]] = found
            if info["location"] and not found["location"]:
                found["location"] = info["location"]
                to_fill[found["id"]] = found
        ids[key] = found
    for row, pk in zip(to_create, reserve_ids(Enterprise, len(to_create)), strict=True):
        row["id"] = pk
    insert_rows(Enterprise, to_create)
    if to_fill:
        now = timezone.now()
        Enterprise.objects.bulk_update(
            [
                Enterprise(pk=pk, uscc=e["uscc"], location=e["location"], updated_at=now)
                for pk, e in to_fill.items()
            ],
            ["uscc", "location", "updated_at"],
            batch_size=2000,
        )
    return {key: (found if isinstance(found, int) else found["id"]) for key, found in ids.items()}


def _wanted(ctx: WriteContext) -> dict[str, dict]:
    """What the workbook says of each enterprise, by name key: the first name seen, USCC and place from
    the 走访 rows."""
    wanted: dict[str, dict] = {}
    for sheet, header in SOURCES:
        is_visit = sheet == "走访"
        for r in ctx.rows(sheet):
            values = r.values
            name = values.get(header)
            key = values.get("_ekey") or ctx.ledger.enterprise_key(name)
            values["_ekey"] = key
            info = wanted.get(key)
            if info is None:
                info = wanted[key] = {"name": clean(name), "uscc": None, "location": ""}
            if is_visit:
                info["uscc"] = info["uscc"] or values.get("统一社会信用代码")
                info["location"] = info["location"] or clean(values.get("企业所在地") or "")
    return wanted


def _values_in(field: str, values: list) -> list[dict]:
    found = []
    for start in range(0, len(values), CHUNK):
        chunk = values[start : start + CHUNK]
        found.extend(Enterprise.objects.filter(**{f"{field}__in": chunk}).values(*COLUMNS))
    return found


def _survivors(merged: list[dict]) -> dict[int, int]:
    """The id of the enterprise each merged duplicate was merged into, following chains of merges."""
    parent = {e["id"]: e["merged_into_id"] for e in merged}
    pending = set(parent.values()) - parent.keys()
    while pending:
        rows = Enterprise.objects.filter(pk__in=pending, merged_into__isnull=False)
        more = dict(rows.values_list("id", "merged_into_id"))
        parent.update(more)
        pending = set(more.values()) - parent.keys()

    def root(pk: int) -> int:
        seen = set()
        while pk in parent and pk not in seen:
            seen.add(pk)
            pk = parent[pk]
        return pk

    return {pk: root(pk) for pk in {e["id"] for e in merged}}
