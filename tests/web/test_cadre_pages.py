"""Cadre list and detail: search, filters, masking of personal data, no N+1 queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadreforge.accounts.models import Role
from cadreforge.core.validators import id_check_character
from cadreforge.programs import services as programs
from cadreforge.secondment.services import assign_post

from ..builders import make_participant, make_program

FIRST17 = "11010519800512023"
ID_NUMBER = FIRST17 + id_check_character(FIRST17)
MOBILE = "13912345678"


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
