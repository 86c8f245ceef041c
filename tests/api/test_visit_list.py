"""The visit list reads the program, its page, the page's chains and the total in one query: a program the
caller may not see is still 404, an empty program still an empty list, and every page tells the total."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadreforge.chains.services import get_or_create_chains

from ..builders import make_participant, make_program, make_visit

URL = "/api/v1/programs/penglai-3360/visits"


def _visits(program, n: int) -> None:
    wang, li = program.participants.order_by("code")
    for i in range(n):
        make_visit(wang if i % 2 else li, f"测试企业{i}", dt.date(2024, 3, 1) + dt.timedelta(days=i))


def test_a_program_with_visits_outside_my_scope_is_404(bearer, manager, program):
    hidden = make_program("hidden-visits")
    make_visit(make_participant(hidden, "H001"), "某公司", dt.date(2024, 3, 1))
    answer = bearer(manager).get("/api/v1/programs/hidden-visits/visits")
    assert answer.status_code == 404
    assert "找不到计划" in answer.json()["detail"]
    assert "某公司" not in answer.content.decode()


def test_my_program_without_visits_is_an_empty_list(bearer, manager, program):
    answer = bearer(manager).get(URL)
    assert answer.status_code == 200
    assert answer.json() == {"items": [], "count": 0}


def test_every_page_tells_the_total_even_past_the_end(bearer, manager, program):
    _visits(program, 5)
    client = bearer(manager)
    pages = [client.get(URL, {"page": n, "page_size": 2}).json() for n in (1, 2, 3, 4)]
    assert [len(p["items"]) for p in pages] == [2, 2, 1, 0]
    assert [p["count"] for p in pages] == [5, 5, 5, 5]


def test_chains_are_listed_sorted_on_each_visit(bearer, manager, program):
    _visits(program, 2)
    visit = program.visits.order_by("date").first()
    visit.chains.set(get_or_create_chains(["集成电路", "新能源汽车"]))
    items = bearer(manager).get(URL).json()["items"]
    assert [v["chains"] for v in items] == [[], ["新能源汽车", "集成电路"]]


def test_a_page_of_visits_costs_two_queries(bearer, manager, program):
    """The token with its user and the lockout count; the program, page, chains and total."""
    _visits(program, 5)
    client = bearer(manager)
    client.get(URL)  # the first use refreshes the token's last use
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).json()["count"] == 5
    assert len(queries.captured_queries) == 2
