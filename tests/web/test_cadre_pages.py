"""Cadre list and detail: search, filters, masking of personal data, no N+1 queries, the photo."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cadreforge.accounts.models import Role
from cadreforge.audit.models import AuditEntry
from cadreforge.core.validators import id_check_character
from cadreforge.people.models import Cadre
from cadreforge.programs import services as programs
from cadreforge.secondment.services import assign_post

from ..builders import make_participant, make_program
from ..people.photos import make_photo

FIRST17 = "11010519800512023"
ID_NUMBER = FIRST17 + id_check_character(FIRST17)
MOBILE = "13912345678"
JPEG = make_photo("JPEG")
PNG = make_photo("PNG")


@pytest.fixture
def program(db):
    return make_program("xiaoshan", name="萧山挂职计划")


@pytest.fixture
def admin(login):
    return login(Role.SYSTEM_ADMIN)


def test_cadre_pages_show_id_number_and_mobile_masked_only(admin, program):
    cadre = make_participant(program, "X001", name="周全", id_number=ID_NUMBER, mobile=MOBILE).cadre
    for url in ("/cadres/", f"/cadres/{cadre.pk}/", "/programs/xiaoshan/"):
        html = admin.get(url).content.decode()
        assert ID_NUMBER not in html and MOBILE not in html, url
    assert "139****5678" in admin.get("/cadres/").content.decode()
    detail = admin.get(f"/cadres/{cadre.pk}/").content.decode()
    assert cadre.id_number_masked in detail and "110***********" in detail
    assert "139****5678" in detail


def test_search_by_traditional_name_finds_the_simplified_one(admin, program):
    make_participant(program, "X001", name="李萧山")
    make_participant(program, "X002", name="张三")
    html = admin.get("/cadres/", {"q": "蕭山"}).content.decode()
    assert "李萧山" in html and "张三" not in html
    assert "没有符合条件的干部" in admin.get("/cadres/", {"q": "不存在的人"}).content.decode()


def test_cadre_list_filters_by_program(admin, program):
    other = make_program("penglai", name="蓬莱计划")
    make_participant(program, "X001", name="萧山人")
    make_participant(other, "P001", name="蓬莱人")
    html = admin.get("/cadres/", {"program": "penglai"}).content.decode()
    assert "蓬莱人" in html and "萧山人" not in html


def test_cadre_list_shows_the_profile_columns(admin, program):
    make_participant(
        program,
        "X001",
        name="钱进",
        gender="F",
        birth_month=dt.date(1980, 5, 12),
        position="副局长",
        rank="二级调研员",
        tags=["招商引资", "金融"],
        has_studied_economy=True,
        has_managed_economy=True,
    )
    html = admin.get("/cadres/").content.decode()
    for text in (
        "钱进",
        "女",
        "1980年5月",
        "市投资促进局",
        "副局长",
        "二级调研员",
        "招商引资、金融",
        "学过/管过",
    ):
        assert text in html, text
    assert '<a href="/programs/xiaoshan/">萧山挂职计划</a>' in html


def test_cadre_list_is_paginated_by_page_size(admin, program, monkeypatch):
    from cadreforge.web import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for i, name in enumerate(["甲一", "乙二", "丙三"]):
        make_participant(program, f"X00{i}", name=name)
    first = admin.get("/cadres/").content.decode()
    assert "第 1 / 2 页，共 3 条" in first
    assert "下一页" in first


def test_cadre_list_query_count_does_not_grow_with_rows(admin, program):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert admin.get("/cadres/").status_code == 200
        return len(ctx.captured_queries)

    make_participant(program, "X001")
    few = count_queries()
    for i in range(2, 7):
        make_participant(program, f"X00{i}")
    assert count_queries() == few


def test_cadre_detail_shows_participations_and_posts(admin, program):
    participant = make_participant(program, "X001", name="孙立")
    host = programs.get_or_create_host_unit(name="杭州高新区", city="杭州")
    post = programs.create_post(None, program, code="G07", host=host)
    assign_post(None, participant, post, start_date=dt.date(2024, 3, 1), end_date=dt.date(2024, 8, 31))
    html = admin.get(f"/cadres/{participant.cadre_id}/").content.decode()
    for text in (
        "萧山挂职计划",
        "X001",
        "第1批",
        "G07",
        "杭州高新区",
        "杭州",
        "2024年3月1日",
        "2024年8月31日",
    ):
        assert text in html, text


def test_cadre_detail_of_unknown_id_is_404(admin, program):
    assert admin.get("/cadres/999999/").status_code == 404


# The photo ---------------------------------------------------------------------------------------------


@pytest.fixture
def manager(login, program):
    return login(Role.PROGRAM_MANAGER, programs_granted=[program])


def _upload(client, cadre, data: bytes, name: str = "照片.jpg"):
    return client.post(f"/cadres/{cadre.pk}/photo/upload/", {"photo": SimpleUploadedFile(name, data)})


def test_a_manager_uploads_the_photo_and_the_page_shows_it(manager, program):
    cadre = make_participant(program, "X001", name="周全").cadre
    before = manager.get(f"/cadres/{cadre.pk}/").content.decode()
    assert "档案中暂无照片" in before and 'enctype="multipart/form-data"' in before
    assert manager.get(f"/cadres/{cadre.pk}/photo/").status_code == 404
    response = _upload(manager, cadre, JPEG)
    assert response.status_code == 302 and response["Location"] == f"/cadres/{cadre.pk}/"
    page = manager.get(f"/cadres/{cadre.pk}/").content.decode()
    assert "照片已保存" in page and f'<img src="/cadres/{cadre.pk}/photo/"' in page and "删除照片" in page
    photo = manager.get(f"/cadres/{cadre.pk}/photo/")
    assert photo.status_code == 200 and photo.content == JPEG
    assert photo["Content-Type"] == "image/jpeg" and photo["Cache-Control"] == "private, no-store"
    assert AuditEntry.objects.filter(action="cadre.photo", object_id=str(cadre.pk)).count() == 1


def test_a_png_photo_is_served_as_png(manager, program):
    cadre = make_participant(program, "X001").cadre
    _upload(manager, cadre, PNG, "photo.png")
    assert manager.get(f"/cadres/{cadre.pk}/photo/")["Content-Type"] == "image/png"


def test_a_bad_file_is_refused_on_the_page_and_changes_nothing(manager, program):
    cadre = make_participant(program, "X001").cadre
    _upload(manager, cadre, JPEG)
    for data, message in ((b"GIF89a not a photo", "照片应为 JPEG 或 PNG 图片"),
                          (make_photo("PNG", (30, 30)), "照片太小（30×30 像素）"),
                          (b"", "照片是空的")):  # fmt: skip
        response = _upload(manager, cadre, data, "x.png")
        assert response.status_code == 400
        assert message in response.content.decode(), message
        assert bytes(Cadre.objects.get(pk=cadre.pk).photo) == JPEG
    missing = manager.post(f"/cadres/{cadre.pk}/photo/upload/", {})
    assert missing.status_code == 400 and "请选择要上传的照片" in missing.content.decode()
    assert AuditEntry.objects.filter(action="cadre.photo").count() == 1


def test_a_photo_over_2_mb_is_refused_before_it_is_read(manager, program):
    cadre = make_participant(program, "X001").cadre
    response = _upload(manager, cadre, JPEG + b"\0" * (2 * 1024 * 1024))
    assert response.status_code == 400 and "照片不能超过 2 MB" in response.content.decode()
    assert not Cadre.objects.get(pk=cadre.pk).has_photo


def test_the_manager_removes_the_photo(manager, program):
    cadre = make_participant(program, "X001").cadre
    _upload(manager, cadre, JPEG)
    response = manager.post(f"/cadres/{cadre.pk}/photo/remove/")
    assert response.status_code == 302
    assert "照片已删除" in manager.get(response["Location"]).content.decode()
    assert manager.get(f"/cadres/{cadre.pk}/photo/").status_code == 404
    again = manager.post(f"/cadres/{cadre.pk}/photo/remove/", follow=True).content.decode()
    assert "档案中没有照片" in again


def test_the_photo_is_seen_like_the_page_and_changed_only_by_its_managers(login, manager, program):
    cadre = make_participant(program, "X001").cadre
    _upload(manager, cadre, JPEG)
    leader = login(Role.LEADER)  # sees every program, writes none
    assert leader.get(f"/cadres/{cadre.pk}/photo/").content == JPEG
    page = leader.get(f"/cadres/{cadre.pk}/").content.decode()
    assert "<img" in page and "上传照片" not in page and "删除照片" not in page
    assert _upload(leader, cadre, PNG).status_code == 403
    assert leader.post(f"/cadres/{cadre.pk}/photo/remove/").status_code == 403
    stranger = login(Role.PROGRAM_MANAGER, programs_granted=[make_program("other")])
    assert stranger.get(f"/cadres/{cadre.pk}/photo/").status_code == 404
    assert _upload(stranger, cadre, PNG).status_code == 404
    assert stranger.post(f"/cadres/{cadre.pk}/photo/remove/").status_code == 404
    assert bytes(Cadre.objects.get(pk=cadre.pk).photo) == JPEG


def test_the_photo_needs_a_login_and_uploads_need_post_and_csrf(client, manager, program):
    cadre = make_participant(program, "X001").cadre
    _upload(manager, cadre, JPEG)
    assert client.get(f"/cadres/{cadre.pk}/photo/").status_code == 302  # to the login page
    assert manager.get(f"/cadres/{cadre.pk}/photo/upload/").status_code == 405
    assert manager.get(f"/cadres/{cadre.pk}/photo/remove/").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(manager.user)
    assert strict.post(f"/cadres/{cadre.pk}/photo/remove/").status_code == 403
    assert Cadre.objects.get(pk=cadre.pk).has_photo
