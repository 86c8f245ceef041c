from django.test import Client
from django.urls import reverse

from cadreforge.accounts.models import Role

from ..builders import PASSWORD, make_user

LOGIN_URL = "/accounts/login/"


def test_login_page_is_chinese_and_has_no_navigation(db):
    html = Client().get(LOGIN_URL).content.decode()
    assert "CadreForge 经济型专业干部管理平台" in html
    assert "用户登录" in html and "用户名" in html and "密码" in html
    assert 'class="sidenav"' not in html
    assert "退出" not in html


def _error_block(response) -> str:
    html = response.content.decode()
    start = html.index('class="form-errors"')
    return html[start : html.index("</div>", start)]


def test_wrong_password_and_unknown_user_get_the_same_message(db):
    make_user(Role.PROGRAM_MANAGER, username="zhang")
    wrong_password = Client().post(LOGIN_URL, {"username": "zhang", "password": "not-the-password"})
    unknown_user = Client().post(LOGIN_URL, {"username": "nobody", "password": "not-the-password"})
    assert wrong_password.status_code == unknown_user.status_code == 200
    assert "用户名或密码不正确。" in _error_block(wrong_password)
    assert _error_block(wrong_password) == _error_block(unknown_user)


def test_good_password_leads_to_the_program_list(db):
    make_user(Role.LEADER, username="li")
    client = Client()
    response = client.post(LOGIN_URL, {"username": "li", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "培养计划" in response.content.decode()


def test_header_shows_user_role_and_a_post_logout_form(login):
    client = login(Role.LEADER)
    client.user.display_name = "王主任"
    client.user.save()
    html = client.get("/").content.decode()
    assert "王主任" in html and "领导（只读）" in html
    logout = reverse("accounts:logout")
    assert f'<form method="post" action="{logout}" class="logout-form">' in html
    assert "csrfmiddlewaretoken" in html.split(logout, 1)[1].split("</form>", 1)[0]
    response = client.post(logout)
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_an_english_browser_still_gets_django_messages_in_chinese(db):
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = client.post(LOGIN_URL, {"username": "", "password": ""}).content.decode()
    assert "这个字段是必填项。" in html and "This field is required." not in html
