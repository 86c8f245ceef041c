"""The 干部任免审批表 of a promotion: the .docx has the records in the right cells, the .lrmx reads back,
exports are audited and masked by role, the pages answer 404 outside the scope and 403 to the wrong role,
and an uploaded .lrmx goes into the profile after a preview."""

import datetime as dt
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from cadreforge.accounts.models import Role
from cadreforge.audit.models import AuditEntry
from cadreforge.core import crypto
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.evaluation import appointment, services
from cadreforge.people import lrmx
from cadreforge.people.services import update_form_profile
from tests.builders import make_participant, make_program, make_user

pytestmark = pytest.mark.django_db
ID_NUMBER = "11010519491231002X"


@pytest.fixture
def program():
    return make_program("appointment-form")


@pytest.fixture
def rec(program):
    xu = make_participant(
        program, "P001", name="徐鹏飞", id_number=ID_NUMBER, gender="M", birth_month=dt.date(1993, 5, 1)
    )
    update_form_profile(
        None, xu.cadre, ethnicity="汉族", native_place="江苏淮安", health="健康", fulltime_education="大学",
        fulltime_school="南京财经大学经济学专业",
        resume=[(dt.date(2011, 9, 1), dt.date(2015, 7, 1), "南京财经大学经济学专业学习"),
                (dt.date(2015, 8, 1), None, "经开区投资促进局科员")],
        assessments={2020: "称职", 2021: "优秀", 2022: "优秀"},
        family=[lrmx.FamilyMember("父亲", "徐建国", dt.date(1965, 3, 1), "中共党员", "淮安市某公司职员")],
    )  # fmt: skip
    honour = services.commend(
        None, xu, title="“双百日竞赛”招商引资能手", reason="协助招引项目", date=dt.date(2022, 10, 10)
    )
    return services.recommend_promotion(
        None, xu, from_post="经开区投资促进局科员", to_post="街道党政正职",
        reason="多年坚守项目招引服务一线，招商业绩突出", commendations=[honour],
    )  # fmt: skip


@pytest.fixture
def manager(program):
    return make_user(Role.PROGRAM_MANAGER, programs_granted=[program])


def _cell_after(document, label: str) -> str:
    """The text of the first cell right of the cell whose text (line breaks removed) is `label`."""
    for table in document.tables:
        for row in table.rows:
            cells = row.cells
            for i, cell in enumerate(cells):
                if cell.text.replace("\n", "") == label:
                    following = [c for c in cells[i + 1 :] if c._tc is not cell._tc]
                    return following[0].text
    raise AssertionError(f"no cell labelled {label}")


def test_the_docx_has_the_records_in_the_right_cells(rec, manager):
    name, data = appointment.export_form(manager, rec, "docx", reason="报送市委组织部审批")
    document = docx.Document(io.BytesIO(data))
    assert name.endswith(".docx") and "徐鹏飞" in name
    assert _cell_after(document, "姓名") == "徐鹏飞"
    assert _cell_after(document, "性别") == "男"
    assert _cell_after(document, "民族") == "汉族"
    assert _cell_after(document, "现任职务") == "经开区投资促进局科员"
    assert _cell_after(document, "拟任职务") == "街道党政正职"
    assert _cell_after(document, "拟免职务") == "经开区投资促进局科员"
    assert _cell_after(document, "任免理由") == "多年坚守项目招引服务一线，招商业绩突出"
    assert _cell_after(document, "奖惩情况") == "2022.10 被评为“双百日竞赛”招商引资能手。"
    assert _cell_after(document, "年度考核结果") == "2020年度考核称职；2021年度考核优秀；2022年度考核优秀。"
    assert _cell_after(document, "简历").splitlines()[0] == "2011.09--2015.07  南京财经大学经济学专业学习"
    assert _cell_after(document, "家庭主要成员及重要社会关系") == "称谓"
    family_row = next(r for t in document.tables for r in t.rows if r.cells[1].text == "父亲")
    assert [c.text for c in family_row.cells[2:5]] == ["徐建国", "1965.03", "中共党员"]
    assert "所在单位党组织推荐：待审批" in _cell_after(document, "审批机关意见")


def test_the_lrmx_reads_back_with_the_posts_reason_and_rewards(rec, manager):
    _name, data = appointment.export_form(manager, rec, "lrmx", reason="报送市委组织部审批")
    form = lrmx.read(data)
    assert (form.name, form.current_post, form.proposed_post) == (
        "徐鹏飞",
        "经开区投资促进局科员",
        "街道党政正职",
    )
    assert form.reason == rec.reason and "招商引资能手" in form.rewards
    assert form.id_number == ID_NUMBER and form.family[0].name == "徐建国"


