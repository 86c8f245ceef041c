"""Read endpoints: the right records and figures, paginated and filtered, personal data masked, and
nothing outside the caller's scope."""

import datetime as dt
import json
import re

import pytest

from cadreforge.accounts.models import Role
from cadreforge.core.stages import Stage
from cadreforge.pipeline import services as pipeline
from cadreforge.programs import services as programs
from cadreforge.programs.services import get_or_create_host_unit
from cadreforge.reports.selectors import get_funnel

from ..builders import (
    make_lead,
    make_output,
    make_participant,
    make_program,
    make_project,
    make_user,
    make_visit,
)
from .conftest import ID_NUMBER, MOBILE

V1 = "/api/v1"


@pytest.fixture
def pipeline_records(program):
    p1, p2 = program.participants.order_by("code")
    make_visit(p1, "大莊竹業集團有限公司", dt.date(2024, 3, 1))
    make_visit(p1, "合肥新材料有限公司", dt.date(2024, 4, 10))
    make_visit(p2, "大庄竹业集团", dt.date(2024, 5, 20))
    make_lead(p1, "甲公司", "L001", valuable=True)
    make_lead(p2, "乙公司", "L002", valuable=False)
    make_project(program, "X1", stage=Stage.SIGNED, cadres=[p1, p2], amount_wan="30000")
    make_project(program, "X2", stage=Stage.INSPECTION, cadres=[p2], amount_wan="12.34")
    pipeline.record_talent(
        None, program, name="张博士", level="high_level", date=dt.date(2024, 6, 1), cadres=[p1]
    )
    make_output(program, "竹产业调研报告", authors=[p1], characters=12000, adopted=True)
    return p1, p2


def test_a_manager_lists_only_the_programs_granted(bearer, manager, program):
    make_program("other-program")
    body = bearer(manager).get(f"{V1}/programs").json()
    assert body["count"] == 1
    assert body["items"][0] | {} == body["items"][0]
    item = body["items"][0]
    assert (item["code"], item["name"], item["batch_count"], item["participant_count"]) == (
        "penglai-3360",
        "蓬莱挂职",
        2,
        2,
    )
    assert item["kind_label"] == "挂职锻炼"


def test_a_program_outside_my_scope_is_404_whatever_its_code(bearer, manager):
    make_program("hidden")
    client = bearer(manager)
    for code in ("hidden", "no-such-program", "BAD CODE"):
        answer = client.get(f"{V1}/programs/{code}/visits")
        assert answer.status_code == 404
        assert "找不到计划" in answer.json()["detail"]


def test_a_cadre_of_another_program_gets_404(bearer, program):
    other = make_program("other-program")
    cadre_user = make_user(Role.CADRE)
    make_participant(other, "Q001", user=cadre_user)
    client = bearer(cadre_user)
    assert client.get(f"{V1}/programs/penglai-3360").status_code == 404
    assert client.get(f"{V1}/programs/penglai-3360/funnel").status_code == 404
    assert client.get(f"{V1}/programs/other-program").status_code == 200


def test_program_detail_and_batches(bearer, manager, program):
    client = bearer(manager)
    assert client.get(f"{V1}/programs/penglai-3360").json()["participant_count"] == 2
    batches = client.get(f"{V1}/programs/penglai-3360/batches").json()
    assert [b["number"] for b in batches["items"]] == [1, 2] and batches["count"] == 2


def test_teams_show_their_leader_and_members_by_code(bearer, manager, program):
    p1 = program.participants.get(code="P001")
    batch1 = program.batches.get(number=1)
    programs.create_team(None, batch1, name="第一小分队", leader=p1)
    body = bearer(manager).get(f"{V1}/programs/penglai-3360/teams?batch=1").json()
    assert body["items"] == [{"batch": 1, "name": "第一小分队", "leader": "P001", "members": ["P001"]}]
    assert bearer(manager).get(f"{V1}/programs/penglai-3360/teams?batch=2").json()["count"] == 0


def test_a_cadre_sees_only_their_own_team(bearer, program):
    p1, p2 = program.participants.order_by("code")
    programs.create_team(None, program.batches.get(number=1), name="一队", leader=p1)
    programs.create_team(None, program.batches.get(number=2), name="二队", leader=p2)
    cadre_user = make_user(Role.CADRE)
    p2.cadre.user = cadre_user
    p2.cadre.save(update_fields=["user"])
    body = bearer(cadre_user).get(f"{V1}/programs/penglai-3360/teams").json()
    assert [t["name"] for t in body["items"]] == ["二队"]


