"""The main pages and API lists make a fixed number of queries whatever the number of rows they show.

Each page is counted with 2 rows of everything, then again after 18 more rows were added: an N+1 query
(one more query per row shown) makes the second count larger. A second test keeps an absolute bound on a
generated program of ~50 cadres, 25 posts and ~5,000 visits."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadreforge.accounts.models import Role
from cadreforge.chains.services import get_or_create_chain
from cadreforge.pipeline import services as pipeline
from cadreforge.programs import services as programs
from cadreforge.programs.models import HostUnit
from tests.builders import make_lead, make_output, make_participant, make_program, make_project, make_visit

CODE = "count-2-20"
# Pages and API lists that show one row per cadre, post, visit, lead, project, talent or output.
LISTS = {  # path, and what the 20th row shows (None for pages of totals)
    "program list": ("/", None),
    "program page": (f"/programs/{CODE}/", None),
    "cadre list": ("/cadres/", "Q019"),
    "post list": ("/posts/", "P019"),
    "pipeline overview": ("/pipeline/", None),
    "project list": (f"/pipeline/{CODE}/projects/", "X019"),
    "talent list": (f"/pipeline/{CODE}/talents/", "人才19"),
    "API programs": ("/api/v1/programs", None),
    "API cadres": (f"/api/v1/programs/{CODE}/cadres", "Q019"),
    "API posts": (f"/api/v1/programs/{CODE}/posts", "P019"),
    "API batches": (f"/api/v1/programs/{CODE}/batches", None),
    "API outputs": (f"/api/v1/programs/{CODE}/outputs", "调研报告19"),
    "API visits": (f"/api/v1/programs/{CODE}/visits", "走访企业19"),
    "API leads": (f"/api/v1/programs/{CODE}/leads", "L019"),
    "API projects": (f"/api/v1/programs/{CODE}/projects", "X019"),
    "API talents": (f"/api/v1/programs/{CODE}/talents", "人才19"),
    "API funnel": (f"/api/v1/programs/{CODE}/funnel", None),
}


def add_rows(program, start: int, stop: int) -> None:
    """Rows number start..stop-1 of every kind, each with its links (cadres, chains, host unit)."""
    chain = get_or_create_chain("新材料")
    for i in range(start, stop):
        cadre = make_participant(program, f"Q{i:03d}")
        host = programs.get_or_create_host_unit(name=f"派驻单位{i}", city="深圳", kind=HostUnit.Kind.DEV_ZONE)
        programs.create_post(None, program, code=f"P{i:03d}", host=host, chains=[chain])
        make_visit(cadre, f"走访企业{i}有限公司", dt.date(2024, 3, 1) + dt.timedelta(days=i))
        make_lead(cadre, f"线索企业{i}有限公司", f"L{i:03d}")
        make_project(program, f"X{i:03d}", cadres=[cadre], investor=f"投资方{i}有限公司", amount_wan="100")
        pipeline.record_talent(None, program, name=f"人才{i}", level="high_level", cadres=[cadre])
        make_output(program, f"调研报告{i}", authors=[cadre], characters=3000)


def count_queries(client, path: str, shows: str | None = None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    if shows is not None:
        text = response.content.decode()
        if response["Content-Type"].startswith("application/json"):
            text = json.dumps(response.json(), ensure_ascii=False)
        assert shows in text, f"{path} does not show {shows}"
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", LISTS)
def test_query_count_does_not_grow_with_the_rows_shown(db, login, name):
    program = make_program(CODE)
    add_rows(program, 0, 2)
    client = login(Role.LEADER)
    path, shows = LISTS[name]
    count_queries(client, path)  # warm the per-process caches (content types, settings rows)
    with_two = count_queries(client, path)
    add_rows(program, 2, 20)
    with_twenty = count_queries(client, path, shows)
    assert with_twenty == with_two, f"{name}: {with_two} queries with 2 rows, {with_twenty} with 20"


# The most queries each may make on a generated program (today's count + 1; session and user cost two).
GENERATED = "gen-small-5-001"
BOUNDS = {
    "program page": (f"/programs/{GENERATED}/", 20),
    "cadre list": ("/cadres/", 10),
    "post list": ("/posts/", 11),
    "API programs": ("/api/v1/programs", 8),
    "API cadres": (f"/api/v1/programs/{GENERATED}/cadres?page_size=200", 9),
    "API posts": (f"/api/v1/programs/{GENERATED}/posts?page_size=200", 10),
    "API visits": (f"/api/v1/programs/{GENERATED}/visits?page_size=200", 7),
    "API leads": (f"/api/v1/programs/{GENERATED}/leads?page_size=200", 10),
    "API projects": (f"/api/v1/programs/{GENERATED}/projects?page_size=200", 12),
    "API funnel": (f"/api/v1/programs/{GENERATED}/funnel", 13),
}


@pytest.fixture
def leader(db, login):
    call_command("generate", "--scale", "small", "--seed", "5")
    return login(Role.LEADER)


@pytest.mark.parametrize("name", BOUNDS)
def test_page_makes_a_bounded_number_of_queries(leader, name, django_assert_max_num_queries):
    path, most = BOUNDS[name]
    with django_assert_max_num_queries(most):
        response = leader.get(path)
    assert response.status_code == 200