def test_every_export_is_audited_with_whether_personal_data_was_shown_and_why(rec, manager):
    appointment.export_form(manager, rec, "lrmx", reason="报送市委组织部审批")
    entry = AuditEntry.objects.get(action="appointment_form.export")
    assert entry.actor == manager and entry.changes["format"] == "lrmx"
    assert entry.changes["personal_data"] == "clear"
    assert entry.changes["reason"] == "报送市委组织部审批"


def test_without_a_reason_even_the_manager_gets_personal_data_masked(rec, manager):
    form = lrmx.read(appointment.export_form(manager, rec, "lrmx")[1])
    assert form.id_number == "110***********002X" and form.family[0].name == "徐**"
    assert AuditEntry.objects.get(action="appointment_form.export").changes["personal_data"] == "masked"


def test_an_empty_reason_is_refused_and_nothing_is_exported(rec, manager):
    with pytest.raises(DomainError, match="须填写理由"):
        appointment.export_form(manager, rec, "docx", reason="  ")
    assert not AuditEntry.objects.filter(action="appointment_form.export").exists()


def test_a_role_that_may_not_reveal_cannot_export_in_clear_even_with_a_reason(rec):
    with pytest.raises(PermissionDenied):
        appointment.export_form(make_user(Role.SYSTEM_ADMIN), rec, "lrmx", reason="想看看")


def test_the_page_exports_in_clear_only_by_post_with_a_reason(rec, login, manager):
    client = login(manager)
    url = reverse("evaluation:appointment-download", args=[rec.participant.program.code, rec.pk, "lrmx"])
    masked = client.get(url)
    assert lrmx.read(masked.content).id_number == "110***********002X"
    assert "X-Personal-Data" not in masked
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 302 and "/appointment" in refused["Location"]
    clear = client.post(url, {"reason": "报送市委组织部审批"})
    assert clear["X-Personal-Data"] == "revealed" and clear["Cache-Control"] == "no-store"
    assert lrmx.read(clear.content).id_number == ID_NUMBER


def test_a_role_that_may_not_see_personal_data_gets_it_masked(rec):
    form = lrmx.read(appointment.export_form(make_user(Role.SYSTEM_ADMIN), rec, "lrmx")[1])
    assert form.id_number == "110***********002X"
    assert form.family[0].name == "徐**" and form.family[0].birth_month is None
    assert AuditEntry.objects.get(action="appointment_form.export").changes["personal_data"] == "masked"


