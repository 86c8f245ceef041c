"""The program page: its batches, teams, cadres, posts and the funnel computed from the records."""

import datetime as dt
import json
import re

import pytest

from cadreforge.accounts.models import Role
from cadreforge.core.stages import Stage
from cadreforge.programs import services as programs
from cadreforge.programs.models import HostUnit

from ..builders import make_lead, make_output, make_participant, make_program, make_project, make_visit
from .pages import figure


@pytest.fixture
def penglai(db):
    """Two batches: batch 1 did most of the work, batch 2 one visit and one landed project."""
    program = make_program("penglai", batches=2, name="蓬莱驻点招商")
    wang = make_participant(program, "P001", batch=1, name="王海")
    li = make_participant(program, "P002", batch=1, name="李明")
    zhao = make_participant(program, "P003", batch=2, name="赵云")
    make_visit(wang, "大莊竹業集團有限公司")
    make_visit(li, "大庄竹业集团")
    make_visit(wang, "蓝海科技有限公司")
    make_visit(zhao, "远航物流有限公司")
    make_lead(wang, "大庄竹业集团", valuable=True)
    make_lead(li, "蓝海科技", valuable=False)
    make_project(program, "X1", stage=Stage.SIGNED, cadres=[wang, li], amount_wan="30000")
    make_project(program, "X2", stage=Stage.INSPECTION, cadres=[li])
    make_project(program, "X3", stage=Stage.LANDED, cadres=[zhao], amount_wan="1873")
    make_output(program, "蓬莱招商调研报告", authors=[wang], characters=12000, adopted=True)
    team = programs.create_team(None, program.batches.get(number=1), name="第一小分队", leader=wang)
    programs.set_team_members(None, team, [wang, li])
    host = programs.get_or_create_host_unit(name="苏州工业园区", city="苏州", kind=HostUnit.Kind.DEV_ZONE)
    programs.create_post(None, program, code="G01", host=host, capacity=2)
    return program


@pytest.fixture
def manager(login, penglai):
    return login(Role.PROGRAM_MANAGER, programs_granted=[penglai])


def chart_data(html: str) -> dict:
    match = re.search(r'<script id="funnel-chart-data" type="application/json">(.*?)</script>', html, re.S)
    assert match, "funnel chart data missing"
    return json.loads(match.group(1))


def test_program_page_shows_the_funnel_figures_of_the_whole_program(manager):
    html = manager.get("/programs/penglai/").content.decode()
    assert figure(html, "cadres") == "3"
    assert figure(html, "visits") == "4"
    assert figure(html, "enterprises_visited") == "3"  # 大莊竹業集團有限公司 and 大庄竹业集团 are one
    assert figure(html, "leads") == "2 / 1"
    assert figure(html, "projects") == "3"
    assert figure(html, "signed_amount") == "3.19亿元（318,730,000.00元）"
    assert figure(html, "landed_amount") == "1873万元（18,730,000.00元）"
    assert figure(html, "outputs") == "1篇，12000字，被采纳1篇"
    assert figure(html, "talents") == "0"
    assert 'data-stage-now="signed">1<' in html and 'data-stage-reached="signed">2<' in html
    assert 'data-stage-reached="inspection">3<' in html


def test_funnel_chart_gets_the_reached_counts_and_echarts_only_here(manager):
    html = manager.get("/programs/penglai/").content.decode()
    stages = chart_data(html)["stages"]
    assert stages == [
        {"name": "考察", "value": 3},
        {"name": "意向", "value": 2},
        {"name": "签约", "value": 2},
        {"name": "开工", "value": 1},
        {"name": "投产", "value": 1},
    ]
    assert "vendor/echarts.min.js" in html
    assert "vendor/echarts.min.js" not in manager.get("/cadres/").content.decode()


def test_batch_parameter_switches_the_funnel_to_that_batch(manager):
    html = manager.get("/programs/penglai/?batch=2").content.decode()
    assert figure(html, "cadres") == "1"
    assert figure(html, "visits") == "1"
    assert figure(html, "projects") == "1"
    assert figure(html, "signed_amount") == "1873万元（18,730,000.00元）"
    assert "招商引才成效（第2批）" in html
    assert [s["value"] for s in chart_data(html)["stages"]] == [1, 1, 1, 1, 1]


def test_htmx_batch_switch_answers_only_the_funnel_panel(manager):
    response = manager.get(
        "/programs/penglai/?batch=1", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="funnel-panel"
    )
    html = response.content.decode()
    assert "<html" not in html and "参与干部" not in html
    assert figure(html, "cadres") == "2"
    assert figure(html, "visits") == "3"
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("batch", ["9", "abc", "-1"])
def test_unknown_batch_is_404(manager, batch):
    assert manager.get(f"/programs/penglai/?batch={batch}").status_code == 404


def test_program_page_lists_batches_teams_cadres_and_posts(manager):
    html = manager.get("/programs/penglai/").content.decode()
    assert "第一小分队" in html and "王海（P001）" in html
    for text in ("P001", "王海", "李明", "赵云", "市投资促进局", "G01", "苏州工业园区", "开发园区"):
        assert text in html
    assert "挂职锻炼" in html


def test_program_cadres_are_paginated(manager, monkeypatch):
    from cadreforge.web import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    first = manager.get("/programs/penglai/").content.decode()
    assert "第 1 / 2 页，共 3 条" in first and "赵云" not in first.split('id="cadres"', 1)[1]
    second = manager.get("/programs/penglai/?page=2").content.decode()
    assert "赵云" in second.split('id="cadres"', 1)[1]


def test_program_list_shows_counts_and_kind(manager):
    html = manager.get("/").content.decode()
    assert "蓬莱驻点招商" in html and "挂职锻炼" in html
    row = html.split("<code>penglai</code>", 1)[1].split("</tr>", 1)[0]
    assert re.findall(r'<td class="num">(\d+)</td>', row) == ["2", "3"]


def test_batches_link_to_selection_only_when_a_call_was_published(penglai, manager, login):
    from cadreforge.selection import services as selection

    selection.create_call(
        None, penglai.batches.get(number=1), title="蓬莱第1批选拔", quota=2, deadline=dt.date(2030, 6, 30)
    )
    html = manager.get("/programs/penglai/").content.decode()
    assert 'href="/selection/penglai/1/"' in html and 'href="/selection/penglai/2/"' not in html
    assert 'href="/selection/penglai/2/new/"' in html  # a manager is offered to publish one instead
    leader = login(Role.LEADER).get("/programs/penglai/").content.decode()
    assert 'href="/selection/penglai/2/"' not in leader and "/selection/penglai/2/new/" not in leader


def test_a_cadre_is_not_offered_the_pages_that_refuse_cadres(penglai, login):
    cadre = login(Role.CADRE)
    wang = penglai.participants.get(code="P001").cadre
    wang.user = cadre.user
    wang.save(update_fields=["user"])
    html = cadre.get("/programs/penglai/").content.decode()
    for refused in (
        "/secondment/penglai/events/",
        "/secondment/penglai/weekly/",
        "/programs/penglai/duties/",
    ):
        assert refused not in html
        assert cadre.get(refused).status_code == 404
    leader = login(Role.LEADER).get("/programs/penglai/").content.decode()
    assert "/secondment/penglai/events/" in leader and "活动与督导" in leader
