"""Create endpoints: managers log for any cadre of their program, a cadre only as themselves, readers not
at all; bad input is refused with a Chinese message and writes nothing."""

import datetime as dt

import pytest
from django.test import Client

from cadreforge.accounts.models import Role
from cadreforge.audit.models import AuditEntry
from cadreforge.core.stages import Stage
from cadreforge.pipeline.models import Enterprise, Lead, Project, Visit

from ..builders import make_lead, make_participant, make_project, make_user

VISITS = "/api/v1/programs/penglai-3360/visits"
LEADS = "/api/v1/programs/penglai-3360/leads"
VISIT = {
    "cadre": "P001",
    "enterprise": "大莊竹業集團有限公司",
    "date": "2024-03-01",
    "chains": ["竹木", "新材料"],
}


@pytest.fixture
def cadre_user(program):
    """A cadre who logs in, taking part in the program as P003."""
    user = make_user(Role.CADRE)
    make_participant(program, "P003", user=user)
    return user


def post(client: Client, url: str, data: dict):
    return client.post(url, data, content_type="application/json")


def test_a_manager_logs_a_visit_for_a_cadre_of_the_program(bearer, manager, program):
    answer = post(bearer(manager), VISITS, VISIT | {"notes": "洽谈竹材深加工", "uscc": ""})
    assert answer.status_code == 201
    body = answer.json()
    assert (body["cadre"], body["enterprise"], body["date"], body["chains"]) == (
        "P001",
        "大莊竹業集團有限公司",
        "2024-03-01",
        ["新材料", "竹木"],
    )
    visit = Visit.objects.get()
    assert visit.participant.code == "P001" and visit.notes == "洽谈竹材深加工"
    assert AuditEntry.objects.filter(action="visit.create", actor=manager).exists()


def test_a_leader_cannot_post(bearer, program):
    answer = post(bearer(make_user(Role.LEADER)), VISITS, VISIT)
    assert answer.status_code == 403 and "无权" in answer.json()["detail"]
    assert not Visit.objects.exists() and not Enterprise.objects.exists()


def test_a_manager_without_a_grant_gets_404_not_403(bearer, program):
    answer = post(bearer(make_user(Role.PROGRAM_MANAGER)), VISITS, VISIT)
    assert answer.status_code == 404
    assert not Visit.objects.exists()


def test_a_cadre_logs_a_visit_as_themselves(bearer, cadre_user):
    answer = post(bearer(cadre_user), VISITS, VISIT | {"cadre": "P003"})
    assert answer.status_code == 201
    visit = Visit.objects.get()
    assert visit.participant.cadre.user == cadre_user
    logged = AuditEntry.objects.get(action="visit.log")
    assert logged.actor == cadre_user and logged.changes["participant"] == "P003"


def test_a_cadre_cannot_log_a_visit_as_another_cadre(bearer, cadre_user):
    answer = post(bearer(cadre_user), VISITS, VISIT)
    assert answer.status_code == 403 and "本人" in answer.json()["detail"]
    assert not Visit.objects.exists() and not Enterprise.objects.exists()


def test_a_cadre_reports_a_lead_as_themselves_with_an_amount_in_wan(bearer, cadre_user):
    data = {
        "code": "L100",
        "cadre": "P003",
        "enterprise": "乙公司",
        "date": "2024-03-02",
        "expected_amount_wan": "3.5",
    }
    answer = post(bearer(cadre_user), LEADS, data)
    assert answer.status_code == 201 and answer.json()["expected_amount_yuan"] == "35000.00"
    assert str(Lead.objects.get().expected_amount_yuan) == "35000.00"


def test_a_cadre_cannot_overwrite_a_lead_reported_by_someone_else(bearer, program, cadre_user):
    make_lead(program.participants.get(code="P001"), "甲公司", "L001")
    data = {"code": "L001", "cadre": "P003", "enterprise": "乙公司", "date": "2024-03-02"}
    answer = post(bearer(cadre_user), LEADS, data)
    assert answer.status_code == 403
    assert Lead.objects.get().enterprise.name == "甲公司"


