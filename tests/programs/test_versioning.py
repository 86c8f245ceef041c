"""Optimistic locking of programs (乐观锁): the edit page, the API and the service refuse a save made from an
older version than the one stored, say so in Chinese, and change nothing."""

import pytest

from cadreforge.accounts.models import Role
from cadreforge.api.services import create_token
from cadreforge.audit.models import AuditEntry
from cadreforge.core.errors import DomainError
from cadreforge.core.locking import StaleEdit
from cadreforge.programs import services as programs
from cadreforge.programs.models import Program

from ..builders import make_program, make_user


@pytest.fixture
def program(db):
    return make_program("penglai-3360", name="蓬莱挂职")


def test_every_edit_through_the_service_increments_the_version(program):
    programs.update_program(None, program, region="烟台市蓬莱区")
    programs.update_program(None, program, expected_version=2, organiser="烟台市委组织部")
    assert Program.objects.get(pk=program.pk).version == 3


def test_a_stale_save_is_refused_and_changes_nothing(program):
    programs.update_program(None, Program.objects.get(pk=program.pk), expected_version=1, name="同事改的名称")
    updates = AuditEntry.objects.filter(action="program.update").count()
    with pytest.raises(StaleEdit, match=r"已被他人修改.*请刷新后再试"):
        programs.update_program(None, program, expected_version=1, name="我改的名称")
    stored = Program.objects.get(pk=program.pk)
    assert stored.name == "同事改的名称" and stored.version == 2
    assert AuditEntry.objects.filter(action="program.update").count() == updates


def test_a_refused_edit_does_not_use_up_the_version(program):
    with pytest.raises(DomainError, match="名称不能为空"):
        programs.update_program(None, program, expected_version=1, name="  ")
    programs.update_program(None, program, expected_version=1, name="新名称")
    assert Program.objects.get(pk=program.pk).version == 2


def _editor(login, program):
    return login(Role.PROGRAM_MANAGER, programs_granted=[program])


def test_the_edit_form_carries_the_version_as_a_hidden_field(login, program):
    html = _editor(login, program).get("/programs/penglai-3360/edit/").content.decode()
    assert 'type="hidden" name="version" value="1"' in html
    assert "蓬莱挂职" in html


def test_saving_the_edit_form_saves_and_increments(login, program):
    client = _editor(login, program)
    response = client.post(
        "/programs/penglai-3360/edit/", {"name": "蓬莱“3360”工程", "region": "蓬莱", "version": "1"}
    )
    assert response.status_code == 302 and response["Location"] == "/programs/penglai-3360/"
    stored = Program.objects.get(pk=program.pk)
    assert (stored.name, stored.region, stored.version) == ("蓬莱“3360”工程", "蓬莱", 2)


def test_a_form_saved_after_a_colleague_gets_a_message_and_overwrites_nothing(login, program):
    client = _editor(login, program)
    programs.update_program(None, program, expected_version=1, name="同事改的名称")
    response = client.post("/programs/penglai-3360/edit/", {"name": "我改的名称", "version": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "已被他人修改" in html and "请刷新后再试" in html
    assert 'name="version" value="2"' in html and "同事改的名称" in html  # the current state, to redo
    assert Program.objects.get(pk=program.pk).name == "同事改的名称"


@pytest.mark.parametrize("role", [Role.LEADER, Role.CADRE, Role.AUDITOR])
def test_roles_that_may_not_write_get_403_and_no_edit_link(login, program, role):
    client = login(role, programs_granted=[program]) if role == Role.CADRE else login(role)
    assert client.get("/programs/penglai-3360/edit/").status_code in (403, 404)
    if role != Role.CADRE:
        assert "修改计划信息" not in client.get("/programs/penglai-3360/").content.decode()


def test_a_manager_sees_the_edit_link(login, program):
    assert (
        "/programs/penglai-3360/edit/"
        in _editor(login, program).get("/programs/penglai-3360/").content.decode()
    )


def test_a_manager_of_another_program_gets_404(login, program):
    client = login(Role.PROGRAM_MANAGER, programs_granted=[make_program("xiaoshan")])
    assert client.get("/programs/penglai-3360/edit/").status_code == 404


def _api(program):
    from django.test import Client

    _, clear = create_token(make_user(Role.PROGRAM_MANAGER, programs_granted=[program]), name="测试")
    return Client(HTTP_AUTHORIZATION=f"Bearer {clear}")


def test_the_api_shows_the_version_and_accepts_an_edit_with_it(program):
    api = _api(program)
    assert api.get("/api/v1/programs/penglai-3360").json()["version"] == 1
    answer = api.patch(
        "/api/v1/programs/penglai-3360", {"region": "蓬莱区", "version": 1}, content_type="application/json"
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["version"] == 2 and answer.json()["region"] == "蓬莱区"


def test_a_stale_api_edit_is_409_in_chinese_and_changes_nothing(program):
    api = _api(program)
    programs.update_program(None, program, expected_version=1, region="同事改的")
    answer = api.patch(
        "/api/v1/programs/penglai-3360", {"region": "我改的", "version": 1}, content_type="application/json"
    )
    assert answer.status_code == 409 and "已被他人修改" in answer.json()["detail"]
    assert Program.objects.get(pk=program.pk).region == "同事改的"


def test_an_api_edit_without_a_version_is_refused(program):
    answer = _api(program).patch(
        "/api/v1/programs/penglai-3360", {"region": "x"}, content_type="application/json"
    )
    assert answer.status_code == 422


def test_a_back_office_change_moves_the_version_on_so_an_older_form_is_refused(program, rf):
    from types import SimpleNamespace

    from django.contrib import admin

    request = rf.post("/admin/programs/program/")
    request.user = make_user(Role.SYSTEM_ADMIN)
    opened_before = Program.objects.get(pk=program.pk)
    program.region = "后台改的"
    admin.site._registry[Program].save_model(request, program, SimpleNamespace(changed_data=["region"]), True)
    assert Program.objects.get(pk=program.pk).version == 2
    with pytest.raises(StaleEdit):
        programs.update_program(
            None, opened_before, expected_version=opened_before.version, region="表单改的"
        )
    assert Program.objects.get(pk=program.pk).region == "后台改的"
