"""The database itself refuses bad pipeline rows, even when a service is bypassed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from cadreforge.core.stages import Stage
from cadreforge.pipeline.models import Enterprise, Lead, Project, ProjectStage, Visit
from tests.builders import make_lead, make_participant, make_program, make_project


def _refused(create) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.fixture
def program(db):
    return make_program("p1")


@pytest.mark.parametrize("stage", [0, 6])
def test_a_project_stage_outside_one_to_five_is_refused(program, stage):
    investor = Enterprise.objects.create(name="大庄竹业集团")
    _refused(
        lambda: Project.objects.create(
            program=program, code="X1", name="竹业项目", investor=investor, stage=stage
        )
    )
    project = make_project(program, "X2")
    _refused(lambda: Project.objects.filter(pk=project.pk).update(stage=stage))
    _refused(lambda: ProjectStage.objects.filter(project=project).update(stage=stage))


def test_a_project_code_is_unique_within_its_program(program):
    make_project(program, "X1")
    investor = Enterprise.objects.get()
    _refused(
        lambda: Project.objects.create(
            program=program, code="X1", name="另一个", investor=investor, stage=Stage.INSPECTION
        )
    )


def test_a_project_stage_is_recorded_once(program):
    project = make_project(program, "X1")
    _refused(lambda: ProjectStage.objects.create(project=project, stage=Stage.INSPECTION))


def test_a_negative_project_amount_is_refused(program):
    project = make_project(program, "X1", amount_wan="100")
    _refused(lambda: Project.objects.filter(pk=project.pk).update(amount_yuan=Decimal("-0.01")))


def test_a_negative_expected_lead_amount_is_refused(program):
    lead = make_lead(make_participant(program), "大庄竹业集团")
    _refused(lambda: Lead.objects.filter(pk=lead.pk).update(expected_amount_yuan=Decimal("-1")))
    Lead.objects.filter(pk=lead.pk).update(expected_amount_yuan=Decimal("0"))


def test_an_enterprise_is_stored_once_under_its_traditional_and_simplified_names(db):
    Enterprise.objects.create(name="大莊竹業集團有限公司")
    _refused(lambda: Enterprise.objects.create(name="大庄竹业集团"))


def test_an_enterprise_needs_a_name(db):
    _refused(lambda: Enterprise.objects.create(name="  "))


def test_a_credit_code_belongs_to_one_enterprise(db):
    Enterprise.objects.create(name="甲公司有限公司", uscc="91350100M000100Y43")
    _refused(lambda: Enterprise.objects.create(name="乙公司", uscc="91350100M000100Y43"))


def test_the_same_visit_is_recorded_once(program):
    participant = make_participant(program)
    enterprise = Enterprise.objects.create(name="大庄竹业集团")
    day = dt.date(2024, 3, 1)
    Visit.objects.create(program=program, participant=participant, enterprise=enterprise, date=day)
    _refused(
        lambda: Visit.objects.create(
            program=program, participant=participant, enterprise=enterprise, date=day
        )
    )
