"""The pipeline pages: what a manager, a verifier and a cadre see and may do."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cadreforge.accounts.models import Role
from cadreforge.core.stages import Stage
from cadreforge.pipeline import workflow
from cadreforge.pipeline.models import StageEvidence
from tests.builders import make_participant, make_program, make_project, make_user

pytestmark = pytest.mark.urls("tests.pipeline.urls")
D = dt.date


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def program(db):
    program = make_program("p1", name="蓬莱3360")
    wang = make_participant(program, "P001", name="王明")
    make_project(
        program,
        "X1",
        name="天合光能一期",
        stage=Stage.SIGNED,
        cadres=[wang],
        amount_wan="300000",
        stage_dates={Stage.SIGNED: D(2024, 1, 5)},
    )
    return program


def _pdf(name="协议.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 agreement", content_type="application/pdf")


def test_the_project_list_shows_recorded_and_verified_totals_and_lights(login, program):
    client = login(make_user(Role.PROGRAM_MANAGER, programs_granted=[program]))
    page = client.get("/pipeline/p1/projects/").content.decode()
    assert 'data-figure="recorded-projects">1<' in page
    assert 'data-figure="verified-projects">0<' in page
    assert "天合光能一期" in page
    assert 'data-light="' in page
    assert "≥10亿元：1个" in page


def test_a_manager_uploads_the_signed_agreement_and_a_verifier_verifies_the_stage(login, program):
    manager = login(make_user(Role.PROGRAM_MANAGER, programs_granted=[program]))
    response = manager.post(
        "/pipeline/p1/projects/X1/stages/3/evidence/", {"title": "正式投资协议", "file": _pdf()}
    )
    assert response.status_code == 302
    evidence = StageEvidence.objects.get()
    assert evidence.title == "正式投资协议" and evidence.stage.stage == Stage.SIGNED
    detail = manager.get("/pipeline/p1/projects/X1/").content.decode()
    assert "正式投资协议" in detail and "待核验" in detail
    assert "/verify/" not in detail  # a manager has no verify button
    assert manager.get(f"/pipeline/p1/evidence/{evidence.pk}/").getvalue() == b"%PDF-1.4 agreement"

    verifier = login(make_user(Role.VERIFIER, programs_granted=[program]))
    assert (
        "/pipeline/p1/projects/X1/stages/3/verify/"
        in verifier.get("/pipeline/p1/projects/X1/").content.decode()
    )
    assert verifier.post("/pipeline/p1/projects/X1/stages/3/verify/").status_code == 302
    page = verifier.get("/pipeline/p1/projects/").content.decode()
    assert 'data-figure="verified-projects">1<' in page
    assert 'data-figure="verified-agreed">30亿元<' in page


def test_a_stage_verified_by_the_system_says_so_with_the_day_of_the_check(login, program):
    workflow.verify_stage(None, program.projects.get(), Stage.SIGNED, verified_on=D(2024, 1, 8))
    client = login(make_user(Role.PROGRAM_MANAGER, programs_granted=[program]))
    detail = client.get("/pipeline/p1/projects/X1/").content.decode()
    assert "系统导入 2024-01-08" in detail and "None" not in detail


def test_a_verifier_of_another_program_cannot_see_or_verify_the_project(login, program):
    outsider = login(make_user(Role.VERIFIER, programs_granted=[make_program("p2")]))
    assert outsider.post("/pipeline/p1/projects/X1/stages/3/verify/").status_code == 404
    assert outsider.get("/pipeline/p1/projects/X1/").status_code == 404


def test_a_verifier_may_not_upload_evidence(login, program):
    verifier = login(make_user(Role.VERIFIER, programs_granted=[program]))
    response = verifier.post("/pipeline/p1/projects/X1/stages/3/evidence/", {"title": "x", "file": _pdf()})
    assert response.status_code == 403
    assert not StageEvidence.objects.exists()


def test_an_executable_is_refused_as_evidence_with_a_message(login, program):
    manager = login(make_user(Role.PROGRAM_MANAGER, programs_granted=[program]))
    response = manager.post(
        "/pipeline/p1/projects/X1/stages/3/evidence/", {"file": _pdf("协议.exe")}, follow=True
    )
    assert "文件类型不受支持" in response.content.decode()
    assert not StageEvidence.objects.exists()


def test_stalled_projects_list_their_responsible_cadres(login, program):
    client = login(make_user(Role.PROGRAM_MANAGER, programs_granted=[program]))
    page = client.get("/pipeline/p1/projects/stalled/").content.decode()
    row = page.split('data-project="X1"')[1].split("</tr>")[0]
    name = program.participants.get(code="P001").cadre.name
    assert f'{name}<span class="muted small">（P001）</span>' in row  # who to call, not only a code


def test_a_cadre_sees_only_their_own_credit_and_no_conflicts(login, program):
    other = make_participant(program, "P002", name="李华")
    make_project(program, "X2", stage=Stage.INTENT, cadres=[other])
    cadre_user = make_user(Role.CADRE)
    wang = program.participants.get(code="P001").cadre
    wang.user = cadre_user
    wang.save(update_fields=["user"])
    page = login(cadre_user).get("/pipeline/p1/credit/").content.decode()
    assert 'data-cadre="P001"' in page and 'data-cadre="P002"' not in page
    assert "归属冲突" not in page


def test_the_talent_list_filters_by_field(login, program):
    from cadreforge.pipeline.services import record_talent

    record_talent(None, program, name="张博士", level="high_level", field="新材料")
    record_talent(None, program, name="陈工", level="scarce", field="集成电路")
    client = login(make_user(Role.PROGRAM_MANAGER, programs_granted=[program]))
    page = client.get("/pipeline/p1/talents/?field=新材料").content.decode()
    assert "张博士" in page and "陈工" not in page
