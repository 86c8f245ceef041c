"""What every router shares: pagination, the program a call is about, the filter types."""

import re
from collections.abc import Callable
from typing import Annotated, Any

from django.db.models import F, QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

from cadreforge.core.errors import NotFound
from cadreforge.programs.models import Program
from cadreforge.programs.selectors import get_visible_program

from ..auth import user_of
from ..schemas import Text

_PROGRAM_CODE = re.compile(r"^[a-z0-9-]{1,64}$")

# A batch number in a filter: PositiveSmallIntegerField in the database.
BatchNumber = Annotated[int, Field(ge=1, le=32767, description="批次号")]
ShortText = Annotated[Text, Field(max_length=64)]


class Pages(PageNumberPagination):
    """`?page=N&page_size=M` (50 by default, at most 200) → `{"items": [...], "count": total}`."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000, description="页码，从1开始")
        page_size: int | None = Field(None, ge=1, le=200, description="每页条数，默认50，最多200")

    def __init__(self, **kwargs) -> None:
        super().__init__(page_size=50, max_page_size=200, **kwargs)


class Rows:
    """What a list endpoint hands to `@paginate(Pages)` to answer with plain rows: only the page's columns
    are loaded (`.values()`, joins instead of model instances and prefetches), and `extend` adds what needs
    a second query for the whole page at once (e.g. `names_by_id`). The item schema then reads dict keys,
    with no resolvers. Building 50 model instances and their prefetch managers costs more than the SQL."""

    def __init__(
        self,
        queryset: QuerySet,
        columns: dict[str, str],
        extend: Callable[[list[dict]], None] | None = None,
    ) -> None:
        """`columns`: output key → field path (`{"date": "date", "cadre": "participant__code"}`)."""
        self.queryset = queryset.prefetch_related(None)
        self.fields = [key for key, path in columns.items() if key == path]
        # Aliased first: an output key may be a field's name (`enterprise` → `enterprise__name`).
        self.renamed = {key: (f"row_{key}", F(path)) for key, path in columns.items() if key != path}
        self.extend = extend

    def all(self) -> "Rows":  # ninja counts with `.all().count()`
        return self

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, page: slice) -> list[dict]:
        aliases = dict(self.renamed.values())
        rows = list(self.queryset.values(*self.fields, **aliases)[page])
        for row in rows:
            for key, (alias, _) in self.renamed.items():
                row[key] = row.pop(alias)
        if self.extend is not None and rows:
            self.extend(rows)
        return rows


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
    if not _PROGRAM_CODE.match(code):
        raise NotFound(f"找不到计划“{code[:64]}”，或您无权查看。")
    return get_visible_program(user_of(request), code)
