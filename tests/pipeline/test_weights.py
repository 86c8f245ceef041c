"""Declared credit weights (申报权重): validated as a whole, audited, never double counting; the page and the
API a program manager uses, reachable from the credit page and the project page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from cadreforge.accounts.models import Role
from cadreforge.api.services import create_token
from cadreforge.audit.models import AuditEntry
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.core.stages import Stage
from cadreforge.pipeline import credit, workflow
from cadreforge.pipeline.models import CreditWeight
from tests.builders import make_lead, make_participant, make_program, make_project, make_user

D = dt.date


@pytest.fixture
def team(db):
    program = make_program("p1", name="蓬莱3360")
    a, b, c = (make_participant(program, code) for code in ("P001", "P002", "P003"))
    make_lead(b, "大庄竹业集团", "L1", date=D(2024, 3, 1))
    make_project(
        program, "X1", stage=Stage.SIGNED, cadres=[a, b, c], investor="大庄竹业集团", name="竹业一期"
    )
    make_project(program, "X2", stage=Stage.INTENT, cadres=[a, c], name="竹业二期")
    make_project(program, "X3", stage=Stage.INSPECTION, cadres=[b])
    workflow.save_settings(None, program, yellow_months=3, red_months=6, credit_rule="weights")
    return program


def _cadres(program):
    return [program.participants.get(code=code) for code in ("P001", "P002", "P003")]


def _declared(project) -> dict[str, Decimal]:
    return {w.participant.code: w.percent for w in project.weights.select_related("participant")}


def _credit(program) -> dict[str, Decimal]:
    return {row["participant"].code: row["credit"] for row in credit.credit_by_cadre(program)["rows"]}


# --- the service ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("percents", "message"),
    [
        (("50", "40", None), "合计为90%，应为100%"),
        (("60", "50", "-10"), "应大于0且不超过100"),
        (("100.5", None, None), "应大于0且不超过100"),
        (("33.335", "33.335", "33.33"), "最多保留两位小数"),
    ],
)
def test_an_invalid_declaration_is_refused_in_chinese_and_keeps_the_earlier_one(team, percents, message):
    x1 = team.projects.get(code="X1")
    a, b, c = _cadres(team)
    credit.declare_weights(None, x1, {a: Decimal(50), b: Decimal(30), c: Decimal(20)})
    weights = {p: Decimal(v) for p, v in zip((a, b, c), percents, strict=True) if v is not None}
    with pytest.raises(DomainError, match=message):
        credit.declare_weights(None, x1, weights)
    assert _declared(x1) == {"P001": Decimal(50), "P002": Decimal(30), "P003": Decimal(20)}


def test_a_cadre_who_is_not_on_the_project_cannot_be_given_a_weight(team):
    x2 = team.projects.get(code="X2")
    a, b, _c = _cadres(team)
    with pytest.raises(DomainError, match="干部“P002”不是项目“X2”的引荐干部"):
        credit.declare_weights(None, x2, {a: Decimal(50), b: Decimal(50)})
    assert not CreditWeight.objects.exists()


def test_a_cadre_named_twice_through_codes_is_refused(team):
    x2 = team.projects.get(code="X2")
    with pytest.raises(DomainError, match=r"P001.*两次"):
        credit.declare_weights_by_code(None, x2, [("P001", Decimal(50)), ("P001", Decimal(50))])
    with pytest.raises(DomainError, match="至少要为一名"):
        credit.declare_weights_by_code(None, x2, [])


def test_declared_weights_never_double_count_a_shared_project(team):
    x1, x2 = team.projects.get(code="X1"), team.projects.get(code="X2")
    a, b, c = _cadres(team)
    credit.declare_weights(None, x1, {a: Decimal("33.34"), b: Decimal("33.33"), c: Decimal("33.33")})
    credit.declare_weights(None, x2, {a: Decimal(75), c: Decimal(25)})
    figures = credit.credit_by_cadre(team)
    assert figures["projects"] == 3 and figures["credited_projects"] == 3
    assert sum(credit.project_shares(team)[x1.pk].values()) == 1
    assert _credit(team) == {"P002": Decimal("1.33"), "P001": Decimal("1.08"), "P003": Decimal("0.58")}
    # Rounded per cadre for display; the exact shares add up to the number of projects with cadres.
    assert sum(s for p in credit.project_shares(team).values() for s in p.values()) == 3


def test_a_declaration_is_audited_with_what_it_replaced(team):
    x2 = team.projects.get(code="X2")
    a, _b, c = _cadres(team)
    credit.declare_weights(None, x2, {a: Decimal(50), c: Decimal(50)})
    manager = make_user(Role.PROGRAM_MANAGER, programs_granted=[team])
    credit.declare_weights(manager, x2, {a: Decimal(70), c: Decimal(30)})
    entry = AuditEntry.objects.filter(action="project.weights").order_by("id").last()
    assert entry.actor == manager
    assert entry.changes == {
        "before": {"P001": "50.00", "P003": "50.00"},
        "after": {"P001": "70", "P003": "30"},
    }


def test_a_manager_of_another_program_cannot_declare_weights(team):
    x2 = team.projects.get(code="X2")
    a, _b, c = _cadres(team)
    outsider = make_user(Role.PROGRAM_MANAGER, programs_granted=[make_program("p2")])
    with pytest.raises(PermissionDenied):
        credit.declare_weights(outsider, x2, {a: Decimal(50), c: Decimal(50)})
    assert not CreditWeight.objects.exists()


# --- the page ------------------------------------------------------------------------------------------

pages = pytest.mark.urls("tests.pipeline.urls")
URL = "/pipeline/p1/projects/X1/weights/"


@pages
def test_the_credit_page_and_the_project_page_lead_to_the_weights_page(login, team):
    client = login(make_user(Role.PROGRAM_MANAGER, programs_granted=[team]))
    page = client.get("/pipeline/p1/credit/").content.decode()
    assert 'data-shared="X1"' in page and 'data-shared="X3"' not in page  # X3 has one cadre
    assert page.count(URL) == 2  # in the conflict about X1 and in the shared projects
    assert URL in client.get("/pipeline/p1/projects/X1/").content.decode()
    assert URL.replace("X1", "X3") not in client.get("/pipeline/p1/projects/X3/").content.decode()


@pages
def test_a_manager_declares_weights_on_the_page_and_the_conflict_is_settled(login, team):
    client = login(make_user(Role.PROGRAM_MANAGER, programs_granted=[team]))
    page = client.get(URL).content.decode()
    assert 'data-cadre="P001"' in page and 'data-cadre="P003"' in page and "尚未申报有效权重" in page
    a, b, c = _cadres(team)
    response = client.post(URL, {f"weight_{a.pk}": "60", f"weight_{b.pk}": "30%", f"weight_{c.pk}": "10"})
    assert response.status_code == 302
    assert _declared(team.projects.get(code="X1")) == {
        "P001": Decimal(60),
        "P002": Decimal(30),
        "P003": Decimal(10),
    }
    page = client.get(URL).content.decode()
    assert "已申报有效权重" in page and 'value="60.00"' in page
    assert "“X1 竹业一期”" not in client.get("/pipeline/p1/credit/").content.decode()


@pages
def test_weights_not_adding_up_to_100_are_shown_as_an_error_and_nothing_is_saved(login, team):
    client = login(make_user(Role.PROGRAM_MANAGER, programs_granted=[team]))
    a, b, c = _cadres(team)
    response = client.post(URL, {f"weight_{a.pk}": "50", f"weight_{b.pk}": "40", f"weight_{c.pk}": ""})
    assert response.status_code == 400
    assert "各干部权重合计为90%，应为100%" in response.content.decode()
    response = client.post(URL, {f"weight_{a.pk}": "五十", f"weight_{b.pk}": "50"})
    assert response.status_code == 400 and "干部P001的权重“五十”不是数字" in response.content.decode()
    assert not CreditWeight.objects.exists()


@pages
@pytest.mark.parametrize("role", [Role.CADRE, Role.LEADER, Role.VERIFIER])
def test_roles_that_may_not_write_are_forbidden_the_weights_page(login, team, role):
    user = make_user(role, programs_granted=[team] if role == Role.VERIFIER else ())
    if role == Role.CADRE:  # a cadre of the project: sees it, may not declare
        wang = team.participants.get(code="P001").cadre
        wang.user = user
        wang.save(update_fields=["user"])
    client = login(user)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {}).status_code == 403
    assert not CreditWeight.objects.exists()


@pages
def test_the_weights_page_of_a_program_not_granted_is_not_found(login, team):
    client = login(make_user(Role.PROGRAM_MANAGER, programs_granted=[make_program("p2")]))
    assert client.get(URL).status_code == 404
    assert client.post(URL, {}).status_code == 404
    granted = login(make_user(Role.PROGRAM_MANAGER, programs_granted=[team]))
    assert granted.get("/pipeline/p1/projects/NOPE/weights/").status_code == 404


# --- the API -------------------------------------------------------------------------------------------

API = "/api/v1/programs/p1/projects/X2/weights"


def _api(user) -> Client:
    _, clear = create_token(user, name="测试")
    return Client(HTTP_AUTHORIZATION=f"Bearer {clear}")


def test_a_manager_declares_weights_through_the_api(team):
    client = _api(make_user(Role.PROGRAM_MANAGER, programs_granted=[team]))
    body = {"weights": [{"cadre": "P001", "percent": "75"}, {"cadre": "P003", "percent": 25}]}
    response = client.put(API, body, content_type="application/json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["valid"] is True and data["rule"] == "weights"
    assert {w["cadre"]: (w["percent"], w["share_percent"]) for w in data["weights"]} == {
        "P001": ("75.00", "75.00"),
        "P003": ("25.00", "25.00"),
    }


def test_the_api_refuses_bad_weights_in_chinese_and_changes_nothing(team):
    client = _api(make_user(Role.PROGRAM_MANAGER, programs_granted=[team]))
    body = {"weights": [{"cadre": "P001", "percent": "75"}, {"cadre": "P002", "percent": "25"}]}
    response = client.put(API, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "干部“P002”不是项目“X2”的引荐干部"
    assert not CreditWeight.objects.exists()


def test_the_api_answers_403_to_a_cadre_and_404_out_of_scope(team):
    cadre_user = make_user(Role.CADRE)
    wang = team.participants.get(code="P001").cadre
    wang.user = cadre_user
    wang.save(update_fields=["user"])
    body = {"weights": [{"cadre": "P001", "percent": "100"}]}
    assert _api(cadre_user).put(API, body, content_type="application/json").status_code == 403
    outsider = _api(make_user(Role.PROGRAM_MANAGER, programs_granted=[make_program("p2")]))
    assert outsider.put(API, body, content_type="application/json").status_code == 404
    assert not CreditWeight.objects.exists()
    # A cadre reads only their own row.
    rows = _api(cadre_user).get(API).json()["weights"]
    assert [r["cadre"] for r in rows] == ["P001"]
