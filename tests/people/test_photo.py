"""The cadre's photo: only a JPEG or PNG of sensible size is kept; setting and removing it is permission-checked
and audited without the picture; both exports of the 干部任免审批表 carry it."""

import datetime as dt
import io

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadreforge.accounts.models import Role
from cadreforge.audit.models import AuditEntry
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.evaluation import appointment, services
from cadreforge.people import lrmx
from cadreforge.people.appointment import form_from_profile
from cadreforge.people.models import Cadre
from cadreforge.people.photo import MAX_BYTES, check_photo
from cadreforge.people.services import remove_cadre_photo, set_cadre_photo
from tests.builders import make_participant, make_program, make_user

from .photos import make_photo

JPEG = make_photo("JPEG")
PNG = make_photo("PNG")


# check_photo -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [JPEG, PNG], ids=["jpeg", "png"])
def test_a_jpeg_or_png_photo_is_accepted_as_it_is(data):
    assert check_photo(data) == data


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "WEBP", "TIFF"])
def test_another_image_format_is_refused_in_chinese(fmt):
    with pytest.raises(DomainError, match="照片应为 JPEG 或 PNG 图片"):
        check_photo(make_photo(fmt))


def test_text_or_a_truncated_jpeg_is_refused_in_chinese():
    for data in (b"not a picture", "照片".encode(), JPEG[: len(JPEG) // 2]):
        with pytest.raises(DomainError, match="照片应为 JPEG 或 PNG 图片"):
            check_photo(data)


def test_an_empty_photo_is_refused():
    with pytest.raises(DomainError, match="照片是空的"):
        check_photo(b"")


def test_a_photo_over_2_mb_is_refused_before_it_is_decoded():
    with pytest.raises(DomainError, match="照片不能超过 2 MB"):
        check_photo(JPEG + b"\0" * (MAX_BYTES - len(JPEG) + 1))


@pytest.mark.parametrize(
    ("size", "message"),
    [
        ((59, 200), "照片太小（59×200 像素）"),
        ((100, 79), "照片太小"),
        ((4001, 300), "照片太大（4001×300 像素）"),
    ],
)
def test_a_photo_of_unfit_pixel_size_is_refused(size, message):
    with pytest.raises(DomainError, match=message):
        check_photo(make_photo("PNG", size))


def test_the_smallest_and_largest_sizes_are_accepted():
    for size in ((60, 80), (4000, 90)):
        check_photo(make_photo("PNG", size))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.one_of(
        st.binary(max_size=512),
        st.builds(lambda cut, noise: JPEG[:cut] + noise, st.integers(0, len(JPEG)), st.binary(max_size=64)),
        st.builds(lambda cut, noise: PNG[:cut] + noise, st.integers(0, len(PNG)), st.binary(max_size=64)),
        st.builds(lambda at, byte: PNG[:at] + bytes([byte]) + PNG[at + 1 :], st.integers(0, len(PNG) - 1),
                  st.integers(0, 255)),
    )
)  # fmt: skip
def test_any_bytes_are_either_a_photo_or_a_chinese_domain_error(data):
    try:
        assert check_photo(data) == data
    except DomainError as exc:
        assert exc.message.startswith("照片"), exc.message


# Services ----------------------------------------------------------------------------------------------


@pytest.fixture
def program(db):
    return make_program("photo")


@pytest.fixture
def cadre(program):
    return make_participant(program, "P001", name="徐鹏飞").cadre


@pytest.fixture
def manager(program):
    return make_user(Role.PROGRAM_MANAGER, programs_granted=[program])


def test_a_manager_sets_the_photo_and_the_audit_keeps_only_size_and_digest(cadre, manager):
    set_cadre_photo(manager, cadre, JPEG)
    assert bytes(Cadre.objects.get(pk=cadre.pk).photo) == JPEG
    entry = AuditEntry.objects.filter(action="cadre.photo").latest("id")
    assert entry.changes["photo"]["bytes"] == len(JPEG) and len(entry.changes["photo"]["sha256"]) == 12
    assert "replaced" not in entry.changes
    set_cadre_photo(manager, cadre, PNG)
    replaced = AuditEntry.objects.filter(action="cadre.photo").latest("id").changes
    assert replaced["photo"]["bytes"] == len(PNG) and replaced["replaced"]["bytes"] == len(JPEG)


def test_a_bad_photo_changes_nothing(cadre, manager):
    set_cadre_photo(manager, cadre, JPEG)
    with pytest.raises(DomainError, match="照片应为 JPEG 或 PNG"):
        set_cadre_photo(manager, cadre, b"GIF89a")
    assert bytes(Cadre.objects.get(pk=cadre.pk).photo) == JPEG
    assert AuditEntry.objects.filter(action="cadre.photo").count() == 1


def test_a_manager_of_another_program_or_a_read_only_role_may_not_set_the_photo(cadre):
    for user in (make_user(Role.PROGRAM_MANAGER, programs_granted=[make_program("other")]),
                 make_user(Role.LEADER)):  # fmt: skip
        with pytest.raises(PermissionDenied):
            set_cadre_photo(user, cadre, JPEG)
        with pytest.raises(PermissionDenied):
            remove_cadre_photo(user, cadre)
    assert not Cadre.objects.get(pk=cadre.pk).has_photo


def test_removing_the_photo_is_audited_and_refused_when_there_is_none(cadre, manager):
    set_cadre_photo(manager, cadre, PNG)
    remove_cadre_photo(manager, cadre)
    assert not Cadre.objects.get(pk=cadre.pk).has_photo
    assert AuditEntry.objects.filter(action="cadre.photo").latest("id").changes["removed"]["bytes"] == len(
        PNG
    )
    with pytest.raises(DomainError, match="没有照片"):
        remove_cadre_photo(manager, cadre)


# The exports -------------------------------------------------------------------------------------------


@pytest.fixture
def rec(cadre, program):
    participant = cadre.participations.get()
    return services.recommend_promotion(
        None, participant, from_post="科员", to_post="街道党政正职", reason="招商业绩突出", commendations=[]
    )


def test_the_profile_photo_goes_into_the_form(cadre, manager):
    set_cadre_photo(manager, cadre, JPEG)
    cadre = Cadre.objects.get(pk=cadre.pk)  # as read from the database (a memoryview on PostgreSQL)
    assert form_from_profile(cadre, reveal_personal=False).photo == JPEG


def test_the_docx_export_shows_the_photo_as_an_inline_picture(rec, cadre, manager):
    set_cadre_photo(manager, cadre, PNG)
    _name, data = appointment.export_form(manager, rec, "docx")
    document = docx.Document(io.BytesIO(data))
    assert len(document.inline_shapes) == 1
    blip = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip
    assert document.part.related_parts[blip.embed].blob == PNG
    assert document.tables[0].cell(0, 6).text == ""  # the picture replaces the 照片 label


def test_the_docx_without_a_photo_keeps_the_labelled_box(rec):
    document = docx.Document(io.BytesIO(appointment.export_form(None, rec, "docx")[1]))
    assert len(document.inline_shapes) == 0
    assert "照片" in document.tables[0].cell(0, 6).text


def test_the_lrmx_export_carries_the_photo(rec, cadre, manager):
    set_cadre_photo(manager, cadre, JPEG)
    assert lrmx.read(appointment.export_form(manager, rec, "lrmx")[1]).photo == JPEG


def test_a_form_without_a_photo_lists_it_as_missing(rec, cadre, manager):
    assert "照片" in appointment.missing_items(appointment.build_form(manager, rec)[0])
    set_cadre_photo(manager, cadre, JPEG)
    rec.participant.cadre.refresh_from_db()
    assert "照片" not in appointment.missing_items(appointment.build_form(manager, rec)[0])


def test_the_birth_month_is_unaffected_by_the_photo(cadre, manager):  # the photo is saved alone
    Cadre.objects.filter(pk=cadre.pk).update(birth_month=dt.date(1990, 1, 1))
    set_cadre_photo(manager, cadre, JPEG)
    assert Cadre.objects.get(pk=cadre.pk).birth_month == dt.date(1990, 1, 1)
