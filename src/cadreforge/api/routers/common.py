"""What every router shares: pagination, the program a call is about, the filter types."""

import json
import re
from collections.abc import Callable
from typing import Annotated, Any

from django.db.models import Aggregate, Expression, F, Func, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models import Field as ModelField
from django.http import HttpRequest
from ninja import Field, Path, Schema
from ninja.pagination import PageNumberPagination

from cadreforge.core.errors import NotFound
from cadreforge.programs.models import Program
from cadreforge.programs.selectors import get_visible_program, visible_programs

from ..auth import user_of
from ..schemas import Text

_PROGRAM_CODE = re.compile(r"^[a-z0-9-]{1,64}$")

# A batch number in a filter: PositiveSmallIntegerField in the database.
BatchNumber = Annotated[int, Field(ge=1, le=32767, description="批次号")]
ShortText = Annotated[Text, Field(max_length=64)]


# A row id in a path: within the database's bigint, so a huge number is a 422, not a driver overflow.
MAX_ID = 2**63 - 1


def row_id(description: str) -> Any:
    return Path(..., ge=1, le=MAX_ID, description=description)


class Pages(PageNumberPagination):
    """`?page=N&page_size=M` (50 by default, at most 200) → `{"items": [...], "count": total}`."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000, description="页码，从1开始")
        page_size: int | None = Field(None, ge=1, le=200, description="每页条数，默认50，最多200")

    def __init__(self, **kwargs) -> None:
        super().__init__(page_size=50, max_page_size=200, **kwargs)


class NameList(Aggregate):
    """The names of a group as a sorted list: `ARRAY_AGG(name ORDER BY name)` on PostgreSQL. SQLite before
    3.44 has no ORDER BY inside an aggregate: there `json_group_array`, sorted in Python, which is the same
    order (a text column's BINARY collation compares code points, as Python does)."""

    function = "ARRAY_AGG"
    template = "%(function)s(%(expressions)s ORDER BY %(expressions)s)"

    def __init__(self, expression: Any, **extra: Any) -> None:
        super().__init__(expression, output_field=_NameListField(), **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, function="json_group_array", template="%(function)s(%(expressions)s)"
        )


class _NameListField(ModelField):
    def from_db_value(self, value: Any, expression: Any, connection: Any) -> list[str]:
        if value is None:  # no row at all: the owner has no names
            return []
        if isinstance(value, str):
            return sorted(json.loads(value))
        return value


def names_of(relation: Any) -> Subquery:
    """The names on a many-to-many relation (e.g. `Visit.chains`) of each row, sorted, as a correlated
    subquery of the row's own query: the page's rows and their names in one round trip. Build it once (it
    is copied whenever a query uses it)."""
    through = relation.through
    source = relation.field.m2m_field_name()
    name = relation.field.m2m_reverse_field_name() + "__name"
    names = through.objects.filter(**{source: OuterRef("pk")}).order_by().values(source)
    return Subquery(names.annotate(names=NameList(name)).values("names"), output_field=_NameListField())


class Rows:
    """What a list endpoint hands to `@paginate(Pages)` to answer with plain rows: only the page's columns
    are loaded (`.values()`, joins instead of model instances and prefetches), many-to-many names come as
    a subquery of each row (`names_of`) and the total count as a subquery of the same query: one round trip
    for the page, its names and its count (a page past the end counts again on its own). `extend` adds what
    needs a second query for the whole page at once. The item schema then reads dict keys, with no
    resolvers. Building 50 model instances and their prefetch managers costs more than the SQL."""

    def __init__(
        self,
        queryset: QuerySet,
        columns: dict[str, str | Expression],
        extend: Callable[[list[dict]], None] | None = None,
        check_empty: Callable[[], object] | None = None,
    ) -> None:
        """`columns`: output key → field path (`{"date": "date", "cadre": "participant__code"}`) or an
        expression over the row (`{"chains": names_of(Visit.chains)}`). `check_empty` runs when a page is
        empty and raises if the list itself is not found (see `visible_program_ref`)."""
        self.queryset = queryset.prefetch_related(None)
        self.fields = [key for key, path in columns.items() if key == path]
        # Aliased first: an output key may be a field's name (`enterprise` → `enterprise__name`).
        self.renamed = {key: f"row_{key}" for key, path in columns.items() if key != path}
        self.expressions = {
            f"row_{key}": F(path) if isinstance(path, str) else path
            for key, path in columns.items()
            if key != path
        }
        self.extend = extend
        self.check_empty = check_empty
        self._count: int | None = None

    def all(self) -> "Rows":  # ninja counts with `.all().count()`, after taking the page
        return self

    def count(self) -> int:
        if self._count is None:
            self._count = self.queryset.count()
        return self._count

    def _counted_with_page(self) -> bool:
        """The total can ride along as a subquery only when it counts the same rows: no DISTINCT or
        grouping, whose count Django computes differently."""
        query = self.queryset.query
        return not (query.distinct or query.group_by or query.combinator)

    def __getitem__(self, page: slice) -> list[dict]:
        expressions = dict(self.expressions)
        counted = self._counted_with_page()
        if counted:
            total = self.queryset.order_by().annotate(n=_COUNT_ALL).values("n")
            expressions[_TOTAL] = Subquery(total, output_field=IntegerField())
        rows = list(self.queryset.values(*self.fields, **expressions)[page])
        if not rows and self.check_empty is not None:
            self.check_empty()
        if counted and (rows or not page.start):  # past the last page nothing tells the total
            self._count = rows[0][_TOTAL] if rows else 0
        for row in rows:
            row.pop(_TOTAL, None)
            for key, alias in self.renamed.items():
                row[key] = row.pop(alias)
        if self.extend is not None and rows:
            self.extend(rows)
        return rows


_TOTAL = "row__total"
# COUNT(*) with no GROUP BY: one row however many match, and an index-only scan where COUNT(id) reads rows.
_COUNT_ALL = Func(template="COUNT(*)", output_field=IntegerField())


def names_by_id(relation: Any, ids: list[int]) -> dict[int, list[str]]:
    """The names on a many-to-many relation (e.g. `Visit.chains`) of each of `ids`, sorted, in one query."""
    through = relation.through
    source = relation.field.m2m_field_name() + "_id"
    target = relation.field.m2m_reverse_field_name()
    names: dict[int, list[str]] = {}
    pairs = through.objects.filter(**{f"{source}__in": ids}).order_by(f"{target}__name")
    for owner, name in pairs.values_list(source, f"{target}__name"):
        names.setdefault(owner, []).append(name)
    return names


def program_for(request: HttpRequest, code: str) -> Program:
    """The program of that code if the caller may see it; otherwise 404, whatever the code."""
    _check_code(code)
    return get_visible_program(user_of(request), code)


def visible_program_ref(request: HttpRequest, code: str) -> QuerySet[Program]:
    """The program of that code as a one-row subquery, with the same rule as `program_for`: a list filters
    on it and reads its rows without loading the program first (one round trip less per call). Its rows
    come only when the caller may see the program, so a list that comes back empty must then ask
    `program_for`, which answers 404 for a program that does not exist or is not visible (Rows'
    `check_empty`)."""
    _check_code(code)
    return visible_programs(user_of(request)).filter(code=code).values("pk")[:1]


def _check_code(code: str) -> None:
    if not _PROGRAM_CODE.match(code):
        raise NotFound(f"找不到计划“{code[:64]}”，或您无权查看。")
