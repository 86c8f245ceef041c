import datetime as dt

import pytest

from cadreforge.accounts.models import Role
from cadreforge.core.errors import DomainError, NotFound
from cadreforge.evaluation import faults, services
from cadreforge.evaluation.faults import CRITERIA, DISTINCTIONS
from cadreforge.evaluation.models import CaseReview, FaultToleranceCase, PromotionRecommendation
from cadreforge.evaluation.selectors import get_ranking
from tests.builders import make_participant, make_program, make_user

pytestmark = pytest.mark.django_db
DAY = dt.date(2024, 10, 1)
ALL_MET = {k: True for k in CRITERIA}
DIST = {k: "属于此情形" for k in DISTINCTIONS}


def _through_to_decision(case, decision="exempt", criteria=ALL_MET):
    faults.accept_case(None, case)
    faults.verify_case(
        None, case, criteria=criteria, distinctions=DIST, findings="经核实，程序瑕疵出于赶工期"
    )
    for level in CaseReview.Level.values:
        faults.add_review(None, case, level, opinion="同意", agrees=True, date=DAY)
    return faults.decide_case(None, case, decision=decision, reason="符合容错情形")


@pytest.fixture
def wang():
    return make_participant(make_program("eval-faults"), "P001")


def test_a_case_goes_through_every_step_to_filing(wang):
    case = faults.file_case(None, wang, title="应急避难场所并入项目", facts="为按期完工合并建设")
    _through_to_decision(case)
    faults.feed_back(None, case, feedback="予以免责，已告知本人及单位")
    faults.file_with_authority(None, case, authority="市纪委监委")
    case.refresh_from_db()
    assert case.step == FaultToleranceCase.Step.FILED
    assert case.decision == "exempt"
    assert faults.is_closed(case)


def test_steps_cannot_be_skipped(wang):
    case = faults.file_case(None, wang, title="事项", facts="经过")
    with pytest.raises(DomainError, match="当前处于“申请”"):
        faults.decide_case(None, case, decision="exempt", reason="理由")
    faults.accept_case(None, case)
    with pytest.raises(DomainError, match="不能转到"):
        faults.feed_back(None, case, feedback="意见")


def test_reviews_go_unit_then_organisation_then_discipline(wang):
    case = faults.file_case(None, wang, title="事项", facts="经过")
    faults.accept_case(None, case)
    faults.verify_case(None, case, criteria=ALL_MET, distinctions=DIST, findings="核实")
    with pytest.raises(DomainError, match="下一步应为“所在单位”"):
        faults.add_review(None, case, CaseReview.Level.DISCIPLINE, opinion="同意", agrees=True, date=DAY)


def test_exemption_refused_when_a_criterion_is_not_met(wang):
    case = faults.file_case(None, wang, title="事项", facts="经过")
    with pytest.raises(DomainError, match="非屡错屡犯"):
        _through_to_decision(case, criteria=ALL_MET | {"not_repeated": False})


def test_verification_needs_every_criterion_answered(wang):
    case = faults.file_case(None, wang, title="事项", facts="经过")
    faults.accept_case(None, case)
    with pytest.raises(DomainError, match="没有谋取私利"):
        faults.verify_case(None, case, criteria={"public_interest": True}, distinctions=DIST, findings="核实")


def test_case_is_seen_only_by_the_cadre_and_the_organisation_department():
    program = make_program("eval-secret")
    cadre_user = make_user(Role.CADRE)
    wang = make_participant(program, "P001", user=cadre_user)
    other_cadre = make_user(Role.CADRE)
    make_participant(program, "P002", user=other_cadre)
    manager = make_user(Role.PROGRAM_MANAGER, programs_granted=[program])
    case = faults.file_case(cadre_user, wang, title="事项", facts="经过")
    assert case.filed_by == "cadre"
    assert faults.get_visible_case(cadre_user, case.pk) == case
    assert faults.get_visible_case(manager, case.pk) == case
    for outsider in (
        other_cadre,
        make_user(Role.LEADER),
        make_user(Role.AUDITOR),
        make_user(Role.PROGRAM_MANAGER),
    ):
        with pytest.raises(NotFound):
            faults.get_visible_case(outsider, case.pk)


def test_deduction_linked_to_an_exempted_case_does_not_lower_the_score(wang):
    scheme = services.save_scheme(None, wang.program, name="年度考核", weights={"visits": 1})
    exempted = faults.file_case(None, wang, title="免责事项", facts="经过")
    _through_to_decision(exempted)
    refused = faults.file_case(None, wang, title="不予容错事项", facts="经过")
    _through_to_decision(refused, decision="refuse")
    services.assess(None, scheme, wang, points=-5, reason="程序违规扣分", fault_case=exempted)
    services.assess(None, scheme, wang, points=-2, reason="另一扣分", fault_case=refused)
    row = get_ranking(wang.program)["rows"][0]
    assert row["score"] == -2
    items = row["components"]["manual"]["items"]
    assert items[0]["ignored"] is True and "容错免责" in items[0]["note"]


def test_approval_chain_is_decided_in_order_and_the_last_approval_promotes(wang):
    rec = services.recommend_promotion(
        None,
        wang,
        from_post="科员",
        to_post="街道党政正职",
        reason="招商业绩突出",
        chain=("单位推荐", "组织部考察"),
    )
    first = services.decide_step(None, rec, approve=True, date=DAY)
    assert first.name == "单位推荐"
    rec.refresh_from_db()
    assert rec.status == PromotionRecommendation.Status.PENDING
    services.decide_step(None, rec, approve=True, date=DAY)
    rec.refresh_from_db()
    assert rec.status == PromotionRecommendation.Status.APPROVED


def test_a_refusal_ends_the_chain(wang):
    rec = services.recommend_promotion(None, wang, from_post="科员", to_post="副科长", reason="理由")
    services.decide_step(None, rec, approve=False, comment="考察不通过", date=DAY)
    with pytest.raises(DomainError, match="未批准"):
        services.decide_step(None, rec, approve=True, date=DAY)


def test_an_open_case_blocks_promotion_but_an_exempted_one_does_not(wang):
    rec = services.recommend_promotion(
        None, wang, from_post="科员", to_post="副科长", reason="理由", chain=("决定",)
    )
    case = faults.file_case(None, wang, title="事项", facts="经过")
    with pytest.raises(DomainError, match="事项"):
        services.decide_step(None, rec, approve=True, date=DAY)
    _through_to_decision(case)
    faults.feed_back(None, case, feedback="免责")
    services.decide_step(None, rec, approve=True, date=DAY)
    rec.refresh_from_db()
    assert rec.status == PromotionRecommendation.Status.APPROVED


def test_commendation_evidence_must_be_the_cadres_own_projects(wang):
    from tests.builders import make_project

    other = make_participant(wang.program, "P002")
    theirs = make_project(wang.program, "X9", cadres=[other])
    with pytest.raises(DomainError, match="X9"):
        services.commend(None, wang, title="招商引资能手", reason="事迹", date=DAY, projects=[theirs])
