"""Optimistic locking of projects (乐观锁): each edit through a service increments the version; an edit made
from an older version is refused with a message and changes nothing."""

import datetime as dt
from decimal import Decimal

import pytest

from cadreforge.accounts.models import Role
from cadreforge.api.services import create_token
from cadreforge.core.locking import StaleEdit
from cadreforge.core.stages import Stage
from cadreforge.pipeline import services as pipeline
from cadreforge.pipeline.models import Project
from cadreforge.pipeline.workflow import set_project_amounts

from ..builders import make_program, make_project, make_user

DAY = dt.date(2024, 3, 1)


@pytest.fixture
def project(db):
    program = make_program("penglai-3360")
    return make_project(program, "X1", stage=Stage.INSPECTION, stage_dates={Stage.INSPECTION: DAY})


def _stored(project) -> Project:
    return Project.objects.get(pk=project.pk)


def test_a_new_project_starts_at_version_1_and_each_edit_increments_it(project):
    assert project.version == 1
    pipeline.change_project_stage(None, project, Stage.INTENT, DAY + dt.timedelta(days=5), expected_version=1)
    set_project_amounts(None, _stored(project), arrived_yuan=Decimal("100"), expected_version=2)
    make_project(project.program, "X1", stage=Stage.INTENT, name="改名后的项目")  # save_project updates X1
    assert _stored(project).version == 4


def test_a_stale_stage_change_is_refused_and_changes_nothing(project):
    pipeline.change_project_stage(None, _stored(project), Stage.INTENT, DAY + dt.timedelta(days=5))
    with pytest.raises(StaleEdit, match=r"项目“X1 .*”已被他人修改.*请刷新后再试"):
        pipeline.change_project_stage(
            None, project, Stage.SIGNED, DAY + dt.timedelta(days=9), expected_version=1
        )
    stored = _stored(project)
    assert stored.stage == Stage.INTENT and stored.version == 2
    assert not stored.stages.filter(stage=Stage.SIGNED).exists()


def test_a_stale_amounts_edit_is_refused(project):
    set_project_amounts(None, _stored(project), arrived_yuan=Decimal("5"))
    with pytest.raises(StaleEdit):
        set_project_amounts(None, project, arrived_yuan=Decimal("9"), expected_version=1)
    assert _stored(project).arrived_yuan == Decimal("5")


def test_a_stale_save_project_is_refused(project):
    ent = project.investor
    pipeline.save_project(
        None, project.program, code="X1", name="同事改的", investor=ent, stage=Stage.INSPECTION
    )
    with pytest.raises(StaleEdit):
        pipeline.save_project(
            None,
            project.program,
            code="X1",
            name="我改的",
            investor=ent,
            stage=Stage.INSPECTION,
            expected_version=1,
        )
    assert _stored(project).name == "同事改的"


def _api(project):
    from django.test import Client

    _, clear = create_token(make_user(Role.PROGRAM_MANAGER, programs_granted=[project.program]), name="测试")
    return Client(HTTP_AUTHORIZATION=f"Bearer {clear}")


URL = "/api/v1/programs/penglai-3360/projects/X1/stage"


def test_the_api_stage_change_with_the_current_version_passes_and_returns_the_next(project):
    answer = _api(project).post(
        URL, {"stage": "意向", "date": "2024-03-06", "version": 1}, content_type="application/json"
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["version"] == 2 and answer.json()["stage"] == "intent"


def test_a_stale_api_stage_change_is_409_and_changes_nothing(project):
    pipeline.change_project_stage(None, _stored(project), Stage.INTENT, DAY + dt.timedelta(days=5))
    answer = _api(project).post(
        URL, {"stage": "签约", "date": "2024-03-10", "version": 1}, content_type="application/json"
    )
    assert answer.status_code == 409 and "已被他人修改" in answer.json()["detail"]
    assert _stored(project).stage == Stage.INTENT
