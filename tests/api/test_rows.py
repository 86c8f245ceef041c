"""`Rows`: a list endpoint's page as plain rows (the columns its schema shows), counted and sliced the way
`@paginate(Pages)` does, with many-to-many names and the total read in the page's own query."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadreforge.api.routers.common import Rows, names_by_id, names_of
from cadreforge.api.schemas import VisitOut
from cadreforge.chains.services import get_or_create_chains
from cadreforge.pipeline.models import Visit

from ..builders import make_visit

COLUMNS = {
    "id": "id",
    "date": "date",
    "cadre": "participant__code",
    "enterprise": "enterprise__name",
    "uscc": "enterprise__uscc",
    "location": "location",
    "notes": "notes",
}


def _with_chains(rows: list[dict]) -> None:
    chains = names_by_id(Visit.chains, [row["id"] for row in rows])
    for row in rows:
        row["chains"] = chains.get(row["id"], [])


def _visits(program) -> list[Visit]:
    wang, li = program.participants.order_by("code")
    visits = [make_visit(wang if n % 2 else li, f"测试企业{n}", dt.date(2024, 3, 1 + n)) for n in range(5)]
    visits[0].chains.set(get_or_create_chains(["新能源汽车", "集成电路"]))
    visits[3].chains.set(get_or_create_chains(["生物医药"]))
    return visits


def test_a_page_of_rows_answers_what_the_model_schema_answers(program):
    _visits(program)
    qs = Visit.objects.filter(program=program).prefetch_related("chains").order_by("-date", "id")
    rows = Rows(qs, COLUMNS, extend=_with_chains)
    assert rows.all().count() == 5
    page = rows[1:4]
    expected = [VisitOut.from_orm(v).model_dump() for v in qs[1:4]]
    assert page == expected
    assert [r["chains"] for r in rows[0:5]] == [[], ["生物医药"], [], [], ["新能源汽车", "集成电路"]]


def test_a_page_costs_two_queries_whatever_its_size(program):
    _visits(program)
    qs = Visit.objects.filter(program=program).prefetch_related("chains").order_by("-date", "id")
    with CaptureQueriesContext(connection) as queries:
        assert len(Rows(qs, COLUMNS, extend=_with_chains)[0:50]) == 5
    assert len(queries.captured_queries) == 2  # the page with its joins, and the chains of the page


def test_an_empty_page_does_not_look_up_names(program):
    qs = Visit.objects.filter(program=program).order_by("id")
    with CaptureQueriesContext(connection) as queries:
        assert Rows(qs, COLUMNS, extend=_with_chains)[0:50] == []
    assert len(queries.captured_queries) == 1


VISIT_ROW = {**COLUMNS, "chains": names_of(Visit.chains)}


def _page_and_count(qs, page: slice) -> tuple[list[dict], int, int]:
    """A page and the total as `@paginate` asks for them (the page first), and the queries both cost."""
    rows = Rows(qs, VISIT_ROW)
    with CaptureQueriesContext(connection) as queries:
        items = rows[page]
        total = rows.all().count()
    return items, total, len(queries.captured_queries)


def test_the_page_its_chains_and_its_count_come_in_one_query(program):
    _visits(program)
    qs = Visit.objects.filter(program=program).prefetch_related("chains").order_by("-date", "id")
    items, total, queries = _page_and_count(qs, slice(0, 50))
    assert (total, queries) == (5, 1)
    assert items == [VisitOut.from_orm(v).model_dump() for v in qs]
    assert [r["chains"] for r in items] == [[], ["生物医药"], [], [], ["新能源汽车", "集成电路"]]


def test_the_last_page_tells_the_total_of_every_page(program):
    _visits(program)
    qs = Visit.objects.filter(program=program).order_by("-date", "id")
    items, total, queries = _page_and_count(qs, slice(4, 6))
    assert (len(items), total, queries) == (1, 5, 1)


def test_a_page_past_the_end_is_empty_and_still_counts_every_row(program):
    _visits(program)
    qs = Visit.objects.filter(program=program).order_by("-date", "id")
    items, total, queries = _page_and_count(qs, slice(50, 100))
    assert (items, total, queries) == ([], 5, 2)  # nothing came back to carry the total: counted apart


def test_an_empty_list_counts_zero_in_the_same_query(program):
    qs = Visit.objects.filter(program=program).order_by("-date", "id")
    assert _page_and_count(qs, slice(0, 50)) == ([], 0, 1)


def test_the_count_follows_the_filters(program):
    _visits(program)
    qs = Visit.objects.filter(program=program, participant__code="P001").order_by("-date", "id")
    items, total, _ = _page_and_count(qs, slice(0, 1))
    assert (len(items), total) == (1, qs.count()) and total == 2


def test_an_empty_page_asks_whether_the_list_exists(program):
    qs = Visit.objects.filter(program=program).order_by("id")
    asked = []
    assert Rows(qs, COLUMNS, check_empty=lambda: asked.append(True))[0:50] == []
    assert asked == [True]
    _visits(program)
    assert len(Rows(qs, COLUMNS, check_empty=lambda: asked.append(True))[0:50]) == 5
    assert asked == [True]  # rows came back: the list exists, nothing more to ask
