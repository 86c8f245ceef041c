"""The dashboard's figures: counted from records, the same through the page, its JSON and the API."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from cadreforge.accounts.models import Role
from cadreforge.core.stages import Stage
from cadreforge.programs.models import Program
from cadreforge.reports.dashboard import get_dashboard, get_overview
from cadreforge.reports.indicators import save_indicator

from ..builders import make_lead, make_participant, make_program, make_project, make_user, make_visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def program():
    program = make_program("dash", batches=2, name="看板测试计划")
    a = make_participant(program, "A1", batch=1, name="王海", unit="区发改局")
    b = make_participant(program, "B1", batch=2, name="赵云", unit="区商务局")
    make_visit(a, "甲公司", dt.date(2024, 3, 5))
    make_visit(a, "乙公司", dt.date(2024, 4, 9))
    make_visit(b, "丙公司", dt.date(2024, 4, 10))
    make_lead(a, "甲公司", date=dt.date(2024, 3, 6))
    make_project(
        program,
        "X1",
        stage=Stage.SIGNED,
        cadres=[a],
        amount_wan="12000",
        stage_dates={Stage.INSPECTION: dt.date(2024, 4, 1), Stage.SIGNED: dt.date(2024, 5, 1)},
    )
    make_project(program, "X2", stage=Stage.SIGNED, cadres=[b], amount_wan="600000")
    return program


def test_trends_count_visits_leads_projects_by_month(program):
    trends = get_dashboard(program)["trends"]
    assert trends["months"] == ["2024-03", "2024-04"]
    assert trends["visits"] == [1, 2] and trends["leads"] == [1, 0] and trends["projects"] == [0, 1]


def test_period_and_batch_narrow_the_leaderboard(program):
    board = get_dashboard(program)["leaderboard"]
    assert [(r["name"], r["visits"], r["projects"]) for r in board] == [("王海", 2, 1), ("赵云", 1, 1)]
    april = get_dashboard(program, date_from=dt.date(2024, 4, 1), date_to=dt.date(2024, 4, 30))
    assert [(r["name"], r["visits"]) for r in april["leaderboard"]] == [("王海", 1), ("赵云", 1)]
    assert [r["name"] for r in get_dashboard(program, 2)["leaderboard"]] == ["赵云"]
    assert board[0]["url"].startswith("/cadres/")


def test_amount_brackets_and_unit_ranking(program):
    data = get_dashboard(program)
    brackets = {b["label"]: (b["projects"], Decimal(b["amount_yuan"])) for b in data["brackets"]}
    assert brackets["≥1亿元"] == (2, Decimal("6120000000"))
    assert brackets["≥10亿元"] == (1, Decimal("6000000000"))
    assert brackets["≥50亿元"] == (1, Decimal("6000000000"))
    assert [(u["unit"], u["visits"]) for u in data["units"]] == [("区发改局", 2), ("区商务局", 1)]


def test_indicators_show_the_change_over_the_prior_year(program):
    Program.objects.filter(pk=program.pk).update(region="江苏省淮安经济技术开发区")
    program.refresh_from_db()
    save_indicator(
        None,
        region="淮安经济技术开发区",
        name="固定资产投资",
        period="1—6月",
        value=Decimal("79.77"),
        unit="亿元",
        growth_percent=Decimal("32.3"),
    )
    save_indicator(
        None,
        region="淮安经济技术开发区",
        name="工业投资",
        period="1—6月",
        value=Decimal("120"),
        unit="亿元",
        prior_value=Decimal("100"),
    )
    rows = {
        i["name"]: (i["value"], i["unit"], i["change_percent"]) for i in get_dashboard(program)["indicators"]
    }
    assert rows == {"固定资产投资": ("79.77", "亿元", "32.3"), "工业投资": ("120", "亿元", "20")}


def _json(data) -> dict:
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def test_json_endpoint_and_api_equal_the_selector(program, login):
    client = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    page = client.get("/dashboard/dash/data.json?batch=1&from=2024-03-01")
    expected = _json(get_dashboard(program, 1, date_from=dt.date(2024, 3, 1), user=client.user))
    assert page.json() == expected
    api = client.get("/api/v1/programs/dash/dashboard?batch=1&date_from=2024-03-01")
    assert api.status_code == 200 and api.json() == expected


def test_dashboard_page_draws_from_the_records_and_links_to_them(program, login):
    client = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    html = client.get("/dashboard/dash/").content.decode()
    assert 'data-figure="projects">2<' in html
    assert 'id="dashboard-data"' in html and "reports/dashboard.js" in html
    assert "/api/v1/programs/dash/projects?stage=signed" in html
    assert client.get("/dashboard/dash/?from=yesterday").status_code == 400


def test_other_programs_are_not_shown(program, login):
    client = login(Role.PROGRAM_MANAGER)
    assert client.get("/dashboard/dash/").status_code == 404
    assert client.get("/dashboard/dash/data.json").status_code == 404
    assert "看板测试计划" not in client.get("/dashboard/").content.decode()


def test_overview_adds_up_the_programs(program):
    other = make_program("dash2", name="另一计划")
    make_visit(make_participant(other, "Z1"), "戊公司")
    data = get_overview(Program.objects.filter(code__in=["dash", "dash2"]))
    assert [r["visits"] for r in data["programs"]] == [3, 1]
    assert data["totals"]["visits"] == 4 and data["totals"]["signed"] == 2


def test_a_cadre_sees_the_figures_but_not_the_cadre_leaderboard(program, login):
    user = make_user(Role.CADRE)
    own = program.participants.get(code="A1").cadre
    own.user = user
    own.save(update_fields=["user"])
    client = login(user)
    assert client.get("/api/v1/programs/dash/ranking").status_code == 403  # the rule the dashboard follows
    html = client.get("/dashboard/dash/").content.decode()
    assert 'data-figure="projects">2<' in html and "派出单位赛马榜" in html
    assert "干部排行" not in html and 'data-dash="leaders"' not in html and "赵云" not in html
    data = client.get("/dashboard/dash/data.json").json()
    assert "leaderboard" not in data and data["units"] == get_dashboard(program)["units"]
    assert "leaderboard" not in client.get("/api/v1/programs/dash/dashboard").json()
    leader = login(Role.LEADER)
    assert "干部排行（前十）" in leader.get("/dashboard/dash/").content.decode()
    assert [r["name"] for r in leader.get("/dashboard/dash/data.json").json()["leaderboard"]] == [
        "王海",
        "赵云",
    ]