def test_the_form_page_lists_what_the_profile_still_lacks(rec, login, manager):
    page = login(manager).get(reverse("evaluation:appointment", args=[rec.participant.program.code, rec.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "档案尚缺以下项目" in text and "出生地" in text and "参加工作时间" in text
    assert "民族" not in text.split("档案尚缺以下项目")[1].split("</section>")[0]


def test_the_manager_downloads_both_files(rec, login, manager):
    client = login(manager)
    for fmt in ("docx", "lrmx"):
        response = client.get(
            reverse("evaluation:appointment-download", args=[rec.participant.program.code, rec.pk, fmt])
        )
        assert response.status_code == 200
        assert (
            "attachment" in response["Content-Disposition"] and f".{fmt}" in response["Content-Disposition"]
        )
    assert AuditEntry.objects.filter(action="appointment_form.export").count() == 2


def test_a_leader_sees_the_promotion_but_may_not_export(rec, login):
    url = reverse("evaluation:appointment-download", args=[rec.participant.program.code, rec.pk, "docx"])
    assert login(Role.LEADER).get(url).status_code == 403
    assert not AuditEntry.objects.filter(action="appointment_form.export").exists()


def test_a_manager_of_another_program_gets_404(rec, login):
    other = make_user(Role.PROGRAM_MANAGER, programs_granted=[make_program("other-program")])
    code = rec.participant.program.code
    assert login(other).get(reverse("evaluation:appointment", args=[code, rec.pk])).status_code == 404
    url = reverse("evaluation:appointment-download", args=[code, rec.pk, "lrmx"])
    assert login(other).get(url).status_code == 404
    assert (
        login(other).get(reverse("evaluation:profile-import", args=[rec.participant.cadre.pk])).status_code
        == 404
    )


def _upload(form: lrmx.AppointmentForm, name: str = "徐鹏飞.lrmx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, lrmx.write(form), content_type="application/xml")


def test_an_uploaded_lrmx_is_previewed_then_imported_and_audited(rec, login, manager):
    cadre = rec.participant.cadre
    url = reverse("evaluation:profile-import", args=[cadre.pk])
    client = login(manager)
    new = lrmx.AppointmentForm(name="徐鹏飞", birthplace="江苏涟水", work_start_month=dt.date(2015, 8, 1))
    preview = client.post(url, {"file": _upload(new)})
    text = preview.content.decode()
    assert "出生地" in text and "江苏涟水" in text and "确认导入" in text
    cadre.refresh_from_db()
    assert cadre.birthplace == ""
    token = preview.context["token"]
    done = client.post(url, {"token": token})
    assert done.status_code == 302 and done["Location"] == reverse("web:cadre-detail", args=[cadre.pk])
    cadre.refresh_from_db()
    assert (cadre.birthplace, cadre.work_start_month) == ("江苏涟水", dt.date(2015, 8, 1))
    entry = AuditEntry.objects.get(action="cadre.lrmx_import")
    assert entry.changes["changes"]["birthplace"] == {"before": "—", "after": "江苏涟水"}


def test_an_uploaded_file_of_someone_else_shows_a_chinese_error_and_changes_nothing(rec, login, manager):
    cadre = rec.participant.cadre
    url = reverse("evaluation:profile-import", args=[cadre.pk])
    response = login(manager).post(
        url, {"file": _upload(lrmx.AppointmentForm(name="张三", birthplace="北京"))}
    )
    assert "文件中的姓名“张三”与干部“徐鹏飞”不一致" in response.content.decode()
    cadre.refresh_from_db()
    assert cadre.birthplace == ""


def test_a_tampered_confirmation_is_refused(rec, login, manager):
    cadre = rec.participant.cadre
    response = login(manager).post(reverse("evaluation:profile-import", args=[cadre.pk]), {"token": "x:y"})
    assert "确认信息无效" in response.content.decode()


def test_the_previewed_file_waits_encrypted_on_the_server_not_in_the_page(rec, login, manager, settings):
    """The file holds the ID number in clear and, with a photo, may be larger than a form field may be:
    the page carries only a short signed name, the file waits encrypted, and is gone once imported."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 20_000  # the file below is bigger than any form field may be
    cadre = rec.participant.cadre
    url = reverse("evaluation:profile-import", args=[cadre.pk])
    client = login(manager)
    photo = Image.effect_noise((200, 280), 90).convert("RGB")
    out = io.BytesIO()
    photo.save(out, "PNG")
    new = lrmx.AppointmentForm(name="徐鹏飞", birthplace="江苏涟水", photo=out.getvalue())
    assert len(lrmx.write(new)) > 40_000

    preview = client.post(url, {"file": _upload(new)})
    token = preview.context["token"]
    assert len(token) < 500
    kept = list((settings.MEDIA_ROOT / "lrmx-pending").iterdir())
    assert len(kept) == 1 and crypto.is_encrypted_bytes(kept[0].read_bytes())

    other = login(Role.PROGRAM_MANAGER, programs_granted=[rec.participant.program])
    refused = other.post(url, {"token": token})
    assert "不是您的预览" in refused.content.decode()

    done = client.post(url, {"token": token})
    assert done.status_code == 302
    cadre.refresh_from_db()
    assert cadre.birthplace == "江苏涟水" and cadre.photo == out.getvalue()
    assert not list((settings.MEDIA_ROOT / "lrmx-pending").iterdir())
    again = client.post(url, {"token": token})
    assert "预览的文件已不在" in again.content.decode()


def test_only_a_manager_may_open_the_import_page(rec, login):
    url = reverse("evaluation:profile-import", args=[rec.participant.cadre.pk])
    assert login(Role.LEADER).get(url).status_code == 403


def test_the_promotion_page_offers_the_downloads_to_its_manager_only(rec, login, manager):
    code = rec.participant.program.code
    url = reverse("evaluation:promotion", args=[code, rec.pk])
    docx_url = reverse("evaluation:appointment-download", args=[code, rec.pk, "docx"])
    assert docx_url in login(manager).get(url).content.decode()
    assert docx_url not in login(Role.LEADER).get(url).content.decode()
