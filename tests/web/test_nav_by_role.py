"""Navigation by role: every link a role is shown opens for that role (no 403, no 404), and the entries
that belong to one role (import, audit log, user management, back-office) are shown to that role only."""

import re

import pytest

from cadreforge.accounts.models import Role

from ..builders import make_participant, make_program

NAV = re.compile(r'<nav class="sidenav".*?</nav>', re.S)
LINK = re.compile(r'<a href="([^"]+)"[^>]*>(?:<span[^>]*>[^<]*</span>)?([^<]+)</a>')
SCOPED = {Role.PROGRAM_MANAGER, Role.VERIFIER, Role.HOST_CONTACT}


@pytest.fixture
def program(db):
    program = make_program("penglai", name="蓬莱计划")
    make_participant(program, "P001", name="蓬莱干部甲")
    return program


def _client(login, role, program, staff=False):
    client = login(role, programs_granted=[program] if role in SCOPED else ())
    if staff:
        client.user.is_staff = True
        client.user.save(update_fields=["is_staff"])
    return client


def _nav(client) -> dict[str, str]:
    html = client.get("/").content.decode()
    [nav] = NAV.findall(html)
    return {label.strip(): href for href, label in LINK.findall(nav)}


CASES = [(role, False) for role in Role] + [
    (Role.SYSTEM_ADMIN, True),
    (Role.SECURITY_ADMIN, True),
    (Role.AUDIT_ADMIN, True),
]


@pytest.mark.parametrize("role, staff", CASES)
def test_every_link_a_role_is_shown_opens_for_that_role(login, program, role, staff):
    client = _client(login, role, program, staff)
    nav = _nav(client)
    assert nav, "the navigation is empty"
    refused = {}
    for label, href in nav.items():
        status = client.get(href).status_code
        if status >= 400 or (status == 302 and "login" in client.get(href)["Location"]):
            refused[label] = f"{href} → {status}"
    assert not refused, refused


@pytest.mark.parametrize(
    "role, expected",
    [
        (Role.PROGRAM_MANAGER, {"数据导入": True, "审计日志": False, "招商项目": True}),
        (Role.SYSTEM_ADMIN, {"数据导入": True, "审计日志": False, "招商项目": True}),
        (Role.LEADER, {"数据导入": False, "审计日志": False, "招商项目": True}),
        (Role.CADRE, {"数据导入": False, "审计日志": False, "派驻与周报": True}),
        (Role.VERIFIER, {"数据导入": False, "招商项目": True}),
        (Role.AUDITOR, {"审计日志": True, "数据导入": False}),
        (Role.AUDIT_ADMIN, {"审计日志": True, "数据导入": False, "招商项目": False, "干部": False}),
        (Role.SECURITY_ADMIN, {"审计日志": False, "数据导入": False, "干部": False, "用户与权限": False}),
    ],
)
def test_each_role_sees_its_own_entries(login, program, role, expected):
    nav = _nav(_client(login, role, program))
    assert {label: label in nav for label in expected} == expected


def test_the_staff_security_administrator_gets_user_management_and_the_back_office(login, program):
    nav = _nav(_client(login, Role.SECURITY_ADMIN, program, staff=True))
    assert nav["用户与权限"] == "/admin/accounts/user/"
    assert nav["后台管理"] == "/admin/"
    assert "审计日志" not in nav


def test_a_staff_system_administrator_gets_the_back_office_but_not_user_management(login, program):
    nav = _nav(_client(login, Role.SYSTEM_ADMIN, program, staff=True))
    assert "后台管理" in nav and "用户与权限" not in nav


def test_a_host_contact_without_a_program_is_shown_only_their_unit(login, program):
    """Every business page would be empty for them: the navigation and the home page lead to 我的派驻单位."""
    client = login(Role.HOST_CONTACT)
    nav = _nav(client)
    assert set(nav) == {"首页/计划", "我的派驻单位", "API令牌"}
    home = client.get("/").content.decode()
    assert f'<a href="{nav["我的派驻单位"]}">“我的派驻单位”</a>' in home
    assert "请联系系统管理员授权" not in home


def test_a_host_contact_granted_a_program_gets_its_business_pages(login, program):
    nav = _nav(_client(login, Role.HOST_CONTACT, program))
    assert {"干部", "岗位", "招商项目", "我的派驻单位"} <= set(nav)
