"""Projects and their stage history: dates never go backwards, none past the current stage."""

import datetime as dt
from decimal import Decimal

import pytest

from cadreforge.audit.models import AuditEntry
from cadreforge.core.errors import DomainError
from cadreforge.core.stages import Stage
from cadreforge.pipeline import services as pipeline
from cadreforge.pipeline.models import Enterprise, Project
from tests.builders import make_participant, make_program, make_project

D = dt.date


@pytest.fixture
def program(db):
    return make_program("p1")


def _history(project: Project) -> list[tuple[int, dt.date | None]]:
    return list(project.stages.order_by("stage").values_list("stage", "date"))


def test_a_new_project_has_a_history_row_for_every_stage_reached(program):
    project = make_project(
        program,
        "X1",
        stage=Stage.SIGNED,
        stage_dates={Stage.INSPECTION: D(2023, 3, 1), Stage.SIGNED: D(2023, 6, 9)},
    )
    assert _history(project) == [(1, D(2023, 3, 1)), (2, None), (3, D(2023, 6, 9))]


def test_stage_dates_going_backwards_are_refused_naming_both_stages(program):
    with pytest.raises(DomainError) as exc_info:
        make_project(
            program,
            "X1",
            stage=Stage.SIGNED,
            stage_dates={Stage.INSPECTION: D(2023, 6, 1), Stage.SIGNED: D(2023, 5, 1)},
        )
    assert exc_info.value.message == "签约日期（2023-05-01）早于考察日期（2023-06-01）"
    assert not Project.objects.exists()


def test_a_date_for_a_stage_after_the_current_one_is_refused_naming_the_stages(program):
    with pytest.raises(DomainError) as exc_info:
        make_project(program, "X1", stage=Stage.INTENT, stage_dates={Stage.LANDED: D(2024, 1, 1)})
    assert exc_info.value.message == "当前阶段为意向，不应填写投产日期"


def test_updating_a_project_checks_its_new_dates_against_the_known_ones(program):
    make_project(program, "X1", stage=Stage.INSPECTION, stage_dates={Stage.INSPECTION: D(2023, 6, 1)})
    with pytest.raises(DomainError, match="签约日期（2023-01-01）早于考察日期（2023-06-01）"):
        make_project(program, "X1", stage=Stage.SIGNED, stage_dates={Stage.SIGNED: D(2023, 1, 1)})
    project = make_project(program, "X1", stage=Stage.SIGNED, stage_dates={Stage.SIGNED: D(2023, 9, 1)})
    assert _history(project) == [(1, D(2023, 6, 1)), (2, None), (3, D(2023, 9, 1))]


def test_moving_a_project_forward_adds_the_stages_passed(program):
    project = make_project(program, "X1", stage_dates={Stage.INSPECTION: D(2023, 3, 1)})
    pipeline.change_project_stage(None, project, Stage.STARTED, D(2023, 10, 1))
    project.refresh_from_db()
    assert project.stage == Stage.STARTED
    assert _history(project) == [(1, D(2023, 3, 1)), (2, None), (3, None), (4, D(2023, 10, 1))]


def test_moving_a_project_back_drops_the_stages_it_no_longer_reached(program):
    project = make_project(
        program,
        "X1",
        stage=Stage.LANDED,
        stage_dates={Stage.SIGNED: D(2023, 5, 1), Stage.LANDED: D(2023, 11, 1)},
    )
    pipeline.change_project_stage(None, project, Stage.INTENT, None)
    project.refresh_from_db()
    assert project.stage == Stage.INTENT
    assert [s for s, _ in _history(project)] == [1, 2]


def test_moving_a_project_to_a_date_before_an_earlier_stage_is_refused(program):
    project = make_project(program, "X1", stage_dates={Stage.INSPECTION: D(2023, 3, 1)})
    with pytest.raises(DomainError, match="签约日期（2023-02-01）早于考察日期（2023-03-01）"):
        pipeline.change_project_stage(None, project, Stage.SIGNED, D(2023, 2, 1))
    project.refresh_from_db()
    assert project.stage == Stage.INSPECTION and _history(project) == [(1, D(2023, 3, 1))]


def test_an_unknown_stage_number_is_refused_in_chinese(program):
    project = make_project(program, "X1")
    with pytest.raises(DomainError, match="未知的项目阶段“9”"):
        pipeline.change_project_stage(None, project, 9, None)


def test_a_negative_project_amount_is_refused(program):
    investor = pipeline.get_or_create_enterprise("大庄竹业集团")
    with pytest.raises(DomainError, match="投资额不能为负数"):
        pipeline.save_project(
            None,
            program,
            code="X1",
            name="竹业",
            investor=investor,
            stage=Stage.SIGNED,
            amount_yuan=Decimal(-1),
        )


def test_a_cadre_of_another_program_cannot_be_credited_with_a_project(program):
    outsider = make_participant(make_program("p2"), "P9")
    with pytest.raises(DomainError, match="不属于计划“p1”"):
        make_project(program, "X1", cadres=[outsider])


def test_an_enterprise_typed_in_traditional_and_simplified_is_one_enterprise(db):
    first = pipeline.get_or_create_enterprise("大莊竹業集團有限公司")
    assert pipeline.get_or_create_enterprise("大庄竹业集团") == first
    assert first.name == "大莊竹業集團有限公司"
    assert Enterprise.objects.count() == 1


def test_an_enterprise_found_by_name_gets_the_credit_code_given_later(db):
    first = pipeline.get_or_create_enterprise("大庄竹业集团")
    again = pipeline.get_or_create_enterprise("大莊竹業集團", uscc="91350100m000100y43")
    assert again == first
    first.refresh_from_db()
    assert first.uscc == "91350100M000100Y43"


def test_an_invalid_credit_code_is_refused_in_chinese(db):
    with pytest.raises(DomainError, match="统一社会信用代码校验码不正确"):
        pipeline.get_or_create_enterprise("大庄竹业集团", uscc="91350100M000100Y44")


def test_stage_changes_are_audited_with_both_stages(program):
    project = make_project(program, "X1")
    pipeline.change_project_stage(None, project, Stage.SIGNED, D(2023, 6, 1))
    entry = AuditEntry.objects.filter(action="project.stage").get()
    assert entry.changes == {"from": "考察", "to": "签约", "date": "2023-06-01"}


def test_a_lead_code_cannot_be_reassigned_to_another_cadre_even_by_a_manager(program):
    from cadreforge.accounts.models import Role
    from cadreforge.pipeline.models import Lead
    from tests.builders import make_user

    wang, li = make_participant(program, "P001"), make_participant(program, "P002")
    manager = make_user(Role.PROGRAM_MANAGER, programs_granted=[program])
    company = pipeline.get_or_create_enterprise("大庄竹业集团")
    pipeline.report_lead(manager, wang, company, code="L1", date=D(2024, 3, 1), content="户外竹材")
    with pytest.raises(DomainError, match="线索“L1”已由干部“P001”报送，不能改记为干部“P002”的线索"):
        pipeline.report_lead(manager, li, company, code="L1", date=D(2024, 3, 2), content="改写")
    lead = Lead.objects.get(program=program, code="L1")
    assert (lead.participant, lead.content) == (wang, "户外竹材")
    # The reporting cadre's own lead may still be updated under its code.
    pipeline.report_lead(manager, wang, company, code=" L1 ", date=D(2024, 3, 1), content="年产3万立方米")
    lead.refresh_from_db()
    assert lead.content == "年产3万立方米" and Lead.objects.filter(program=program).count() == 1