def test_cadres_are_masked_and_never_decrypted(bearer, manager, program):
    answer = bearer(manager).get(f"{V1}/programs/penglai-3360/cadres")
    wang = answer.json()["items"][0]
    assert wang["code"] == "P001" and wang["name"] == "王一" and wang["batch"] == 1
    assert wang["id_number_masked"] == ID_NUMBER[:3] + "*" * 11 + ID_NUMBER[-4:]
    assert wang["mobile_masked"] == "138****5678"
    assert ID_NUMBER not in answer.text and MOBILE not in answer.text
    assert ID_NUMBER[6:14] not in answer.text  # not even the birth date


def test_no_response_carries_a_full_id_or_mobile(bearer, manager, program, pipeline_records):
    client = bearer(manager)
    for path in ("cadres", "visits", "leads", "projects", "talents", "outputs", "teams", "posts", "funnel"):
        text = client.get(f"{V1}/programs/penglai-3360/{path}").text
        assert ID_NUMBER not in text and MOBILE not in text, path


def test_cadres_filter_by_batch(bearer, manager, program):
    body = bearer(manager).get(f"{V1}/programs/penglai-3360/cadres?batch=2").json()
    assert [c["code"] for c in body["items"]] == ["P002"]


def test_a_cadre_sees_only_themselves_among_cadres(bearer, program):
    cadre_user = make_user(Role.CADRE)
    make_participant(program, "P003", user=cadre_user)
    body = bearer(cadre_user).get(f"{V1}/programs/penglai-3360/cadres").json()
    assert [c["code"] for c in body["items"]] == ["P003"]


def test_posts_with_host_and_chains(bearer, manager, program):
    from cadreforge.chains.services import get_or_create_chains

    host = get_or_create_host_unit(name="苏州工业园区", city="苏州", kind="dev_zone")
    programs.create_post(None, program, code="G01", host=host, chains=get_or_create_chains(["新材料"]))
    body = bearer(manager).get(f"{V1}/programs/penglai-3360/posts?city=苏州").json()
    assert body["items"][0] | {"duties": ""} == {
        "code": "G01",
        "title": "",
        "host": "苏州工业园区",
        "city": "苏州",
        "host_kind": "开发园区",
        "chains": ["新材料"],
        "capacity": 1,
        "duties": "",
    }
    assert bearer(manager).get(f"{V1}/programs/penglai-3360/posts?city=上海").json()["count"] == 0
    assert bearer(manager).get(f"{V1}/programs/penglai-3360/posts?chain=新材料").json()["count"] == 1


def test_visits_filter_by_batch_cadre_and_dates(bearer, manager, pipeline_records):
    client = bearer(manager)
    url = f"{V1}/programs/penglai-3360/visits"
    everything = client.get(url).json()
    assert everything["count"] == 3
    assert [v["date"] for v in everything["items"]] == ["2024-05-20", "2024-04-10", "2024-03-01"]
    batch2 = client.get(url, {"batch": 2}).json()["items"]
    assert [(v["cadre"], v["date"], v["enterprise"]) for v in batch2] == [
        ("P002", "2024-05-20", "大莊竹業集團有限公司")
    ]
    assert client.get(url, {"cadre": "P001"}).json()["count"] == 2
    spring = client.get(url, {"date_from": "2024-04-01", "date_to": "2024-04-30"}).json()
    assert [(v["cadre"], v["enterprise"]) for v in spring["items"]] == [("P001", "合肥新材料有限公司")]


def test_visits_are_paginated_by_page_number(bearer, manager, pipeline_records):
    client = bearer(manager)
    url = f"{V1}/programs/penglai-3360/visits"
    first = client.get(url, {"page": 1, "page_size": 2}).json()
    second = client.get(url, {"page": 2, "page_size": 2}).json()
    assert first["count"] == second["count"] == 3
    assert len(first["items"]) == 2 and len(second["items"]) == 1
    assert {v["id"] for v in first["items"]}.isdisjoint({v["id"] for v in second["items"]})
    assert client.get(url, {"page_size": 500}).status_code == 422


def test_leads_filter_by_value_and_batch_with_amount_as_string(bearer, manager, program, pipeline_records):
    p1, _ = pipeline_records
    pipeline.report_lead(
        None,
        p1,
        pipeline.get_or_create_enterprise("丙公司"),
        code="L003",
        date=dt.date(2024, 3, 3),
        expected_amount_yuan=__import__("decimal").Decimal("35000.00"),
    )
    client = bearer(manager)
    url = f"{V1}/programs/penglai-3360/leads"
    assert {lead["code"] for lead in client.get(url, {"valuable": "true"}).json()["items"]} == {
        "L001",
        "L003",
    }
    assert [lead["code"] for lead in client.get(url, {"valuable": "false"}).json()["items"]] == ["L002"]
    assert [lead["code"] for lead in client.get(url, {"batch": 2}).json()["items"]] == ["L002"]
    l3 = next(lead for lead in client.get(url).json()["items"] if lead["code"] == "L003")
    assert l3["expected_amount_yuan"] == "35000.00"


