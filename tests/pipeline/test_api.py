"""The pipeline API: verified totals, a verifier verifying a stage, stalled projects, talents' field."""

import datetime as dt

import pytest
from django.test import Client

from cadreforge.accounts.models import Role
from cadreforge.api.services import create_token
from cadreforge.core.stages import Stage
from cadreforge.pipeline.services import record_talent
from tests.builders import make_participant, make_program, make_project, make_user


def _client(user) -> Client:
    _, clear = create_token(user, name="测试")
    return Client(HTTP_AUTHORIZATION=f"Bearer {clear}")


@pytest.fixture
def program(db):
    program = make_program("p1")
    wang = make_participant(program, "P001")
    make_project(
        program, "X1", stage=Stage.SIGNED, cadres=[wang], stage_dates={Stage.SIGNED: dt.date(2020, 1, 5)}
    )
    return program


def test_a_granted_verifier_verifies_through_the_api_and_the_verified_funnel_counts_it(program):
    verifier = _client(make_user(Role.VERIFIER, programs_granted=[program]))
    assert verifier.get("/api/v1/programs/p1/verified-funnel").json()["reached"]["signed"] == 0
    response = verifier.post("/api/v1/programs/p1/projects/X1/stages/签约/verify")
    assert response.status_code == 200
    assert [row["verified"] for row in response.json()] == [False, False, True]
    funnel = verifier.get("/api/v1/programs/p1/verified-funnel").json()
    assert funnel["basis"] == "verified" and funnel["reached"]["signed"] == 1


def test_a_manager_may_not_verify_through_the_api(program):
    manager = _client(make_user(Role.PROGRAM_MANAGER, programs_granted=[program]))
    response = manager.post("/api/v1/programs/p1/projects/X1/stages/signed/verify")
    assert response.status_code == 403
    assert "项目核验员" in response.json()["detail"]


def test_stalled_projects_and_talent_fields_are_listed(program):
    record_talent(None, program, name="张博士", level="high_level", field="新材料")
    manager = _client(make_user(Role.PROGRAM_MANAGER, programs_granted=[program]))
    stalled = manager.get("/api/v1/programs/p1/stalled-projects").json()
    assert [(p["code"], p["light"], p["cadres"]) for p in stalled] == [("X1", "red", ["P001"])]
    talents = manager.get("/api/v1/programs/p1/talents?field=新材料").json()["items"]
    assert [t["name"] for t in talents] == ["张博士"]
    assert manager.get("/api/v1/programs/p1/talents?field=集成电路").json()["items"] == []
