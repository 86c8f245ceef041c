"""Attribution: shared projects count once, credit splits by the program's rule, conflicts are listed."""

import datetime as dt
from decimal import Decimal

import pytest

from cadreforge.core.errors import DomainError
from cadreforge.core.stages import Stage
from cadreforge.pipeline import credit, workflow
from tests.builders import make_lead, make_participant, make_program, make_project

D = dt.date


@pytest.fixture
def team(db):
    program = make_program("p1")
    a, b, c = (make_participant(program, code) for code in ("P001", "P002", "P003"))
    make_lead(b, "大庄竹业集团", "L1", date=D(2024, 3, 1))
    make_lead(a, "大莊竹業集團有限公司", "L2", date=D(2024, 3, 9))  # the same enterprise, reported later
    make_project(program, "X1", stage=Stage.SIGNED, cadres=[a, b, c], investor="大庄竹业集团")
    make_project(program, "X2", stage=Stage.INTENT, cadres=[a, c])
    make_project(program, "X3", stage=Stage.INSPECTION)  # no cadre
    return program


def _credit(program) -> dict[str, Decimal]:
    return {row["participant"].code: row["credit"] for row in credit.credit_by_cadre(program)["rows"]}


@pytest.mark.parametrize("rule", ["first", "equal", "weights"])
def test_shared_projects_are_counted_once_whatever_the_rule(team, rule):
    workflow.save_settings(None, team, yellow_months=3, red_months=6, credit_rule=rule)
    shares = credit.project_shares(team)
    assert all(sum(s.values()) == 1 for s in shares.values())
    figures = credit.credit_by_cadre(team)
    assert figures["projects"] == 3
    assert figures["credited_projects"] == 2
    assert figures["lead_enterprises"] == 1 and figures["lead_records"] == 2


def test_equal_shares_split_each_project_among_its_cadres(team):
    assert _credit(team) == {"P001": Decimal("0.83"), "P003": Decimal("0.83"), "P002": Decimal("0.33")}


def test_the_first_reporter_of_the_investor_takes_the_whole_project(team):
    workflow.save_settings(None, team, yellow_months=3, red_months=6, credit_rule="first")
    # X1: P002 reported 大庄竹业 first; X2: no lead, so the first cadre by code.
    assert _credit(team) == {"P001": Decimal("1.00"), "P002": Decimal("1.00"), "P003": Decimal("0.00")}


def test_declared_weights_split_the_project_and_must_add_up_to_100(team):
    workflow.save_settings(None, team, yellow_months=3, red_months=6, credit_rule="weights")
    x1 = team.projects.get(code="X1")
    a, b, c = (team.participants.get(code=code) for code in ("P001", "P002", "P003"))
    with pytest.raises(DomainError, match="合计为90"):
        credit.declare_weights(None, x1, {a: Decimal(50), b: Decimal(40)})
    credit.declare_weights(None, x1, {a: Decimal(60), b: Decimal(30), c: Decimal(10)})
    assert _credit(team) == {"P001": Decimal("1.10"), "P003": Decimal("0.60"), "P002": Decimal("0.30")}
    messages = [c["message"] for c in credit.credit_conflicts(team)]
    assert any("X2" in m and "未申报有效权重" in m for m in messages)
    assert not any("X1" in m for m in messages)


def test_an_enterprise_reported_by_two_cadres_is_a_conflict_for_the_manager(team):
    conflicts = credit.credit_conflicts(team)
    assert [c["kind"] for c in conflicts] == ["shared_lead"]
    assert "P001、P002" in conflicts[0]["message"] and "只计1家企业" in conflicts[0]["message"]
