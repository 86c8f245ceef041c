"""Reading an .lrmx file back into a cadre's profile: preview, all-or-nothing import, identity checks, audit."""

import datetime as dt

import pytest

from cadreforge.accounts.models import Role
from cadreforge.audit.models import AuditEntry
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.people import lrmx
from cadreforge.people.appointment import form_from_profile
from cadreforge.people.lrmx_import import import_lrmx, preview_lrmx_import
from cadreforge.people.models import Cadre
from cadreforge.people.services import remove_cadre_photo, set_cadre_photo, update_form_profile
from tests.builders import make_participant, make_program, make_user

from .photos import make_photo

pytestmark = pytest.mark.django_db
ID_NUMBER = "11010519491231002X"
FILE = lrmx.AppointmentForm(
    name="李明华",
    gender="男",
    birth_month=dt.date(1988, 3, 1),
    ethnicity="汉族",
    native_place="江苏淮安",
    birthplace="江苏涟水",
    party_join_month=dt.date(2009, 6, 1),
    work_start_month=dt.date(2011, 7, 1),
    health="健康",
    fulltime_education="大学",
    fulltime_degree="经济学学士",
    fulltime_school="南京财经大学国际经济与贸易专业",
    current_post="经开区投资促进局科员",
    proposed_post="街道党政正职",
    resume="2007.09--2011.07  南京财经大学国际经济与贸易专业学习\n2011.07--         经开区投资促进局科员",
    rewards="2020.12 被评为市优秀共产党员。",
    assessments="2021年度考核称职；2022年度考核优秀。",
    family=(lrmx.FamilyMember("妻子", "王芳", dt.date(1990, 1, 1), "群众", "淮安市某小学教师"),),
    id_number=ID_NUMBER,
)


@pytest.fixture
def program():
    return make_program("lrmx-import")


@pytest.fixture
def cadre(program):
    return make_participant(program, "P001", name="李明华", id_number=ID_NUMBER).cadre


@pytest.fixture
def manager(program):
    return make_user(Role.PROGRAM_MANAGER, programs_granted=[program])


def test_the_preview_lists_the_changes_and_writes_nothing(cadre, manager):
    plan = preview_lrmx_import(manager, cadre, lrmx.write(FILE))
    labels = {c.label for c in plan.changes}
    assert {"民族", "籍贯", "出生地", "简历", "年度考核结果", "家庭主要成员", "其他奖惩情况"} <= labels
    cadre.refresh_from_db()
    assert cadre.ethnicity == "" and not cadre.resume.exists()


def test_the_import_fills_the_profile_so_the_form_reads_back_the_same(cadre, manager):
    import_lrmx(manager, cadre, lrmx.write(FILE))
    cadre.refresh_from_db()
    assert (cadre.gender, cadre.birth_month, cadre.native_place) == ("M", dt.date(1988, 3, 1), "江苏淮安")
    assert cadre.resume.first().line == "2007.09--2011.07  南京财经大学国际经济与贸易专业学习"
    assert dict(cadre.assessments.values_list("year", "result")) == {2021: "称职", 2022: "优秀"}
    again = form_from_profile(cadre, reveal_personal=True)
    assert again.family == FILE.family
    assert (again.resume, again.assessments, again.id_number) == (FILE.resume, FILE.assessments, ID_NUMBER)


def test_the_import_is_audited_with_before_and_after_masked(cadre, manager):
    import_lrmx(manager, cadre, lrmx.write(FILE))
    entry = AuditEntry.objects.get(action="cadre.lrmx_import", object_id=str(cadre.pk))
    assert entry.actor == manager
    assert entry.changes["changes"]["native_place"] == {"before": "—", "after": "江苏淮安"}
    family = entry.changes["changes"]["family"]["after"]
    assert "王*" in family and "王芳" not in family and "1990" not in family


def test_an_empty_item_in_the_file_leaves_the_profile_alone(cadre, manager):
    update_form_profile(None, cadre, health="健康", ethnicity="回族")
    import_lrmx(manager, cadre, lrmx.write(lrmx.AppointmentForm(name="李明华", native_place="江苏淮安")))
    cadre.refresh_from_db()
    assert (cadre.ethnicity, cadre.native_place) == ("回族", "江苏淮安")


def test_another_persons_file_is_refused_by_name(cadre, manager):
    data = lrmx.write(lrmx.AppointmentForm(name="张三", ethnicity="汉族"))
    with pytest.raises(DomainError, match="文件中的姓名“张三”与干部“李明华”不一致"):
        import_lrmx(manager, cadre, data)


def test_another_persons_file_is_refused_by_id_number(cadre, manager):
    data = lrmx.write(lrmx.AppointmentForm(name="李明华", id_number="110105198001010032"))
    with pytest.raises(DomainError, match=r"身份证号 110\*+0032 与干部“李明华”登记的 110\*+002X 不一致"):
        import_lrmx(manager, cadre, data)


def test_a_masked_id_number_is_accepted_when_it_is_the_cadres_mask(cadre, manager):
    form = lrmx.AppointmentForm(name="李明华", id_number="110***********002X", health="健康")
    import_lrmx(manager, cadre, lrmx.write(form))
    cadre.refresh_from_db()
    assert cadre.health == "健康" and cadre.reveal_id_number() == ID_NUMBER


def test_a_bad_line_anywhere_changes_nothing(cadre, manager):
    broken = lrmx.write(
        lrmx.AppointmentForm(name="李明华", ethnicity="汉族", resume="2015.09--2011.07  倒序")
    )
    with pytest.raises(DomainError, match="简历第1行的截止年月早于起始年月"):
        import_lrmx(manager, cadre, broken)
    cadre.refresh_from_db()
    assert cadre.ethnicity == "" and not AuditEntry.objects.filter(action="cadre.lrmx_import").exists()


