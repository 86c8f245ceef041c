"""The dashboard's pages and endpoints read with a fixed number of queries: three times the cadres, visits,
leads, projects, assignments, weekly reports and programs cost not one query more (no N+1)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cadreforge.accounts.models import Role
from cadreforge.core.stages import Stage
from cadreforge.programs import services as programs
from cadreforge.programs.models import Batch, Program
from cadreforge.reports.dashboard import get_overview
from cadreforge.secondment.models import WeeklyReport
from cadreforge.secondment.services import assign_post

from ..builders import make_lead, make_participant, make_program, make_project, make_visit

pytestmark = pytest.mark.django_db
D = dt.date
CITIES = ["杭州", "上海", "苏州", "某市"]  # 某市 has no coordinates: it is listed beside the map
# A generous ceiling; what matters is that the count does not grow with the data.
MOST_QUERIES = 60


def grow(program, start: int, count: int) -> None:
    """`count` more cadres of the program, each with a visit, a lead, a signed project, a post in one of
    CITIES and a submitted weekly report."""
    Batch.objects.filter(program=program).update(start_date=D(2024, 3, 4), end_date=D(2024, 6, 30))
    for i in range(start, start + count):
        cadre = make_participant(program, f"P{i:03d}", batch=1 + i % 2, name=f"干部{i}")
        make_visit(cadre, f"企业{i}", D(2024, 3 + i % 3, 5))
        make_lead(cadre, f"企业{i}", date=D(2024, 3 + i % 3, 6))
        make_project(
            program,
            f"X{i:03d}",
            stage=Stage.SIGNED,
            cadres=[cadre],
            amount_wan="20000",
            stage_dates={Stage.INSPECTION: D(2024, 4, 1), Stage.SIGNED: D(2024, 5, 1)},
        )
        host = programs.get_or_create_host_unit(name=f"{CITIES[i % 4]}园区{i}", city=CITIES[i % 4])
        post = programs.create_post(None, program, code=f"G{i:03d}", host=host)
        assign_post(None, cadre, post, start_date=D(2024, 3, 4), end_date=D(2024, 6, 30))
        WeeklyReport.objects.create(
            participant=cadre,
            week_start=D(2024, 3, 4),
            week_end=D(2024, 3, 10),
            due_date=D(2024, 3, 11),
            content="本周走访企业一家。",
            status=WeeklyReport.Status.SUBMITTED,
            submitted_at=timezone.make_aware(dt.datetime(2024, 3, 11, 9)),
        )


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries)


PROGRAM_URLS = [
    "/dashboard/q1/",
    "/dashboard/q1/?batch=1&from=2024-03-01&to=2024-05-31",
    "/dashboard/q1/data.json",
    "/api/v1/programs/q1/dashboard",
    "/dashboard/q1/flows/?home=市投资促进局&host=杭州",
    "/dashboard/?home=市投资促进局&host=杭州",
]


def test_program_dashboard_queries_do_not_grow_with_the_data(login):
    first = make_program("q1", batches=2, name="查询计数计划")
    grow(first, 0, 4)
    client = login(Role.LEADER)
    small = {url: queries(client, url) for url in PROGRAM_URLS}
    grow(first, 4, 8)
    grow(make_program("q2", batches=2), 200, 4)
    large = {url: queries(client, url) for url in PROGRAM_URLS}
    assert large == small
    assert max(small.values()) <= MOST_QUERIES, small


def test_overview_queries_do_not_grow_with_the_programs(login):
    grow(make_program("q1", batches=2), 0, 4)
    client = login(Role.LEADER)
    small = queries(client, "/dashboard/")
    for n in (2, 3):
        grow(make_program(f"q{n}", batches=2), 100 * n, 4)
    assert queries(client, "/dashboard/") == small


def test_overview_figures_and_flows_take_the_same_queries_for_more_programs():
    grow(make_program("q1", batches=2), 0, 4)
    with CaptureQueriesContext(connection) as small:
        get_overview(Program.objects.all())
    for n in (2, 3):
        grow(make_program(f"q{n}", batches=2), 100 * n, 4)
    with CaptureQueriesContext(connection) as large:
        rows = get_overview(Program.objects.all())["programs"]
    assert len(large.captured_queries) == len(small.captured_queries)
    assert [r["cadres"] for r in rows] == [4, 4, 4]
