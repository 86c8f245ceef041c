from django.template.loader import render_to_string
from django.test import Client


def test_unknown_address_gets_the_chinese_404_page(db):
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html and "返回首页" in html
    assert "Resolver404" not in html


def test_404_page_says_what_was_not_found(login, db):
    from cadreforge.accounts.models import Role

    from ..builders import make_program

    make_program("penglai")
    response = login(Role.SYSTEM_ADMIN).get("/programs/penglai/?batch=7")
    assert response.status_code == 404
    assert "计划“penglai”没有第7批。" in response.content.decode()


def test_500_page_renders_without_a_request():
    html = render_to_string("500.html")
    assert "系统错误" in html and "CadreForge 经济型专业干部管理平台" in html


def test_403_page_is_chinese(rf, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    html = render_to_string("403.html", request=request)
    assert "无权访问" in html


def test_favicon_is_our_own_icon_linked_from_the_pages_and_answered_at_favicon_ico(db):
    client = Client()
    for page in ("/accounts/login/", "/no-such-page/"):  # web/plain.html and web/base.html
        assert '<link rel="icon" href="/static/web/favicon.svg"' in client.get(page).content.decode()
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/web/favicon.svg"
    icon = client.get("/static/web/favicon.svg")
    assert icon.status_code == 200 and icon["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in b"".join(icon.streaming_content)