def test_projects_with_stage_history_amounts_and_filters(bearer, manager, pipeline_records):
    client = bearer(manager)
    url = f"{V1}/programs/penglai-3360/projects"
    body = client.get(url).json()
    x1 = body["items"][0]
    assert (x1["code"], x1["stage"], x1["stage_label"], x1["amount_yuan"]) == (
        "X1",
        "signed",
        "签约",
        "300000000.00",
    )
    assert x1["cadres"] == ["P001", "P002"]
    assert [s["stage"] for s in x1["stages"]] == ["inspection", "intent", "signed"]
    assert body["items"][1]["amount_yuan"] == "123400.00"
    assert [p["code"] for p in client.get(url, {"stage": "签约"}).json()["items"]] == ["X1"]
    assert [p["code"] for p in client.get(url, {"stage": "inspection"}).json()["items"]] == ["X2"]
    assert [p["code"] for p in client.get(url, {"batch": 1}).json()["items"]] == ["X1"]
    assert client.get(url, {"batch": 2}).json()["count"] == 2
    unknown = client.get(url, {"stage": "开会"})
    assert unknown.status_code == 400 and "未知的项目阶段" in unknown.json()["detail"]


def test_talents_and_outputs(bearer, manager, pipeline_records):
    client = bearer(manager)
    talents = client.get(f"{V1}/programs/penglai-3360/talents").json()["items"]
    assert talents == [
        {
            "name": "张博士",
            "level": "high_level",
            "level_label": "高层次人才",
            "field": "",
            "date": "2024-06-01",
            "cadres": ["P001"],
        }
    ]
    outputs = client.get(f"{V1}/programs/penglai-3360/outputs?adopted=true").json()["items"]
    assert [(o["title"], o["characters"], o["authors"]) for o in outputs] == [
        ("竹产业调研报告", 12000, ["P001"])
    ]


def test_a_cadre_sees_only_their_own_visits(bearer, program, pipeline_records):
    cadre_user = make_user(Role.CADRE)
    me = make_participant(program, "P003", user=cadre_user)
    make_visit(me, "丁公司", dt.date(2024, 7, 1))
    body = bearer(cadre_user).get(f"{V1}/programs/penglai-3360/visits").json()
    assert [(v["cadre"], v["enterprise"]) for v in body["items"]] == [("P003", "丁公司")]


@pytest.mark.parametrize("batch", [None, 1, 2])
def test_the_funnel_is_exactly_the_report_selector(bearer, manager, program, pipeline_records, batch):
    query = {"batch": batch} if batch else {}
    body = bearer(manager).get(f"{V1}/programs/penglai-3360/funnel", query).json()
    assert body == json.loads(json.dumps(get_funnel(program, batch)))
    if batch is None:
        assert body["amount_yuan"] == {"signed": "300000000.00", "landed": "0.00"}
        assert body["visits"] == 3 and body["enterprises_visited"] == 2


def test_the_funnel_of_a_missing_batch_is_404_in_chinese(bearer, manager, program):
    answer = bearer(manager).get(f"{V1}/programs/penglai-3360/funnel?batch=9")
    assert answer.status_code == 404 and answer.json()["detail"] == "计划“penglai-3360”没有第9批。"


def test_the_browser_session_reads_the_api(login, program):
    client = login(Role.LEADER)
    assert client.get(f"{V1}/programs/penglai-3360/funnel").json()["cadres"] == 2


def test_the_docs_page_needs_a_login_and_loads_nothing_from_outside(login, db):
    from django.test import Client

    assert Client().get(f"{V1}/docs").status_code == 302
    assert Client().get(f"{V1}/openapi.json").status_code == 401
    page = login().get(f"{V1}/docs")
    assert page.status_code == 200 and "swagger-ui-bundle.js" in page.text
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", page.text)
    assert "<script>" not in page.text  # no inline code, only files and a JSON data block


def test_the_schema_is_served_to_a_token(bearer, manager):
    schema = bearer(manager).get(f"{V1}/openapi.json").json()
    assert schema["info"]["title"] == "CadreForge API" and schema["info"]["version"] == "1"
    assert "/api/v1/programs/{code}/funnel" in schema["paths"]
