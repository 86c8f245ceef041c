"""Red/yellow/green project lists on the dashboard: by months without progress, with enterprise, stage and
responsible cadres, scoped to the user, drilling down to the project; the JSON equals the selector."""

import datetime as dt
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from cadreforge.accounts.models import Role
from cadreforge.core.stages import Stage
from cadreforge.programs.models import Program
from cadreforge.reports.stalled import stalled_lists

from ..builders import make_participant, make_program, make_project, make_user

pytestmark = pytest.mark.django_db


def _ago(months: int) -> dt.date:
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, min(today.day, 28))


@pytest.fixture
def program():
    program = make_program("stall", batches=2, name="红灯测试计划")
    wang = make_participant(program, "A1", batch=1, name="王海")
    zhao = make_participant(program, "B1", batch=2, name="赵云")
    make_project(
        program,
        "R1",
        name="新能源电池项目",
        investor="宁德示例新能源有限公司",
        stage=Stage.INTENT,
        cadres=[wang, zhao],
        stage_dates={Stage.INSPECTION: _ago(12), Stage.INTENT: _ago(8)},
    )
    make_project(
        program, "R2", stage=Stage.INSPECTION, cadres=[zhao], stage_dates={Stage.INSPECTION: _ago(7)}
    )
    make_project(program, "Y1", stage=Stage.SIGNED, cadres=[wang], stage_dates={Stage.SIGNED: _ago(4)})
    make_project(
        program, "G1", stage=Stage.INSPECTION, cadres=[wang], stage_dates={Stage.INSPECTION: _ago(1)}
    )
    make_project(program, "G2", stage=Stage.LANDED, cadres=[zhao], stage_dates={Stage.LANDED: _ago(20)})
    return program


def _json(data) -> object:
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def test_lists_by_light_longest_idle_first_with_enterprise_stage_and_cadres(program):
    lists = stalled_lists(make_user(Role.LEADER), program)
    assert {light: block["count"] for light, block in lists.items()} == {"red": 2, "yellow": 1, "green": 2}
    first = lists["red"]["rows"][0]
    assert (first["code"], first["name"], first["enterprise"], first["stage"]) == (
        "R1",
        "新能源电池项目",
        "宁德示例新能源有限公司",
        "意向",
    )
    assert first["months_idle"] == 8 and first["cadres"] == ["王海", "赵云"]
    assert first["url"] == "/pipeline/stall/projects/R1/"
    assert [r["code"] for r in lists["red"]["rows"]] == ["R1", "R2"]
    assert [r["code"] for r in lists["yellow"]["rows"]] == ["Y1"]
    # a project in production is green however long ago it landed
    assert {r["code"] for r in lists["green"]["rows"]} == {"G1", "G2"}
    assert lists["red"]["more_url"] == "/pipeline/stall/projects/?light=red"


def test_batch_filter_keeps_projects_of_that_batchs_cadres(program):
    lists = stalled_lists(make_user(Role.LEADER), program, 1)
    assert [r["code"] for r in lists["red"]["rows"]] == ["R1"]
    assert lists["green"]["count"] == 1


def test_a_cadre_sees_only_the_projects_they_are_responsible_for(program):
    zhao = program.participants.get(code="B1")
    user = make_user(Role.CADRE)
    zhao.cadre.user = user
    zhao.cadre.save(update_fields=["user"])
    lists = stalled_lists(user, program)
    assert [r["code"] for r in lists["red"]["rows"]] == ["R1", "R2"]
    assert lists["yellow"]["count"] == 0 and [r["code"] for r in lists["green"]["rows"]] == ["G2"]


def test_dashboard_page_and_json_show_the_selectors_lists(program, login):
    client = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    data = client.get("/dashboard/stall/data.json").json()
    assert data["stalled"] == _json(stalled_lists(client.user, program))
    assert client.get("/dashboard/stall/data.json?batch=2").json()["stalled"] == _json(
        stalled_lists(client.user, program, 2)
    )
    api = client.get("/api/v1/programs/stall/dashboard").json()
    assert api["stalled"] == data["stalled"]
    page = client.get("/dashboard/stall/").content.decode()
    assert 'data-light="red"' in page and 'href="/pipeline/stall/projects/R1/"' in page
    assert "宁德示例新能源有限公司" in page and "王海、赵云" in page
    assert 'href="/pipeline/stall/projects/?light=red"' in page


def test_across_programs_only_what_the_user_may_see(program, login):
    other = make_program("stall2", name="另一计划")
    make_project(other, "R9", stage=Stage.INSPECTION, stage_dates={Stage.INSPECTION: _ago(10)})
    hidden = make_program("stall3", name="无权计划")
    make_project(hidden, "R8", stage=Stage.INSPECTION, stage_dates={Stage.INSPECTION: _ago(30)})
    client = login(Role.PROGRAM_MANAGER, programs_granted=[program, other])
    page = client.get("/dashboard/")
    red = page.context["data"]["stalled"]["red"]
    assert [(r["program"], r["code"]) for r in red["rows"]] == [
        ("stall2", "R9"),
        ("stall", "R1"),
        ("stall", "R2"),
    ]
    assert red["count"] == 3
    html = page.content.decode()
    assert "另一计划" in html and "无权计划" not in html and "R8" not in html
    visible = Program.objects.filter(code__in=["stall", "stall2"])
    assert page.context["data"]["stalled"] == stalled_lists(client.user, visible)


def test_each_program_is_judged_by_its_own_thresholds():
    from cadreforge.pipeline.workflow import save_settings

    strict = make_program("strict", name="严格计划")
    save_settings(None, strict, yellow_months=1, red_months=2, credit_rule="equal")
    make_project(strict, "S1", stage=Stage.INSPECTION, stage_dates={Stage.INSPECTION: _ago(3)})
    relaxed = make_program("relaxed", name="宽松计划")
    make_project(relaxed, "L1", stage=Stage.INSPECTION, stage_dates={Stage.INSPECTION: _ago(3)})
    lists = stalled_lists(make_user(Role.LEADER), Program.objects.filter(code__in=["strict", "relaxed"]))
    assert [(r["program"], r["code"], r["months_idle"]) for r in lists["red"]["rows"]] == [
        ("strict", "S1", 3)
    ]
    assert [r["code"] for r in lists["yellow"]["rows"]] == ["L1"]  # 3 months: yellow at the default 3/6


def test_lists_across_programs_take_the_same_queries_for_more_programs():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = make_user(Role.LEADER)
    first = make_program("qa")
    make_project(first, "A1", stage=Stage.INSPECTION, stage_dates={Stage.INSPECTION: _ago(9)})
    make_project(first, "A2", stage=Stage.INSPECTION, stage_dates={Stage.INSPECTION: _ago(4)})
    make_project(first, "A3", stage=Stage.INSPECTION, stage_dates={Stage.INSPECTION: _ago(1)})
    with CaptureQueriesContext(connection) as small:
        stalled_lists(user, Program.objects.all())
    for code in ("qb", "qc"):
        make_project(make_program(code), f"{code}1", stage=Stage.SIGNED, stage_dates={Stage.SIGNED: _ago(4)})
    with CaptureQueriesContext(connection) as large:
        lists = stalled_lists(user, Program.objects.all())
    assert len(large.captured_queries) == len(small.captured_queries)
    assert (lists["red"]["count"], lists["yellow"]["count"], lists["green"]["count"]) == (1, 3, 1)