def test_a_cadre_of_another_program_cannot_post_here(bearer, program):
    from ..builders import make_program

    user = make_user(Role.CADRE)
    make_participant(make_program("other-program"), "P003", user=user)
    assert post(bearer(user), VISITS, VISIT | {"cadre": "P003"}).status_code == 404
    assert not Visit.objects.exists()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"cadre": "P999"}, "没有干部编号为“P999”的干部"),
        ({"uscc": "123"}, "统一社会信用代码"),
        ({"date": "2999-01-01"}, "不能晚于今天"),
        ({"enterprise": "有限公司" * 60}, "请求体 enterprise：不能超过200个字符"),
        ({"enterprise": "\u337f" * 60}, "企业名称不能超过200个字"),  # ㍿ widens to 株式会社 when cleaned
    ],
)
def test_a_visit_breaking_a_rule_is_400_and_writes_nothing(bearer, manager, change, message):
    answer = post(bearer(manager), VISITS, VISIT | change)
    assert answer.status_code in (400, 422)
    assert message in str(answer.json()["detail"])
    assert not Visit.objects.exists() and not Enterprise.objects.exists()


@pytest.mark.parametrize(
    "data, where",
    [
        ({"cadre": "P001", "enterprise": "甲公司"}, "请求体 date：必须填写"),
        (VISIT | {"date": "昨天"}, "请求体 date：应为日期"),
        (VISIT | {"notes": "a\x00b"}, "空字符"),
        (VISIT | {"chains": "新材料"}, "请求体 chains：应为列表"),
    ],
)
def test_a_malformed_visit_is_422_in_chinese(bearer, manager, data, where):
    answer = post(bearer(manager), VISITS, data)
    assert answer.status_code == 422
    assert any(where in e["msg"] for e in answer.json()["detail"]), answer.json()
    assert not Visit.objects.exists()


def test_a_bad_amount_is_400_and_writes_nothing(bearer, manager):
    data = {
        "code": "L1",
        "cadre": "P001",
        "enterprise": "甲公司",
        "date": "2024-03-02",
        "expected_amount_wan": "三百",
    }
    answer = post(bearer(manager), LEADS, data)
    assert answer.status_code == 400 and "不是有效数字" in answer.json()["detail"]
    assert not Lead.objects.exists() and not Enterprise.objects.exists()


def test_a_manager_moves_a_project_to_a_stage_by_chinese_word_or_key(bearer, manager, program):
    make_project(program, "X1", stage=Stage.INTENT, stage_dates={Stage.INTENT: dt.date(2024, 1, 5)})
    client = bearer(manager)
    url = "/api/v1/programs/penglai-3360/projects/X1/stage"
    signed = post(client, url, {"stage": "簽約", "date": "2024-02-01"})
    assert signed.status_code == 200 and signed.json()["stage"] == "signed"
    assert post(client, url, {"stage": "started", "date": "2024-03-01"}).json()["stage_label"] == "开工"
    assert Project.objects.get().stage == Stage.STARTED
    backwards = post(client, url, {"stage": "landed", "date": "2023-01-01"})
    assert backwards.status_code == 400 and "早于" in backwards.json()["detail"]
    assert Project.objects.get().stage == Stage.STARTED


def test_a_cadre_cannot_move_a_project(bearer, program, cadre_user):
    make_project(program, "X1", stage=Stage.INTENT)
    answer = post(
        bearer(cadre_user),
        "/api/v1/programs/penglai-3360/projects/X1/stage",
        {"stage": "签约", "date": "2024-02-01"},
    )
    assert answer.status_code == 403
    assert Project.objects.get().stage == Stage.INTENT


def test_an_unknown_project_is_404(bearer, manager):
    answer = post(
        bearer(manager),
        "/api/v1/programs/penglai-3360/projects/NOPE/stage",
        {"stage": "签约", "date": "2024-02-01"},
    )
    assert answer.status_code == 404 and "NOPE" in answer.json()["detail"]


def test_a_session_write_needs_the_csrf_header(manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    refused = post(client, VISITS, VISIT)
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    client.get("/api/tokens/")  # any page with a form sets the CSRF cookie
    accepted = client.post(
        VISITS, VISIT, content_type="application/json", HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value
    )
    assert accepted.status_code == 201


def test_a_body_that_is_not_json_is_400_in_chinese(bearer, manager):
    answer = bearer(manager).post(VISITS, "{不是 JSON", content_type="application/json")
    assert answer.status_code == 400 and "应为 UTF-8 编码的 JSON" in answer.json()["detail"]
    assert not Visit.objects.exists()
