"""Pages and API of selection and matching: a manager runs a call through the UI; a cadre sees only their
own application; anything out of scope is 404."""

import datetime as dt

import pytest

from cadreforge.accounts.models import Role
from cadreforge.api.services import create_token
from cadreforge.org.services import get_or_create_unit
from cadreforge.people.services import create_cadre
from cadreforge.programs import services as programs
from cadreforge.selection import services
from cadreforge.selection.models import Application

from ..builders import make_user


@pytest.fixture
def two_applicants(call):
    users = []
    for name in ("甲干部", "乙干部"):
        user = make_user(Role.CADRE)
        cadre = create_cadre(None, name=name, unit=get_or_create_unit("市商务局"), has_worked_economy=True)
        cadre.user = user
        cadre.save()
        services.submit_application(None, call, cadre, track="新材料")
        users.append(user)
    return users


def test_manager_runs_a_call_from_applications_to_enrolment_in_the_ui(call, two_applicants, login):
    client = login(Role.PROGRAM_MANAGER, programs_granted=[call.batch.program])
    base = "/selection/sel-test/1/"
    assert "甲干部" in client.get(base).content.decode()
    client.post(base + "shortlist/", {"day": "2030-07-01"})
    client.post(base + "decide/", {"day": "2030-07-10"})
    page = client.get(base).content.decode()
    assert "已决定" in page
    assert call.batch.participants.count() == 2


def test_cadre_sees_only_their_own_application(call, two_applicants, login):
    client = login(two_applicants[0])
    page = client.get("/selection/").content.decode()
    assert page.count("查看得分说明") == 1  # one row: their own application
    own = Application.objects.get(cadre__name="甲干部")
    other = Application.objects.get(cadre__name="乙干部")
    assert client.get(f"/selection/applications/{own.pk}/").status_code == 200
    assert client.get(f"/selection/applications/{other.pk}/").status_code == 404
    assert client.get("/selection/sel-test/1/").status_code == 404


def test_cadre_applies_to_an_open_call_for_themselves(call, login):
    user = make_user(Role.CADRE)
    cadre = create_cadre(None, name="自荐者", unit=get_or_create_unit("市商务局"))
    cadre.user = user
    cadre.save()
    client = login(user)
    client.post(f"/selection/apply/{call.pk}/", {"track": "新材料", "years_in_post": "2"})
    assert Application.objects.get(cadre=cadre).channel == "self"
    page = client.get("/selection/").content.decode()
    assert "测试选拔公告" in page and "已报名" in page


def test_manager_of_another_program_gets_404(call, login):
    other = programs.create_program(None, code="other-prog", name="别的计划", kind="study")
    client = login(Role.PROGRAM_MANAGER, programs_granted=[other])
    assert client.get("/selection/sel-test/1/").status_code == 404
    assert client.get("/matching/sel-test/1/").status_code == 404
    _, token = create_token(client.user, name="t")
    api = client.get("/api/v1/programs/sel-test/batches/1/applications", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code == 404


def test_api_report_matches_the_cli_contract(call, two_applicants, login):
    client = login(Role.LEADER)
    _, token = create_token(client.user, name="t")
    data = client.get("/api/v1/programs/sel-test/selection", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert data == {
        "applicants": 2,
        "recommended": 0,
        "eligible": 0,
        "shortlisted": 0,
        "selected": 0,
        "by_track": {"新材料": {"applicants": 2, "selected": 0}},
    }


def test_matching_page_runs_publishes_and_shows_reasons(call, two_applicants, login):
    from cadreforge.chains.services import get_or_create_chain

    services.shortlist(None, call, publicity_start=dt.date(2030, 7, 1))
    services.decide(None, call, today=dt.date(2030, 7, 10))
    program = call.batch.program
    host = programs.get_or_create_host_unit(name="宁波经济技术开发区", city="宁波")
    programs.create_post(
        None, program, code="NB1", host=host, capacity=2, chains=[get_or_create_chain("新材料")]
    )
    client = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    response = client.post("/matching/sel-test/1/", {"mode": "stable", "max_per_unit": "0"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "产业链契合 +40" in page and "经历 +8：干过" in page
    client.post(response["Location"] + "publish/")
    assert program.posts.get(code="NB1").assignments.count() == 2


def test_a_reader_is_refused_the_call_form_and_not_told_how_to_publish(login):
    program = programs.create_program(None, code="sel-read", name="只读计划", kind="study")
    programs.create_batch(None, program, number=1)
    leader = login(Role.LEADER)
    response = leader.get("/selection/sel-read/1/new/")
    assert response.status_code == 403 and "发布" not in response.content.decode()
    assert leader.post("/selection/sel-read/1/new/", {"title": "x"}).status_code == 403
    empty = leader.get("/selection/").content.decode()
    assert "还没有选拔公告。" in empty and "/new/" not in empty and "计划管理员可在" not in empty
    manager = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    assert manager.get("/selection/sel-read/1/new/").status_code == 200
    assert "计划管理员可在计划页的批次中发布。" in manager.get("/selection/").content.decode()