def test_a_file_that_is_not_an_lrmx_is_refused_in_chinese(cadre, manager):
    with pytest.raises(DomainError, match="根元素应为 Person"):
        preview_lrmx_import(manager, cadre, b"<Workbook/>")


def test_a_file_matching_the_profile_has_nothing_to_import(cadre, manager):
    import_lrmx(manager, cadre, lrmx.write(FILE))
    with pytest.raises(DomainError, match="没有需要更新的项目"):
        import_lrmx(manager, cadre, lrmx.write(FILE))


def test_unrecognised_assessment_text_is_a_warning_not_an_import(cadre, manager):
    form = lrmx.AppointmentForm(name="李明华", assessments="2022年度考核优秀；近三年表现突出")
    plan = preview_lrmx_import(manager, cadre, lrmx.write(form))
    assert plan.assessments == {2022: "优秀"}
    assert any("近三年表现突出" in w for w in plan.warnings)


def test_only_a_manager_of_the_cadres_program_may_import(cadre):
    data = lrmx.write(FILE)
    with pytest.raises(PermissionDenied):
        import_lrmx(make_user(Role.LEADER), cadre, data)
    with pytest.raises(PermissionDenied):
        import_lrmx(make_user(Role.PROGRAM_MANAGER, programs_granted=[make_program("other")]), cadre, data)


def test_the_preview_masks_family_members_for_a_role_that_may_not_see_personal_data(cadre):
    plan = preview_lrmx_import(make_user(Role.SYSTEM_ADMIN), cadre, lrmx.write(FILE))
    family = next(c for c in plan.changes if c.field == "family")
    assert "王芳" not in family.after and "王*" in family.after


def test_masked_family_members_of_a_masked_export_do_not_overwrite_the_profile(cadre, manager):
    import_lrmx(manager, cadre, lrmx.write(FILE))
    masked = lrmx.AppointmentForm(
        name="李明华",
        health="良好",
        family=(lrmx.FamilyMember("妻子", "王*", None, "群众", "淮安市某小学教师"),),
    )
    plan = import_lrmx(manager, cadre, lrmx.write(masked))
    assert "家庭成员姓名已脱敏" in plan.warnings[0]
    assert list(cadre.family.values_list("name", flat=True)) == ["王芳"]


# The photo ---------------------------------------------------------------------------------------------


def _with_photo(data: bytes, **items) -> bytes:
    return lrmx.write(lrmx.AppointmentForm(name="李明华", photo=data, **items))


def test_a_photo_in_the_file_is_previewed_then_imported_with_the_rest(cadre, manager):
    photo = make_photo("JPEG")
    plan = preview_lrmx_import(manager, cadre, _with_photo(photo, health="健康"))
    change = next(c for c in plan.changes if c.field == "photo")
    assert (change.label, change.before) == ("照片", "无")
    assert change.after == f"文件中的照片（{-(-len(photo) // 1024)} KB）"
    assert not plan.warnings and not Cadre.objects.get(pk=cadre.pk).has_photo
    import_lrmx(manager, cadre, _with_photo(photo, health="健康"))
    stored = Cadre.objects.get(pk=cadre.pk)
    assert bytes(stored.photo) == photo and stored.health == "健康"
    after = AuditEntry.objects.get(action="cadre.lrmx_import").changes["changes"]["photo"]["after"]
    assert after["bytes"] == len(photo) and set(after) == {"bytes", "sha256"}


def test_a_different_photo_replaces_the_profiles_and_the_same_one_is_no_change(cadre, manager):
    old, new = make_photo("JPEG"), make_photo("PNG")
    set_cadre_photo(manager, cadre, old)
    change = next(
        c for c in preview_lrmx_import(manager, cadre, _with_photo(new)).changes if c.field == "photo"
    )
    assert change.before == f"有（{-(-len(old) // 1024)} KB）"
    import_lrmx(manager, cadre, _with_photo(new))
    assert bytes(Cadre.objects.get(pk=cadre.pk).photo) == new
    with pytest.raises(DomainError, match="没有需要更新的项目"):
        import_lrmx(manager, cadre, _with_photo(new))


def test_a_file_without_a_photo_keeps_the_profiles(cadre, manager):
    photo = make_photo("PNG")
    set_cadre_photo(manager, cadre, photo)
    import_lrmx(manager, cadre, lrmx.write(FILE))
    assert bytes(Cadre.objects.get(pk=cadre.pk).photo) == photo


def test_an_invalid_photo_stops_the_whole_import(cadre, manager):
    for data, message in ((make_photo("GIF"), "文件中的照片应为 JPEG 或 PNG 图片"),
                          (make_photo("PNG", (20, 20)), "文件中的照片太小")):  # fmt: skip
        with pytest.raises(DomainError, match=message):
            preview_lrmx_import(manager, cadre, _with_photo(data, ethnicity="汉族"))
        with pytest.raises(DomainError, match=message):
            import_lrmx(manager, cadre, _with_photo(data, ethnicity="汉族"))
    cadre.refresh_from_db()
    assert cadre.ethnicity == "" and not cadre.has_photo
    assert not AuditEntry.objects.filter(action="cadre.lrmx_import").exists()


def test_the_exported_photo_reads_back_into_another_profile_unchanged(cadre, manager):
    photo = make_photo("JPEG")
    set_cadre_photo(manager, cadre, photo)
    exported = lrmx.write(form_from_profile(Cadre.objects.get(pk=cadre.pk), reveal_personal=True))
    assert lrmx.read(exported).photo == photo
    remove_cadre_photo(manager, cadre)
    import_lrmx(manager, cadre, exported)
    assert bytes(Cadre.objects.get(pk=cadre.pk).photo) == photo
