"""The import page: upload → background validation → report → confirm → background import → result;
refused files offer the annotated workbook; only writers may import and only the owner sees a job."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from cadreforge.accounts.models import Role
from cadreforge.audit.models import AuditEntry
from cadreforge.core.errors import PermissionDenied
from cadreforge.exchange.models import ImportJob
from cadreforge.exchange.services import export_workbook
from cadreforge.pipeline.models import Visit
from cadreforge.programs.models import Program

from ..builders import make_participant, make_program, make_user
from .test_ledger_support import good_sheets, write_book

pytestmark = pytest.mark.usefixtures("immediate_tasks")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def immediate_tasks():
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    ):
        yield


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(client, tmp_path, sheets, name="台账.xlsx"):
    data = write_book(tmp_path / "upload.xlsx", sheets).read_bytes()
    return client.post(reverse("exchange:import"), {"file": SimpleUploadedFile(name, data, XLSX)})


def test_upload_validate_confirm_and_import(login, tmp_path):
    client = login(Role.SYSTEM_ADMIN)
    page = client.get(reverse("exchange:import"))
    assert "上传并校验" in page.content.decode()
    response = upload(client, tmp_path, good_sheets())
    job = ImportJob.objects.get()
    assert response.url == reverse("exchange:job", args=[job.pk])
    report = client.get(response.url).content.decode()
    assert "校验通过，待确认" in report and "确认导入" in report
    assert not Program.objects.exists()  # validation wrote nothing
    status = client.get(reverse("exchange:job-status", args=[job.pk])).content.decode()
    assert "走访" in status and "hx-get" not in status  # finished: no more polling
    client.post(reverse("exchange:job-confirm", args=[job.pk]))
    result = client.get(reverse("exchange:job", args=[job.pk])).content.decode()
    assert "导入完成" in result
    assert Visit.objects.count() == 3
    job.refresh_from_db()
    assert job.counts["走访"] == {"created": 3, "updated": 0, "unchanged": 0}


def test_a_refused_file_lists_problems_and_offers_the_annotated_workbook(login, tmp_path):
    client = login(Role.SYSTEM_ADMIN)
    sheets = good_sheets()
    sheets["走访"][2][0] = "2024-02-30"
    upload(client, tmp_path, sheets)
    job = ImportJob.objects.get()
    page = client.get(reverse("exchange:job", args=[job.pk])).content.decode()
    assert "校验未通过" in page and "日期“2024-02-30”不存在" in page and "确认导入" not in page
    download = client.get(reverse("exchange:job-annotated", args=[job.pk]))
    wb = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    cell = wb["走访"]["A3"]
    assert "日期“2024-02-30”不存在" in cell.comment.text
    assert cell.fill.fgColor.rgb.endswith("FFC7CE")
    assert "走访!走访日期 3" in [c.value for c in wb["导入问题"]["A"]]
    assert client.post(reverse("exchange:job-confirm", args=[job.pk])).status_code == 409


def test_a_user_who_may_not_write_is_refused(login, tmp_path):
    client = login(Role.LEADER)
    refused = client.get(reverse("exchange:import"))
    assert refused.status_code == 403
    page = refused.content.decode()  # the site's one 403 page, with the reason and the way back
    assert "您的角色无权修改计划数据。" in page and '<a href="/">返回首页</a>' in page
    assert upload(client, tmp_path, good_sheets()).status_code == 403
    assert not ImportJob.objects.exists()


def test_a_manager_cannot_import_into_a_program_not_granted(login, tmp_path):
    make_program("penglai-3360")
    client = login(Role.PROGRAM_MANAGER)
    upload(client, tmp_path, good_sheets())
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert "无权修改计划“penglai-3360”" in client.get(reverse("exchange:job", args=[job.pk])).content.decode()


def test_the_job_page_is_visible_only_to_its_owner(login, tmp_path):
    owner = login(Role.SYSTEM_ADMIN)
    upload(owner, tmp_path, good_sheets())
    job = ImportJob.objects.get()
    other = login(Role.SYSTEM_ADMIN)
    assert other.get(reverse("exchange:job", args=[job.pk])).status_code == 404
    assert other.post(reverse("exchange:job-confirm", args=[job.pk])).status_code == 404


def test_export_and_template_downloads(login, tmp_path):
    admin = login(Role.SYSTEM_ADMIN)
    upload(admin, tmp_path, good_sheets())
    admin.post(reverse("exchange:job-confirm", args=[ImportJob.objects.get().pk]))
    response = admin.get(reverse("exchange:export", args=["penglai-3360"]))
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert wb["干部"]["E2"].value == "110***********002X"  # masked on the web
    assert (
        login(Role.PROGRAM_MANAGER).get(reverse("exchange:export", args=["penglai-3360"])).status_code == 404
    )
    template = admin.get(reverse("exchange:template"))
    assert "说明" in load_workbook(io.BytesIO(b"".join(template.streaming_content))).sheetnames


@pytest.mark.parametrize("role", [Role.CADRE, Role.HOST_CONTACT])
def test_a_role_seeing_only_its_own_part_cannot_export_the_whole_ledger(login, role):
    program = make_program("penglai-3360")
    user = make_user(role, programs_granted=[] if role == Role.CADRE else [program])
    if role == Role.CADRE:
        make_participant(program, "P001", user=user)
    make_participant(program, "P002", name="别的干部")
    client = login(user)
    page = client.get(reverse("web:program-detail", args=["penglai-3360"]))
    assert page.status_code == 200 and "导出台账" not in page.content.decode()
    response = client.get(reverse("exchange:export", args=["penglai-3360"]))
    assert response.status_code == 403
    assert "不能导出" in response.content.decode()
    assert not AuditEntry.objects.filter(action="ledger.export").exists()
    with pytest.raises(PermissionDenied):
        export_workbook(user, program)
    leader = login(Role.LEADER)
    assert "导出台账" in leader.get(reverse("web:program-detail", args=["penglai-3360"])).content.decode()
    assert leader.get(reverse("exchange:export", args=["penglai-3360"])).status_code == 200
    assert AuditEntry.objects.filter(action="ledger.export").count() == 1
