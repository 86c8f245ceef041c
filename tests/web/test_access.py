"""Who sees what: every page is scoped to the user; out of scope is 404, like missing."""

import pytest
from django.test import Client

from cadreforge.accounts.models import Role

from ..builders import make_participant, make_program, make_user


@pytest.fixture
def two_programs(db):
    penglai = make_program("penglai", name="蓬莱计划")
    xiaoshan = make_program("xiaoshan", name="萧山计划")
    a = make_participant(penglai, "P001", name="蓬莱干部甲")
    b = make_participant(xiaoshan, "X001", name="萧山干部乙")
    return penglai, xiaoshan, a, b


@pytest.mark.parametrize(
    "url", ["/", "/programs/penglai/", "/cadres/", "/cadres/1/", "/posts/", "/programs/penglai/?batch=1"]
)
def test_anonymous_user_is_sent_to_login(two_programs, url):
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_system_admin_sees_every_program_and_cadre(login, two_programs):
    client = login(Role.SYSTEM_ADMIN)
    home = client.get("/").content.decode()
    assert "蓬莱计划" in home and "萧山计划" in home
    cadres = client.get("/cadres/").content.decode()
    assert "蓬莱干部甲" in cadres and "萧山干部乙" in cadres


def test_leader_sees_every_program_but_no_admin_link(login, two_programs):
    client = login(Role.LEADER)
    home = client.get("/").content.decode()
    assert "蓬莱计划" in home and "萧山计划" in home
    assert "后台管理" not in home
    assert client.get("/programs/xiaoshan/").status_code == 200


def test_staff_user_gets_the_admin_link(login, two_programs):
    user = make_user(Role.SYSTEM_ADMIN)
    user.is_staff = True
    user.save()
    assert "后台管理" in login(user).get("/").content.decode()


def test_manager_with_a_grant_sees_only_the_granted_program(login, two_programs):
    penglai, _, a, _ = two_programs
    client = login(Role.PROGRAM_MANAGER, programs_granted=[penglai])
    home = client.get("/").content.decode()
    assert "蓬莱计划" in home and "萧山计划" not in home
    cadres = client.get("/cadres/").content.decode()
    assert "蓬莱干部甲" in cadres and "萧山干部乙" not in cadres
    assert client.get("/programs/penglai/").status_code == 200
    assert client.get(f"/cadres/{a.cadre_id}/").status_code == 200


def test_manager_gets_404_for_programs_and_cadres_outside_the_grant(login, two_programs):
    penglai, _, _, b = two_programs
    client = login(Role.PROGRAM_MANAGER, programs_granted=[penglai])
    response = client.get("/programs/xiaoshan/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
    assert client.get(f"/cadres/{b.cadre_id}/").status_code == 404
    assert client.get("/cadres/?program=xiaoshan").status_code == 404
    assert client.get("/posts/?program=xiaoshan").status_code == 404


def test_manager_without_a_grant_sees_the_empty_state(login, two_programs):
    client = login(Role.PROGRAM_MANAGER)
    home = client.get("/").content.decode()
    assert "您目前没有可查看的培养计划" in home
    assert "蓬莱计划" not in home
    assert "您目前没有可查看的干部" in client.get("/cadres/").content.decode()
    assert client.get("/programs/penglai/").status_code == 404


def test_cadre_sees_their_program_and_only_themselves(login, two_programs):
    penglai, _, a, _ = two_programs
    user = make_user(Role.CADRE)
    me = make_participant(penglai, "P002", name="本人干部丙", user=user)
    client = login(user)
    home = client.get("/").content.decode()
    assert "蓬莱计划" in home and "萧山计划" not in home
    cadres = client.get("/cadres/").content.decode()
    assert "本人干部丙" in cadres
    assert "蓬莱干部甲" not in cadres and "萧山干部乙" not in cadres
    assert client.get(f"/cadres/{me.cadre_id}/").status_code == 200
    assert client.get(f"/cadres/{a.cadre_id}/").status_code == 404
    assert client.get("/programs/xiaoshan/").status_code == 404


def test_navigation_highlights_the_current_section(login, two_programs):
    client = login(Role.SYSTEM_ADMIN)
    html = client.get("/cadres/").content.decode()
    assert '<a href="/cadres/" class="current" aria-current="page">' in html
    assert '<a href="/" class="current"' not in html
    program_page = client.get("/programs/penglai/").content.decode()
    assert '<a href="/" class="current" aria-current="page">' in program_page


def test_navigation_skips_entries_whose_page_is_not_routed(login, two_programs, monkeypatch):
    from cadreforge.web import context_processors

    entries = [
        *context_processors.NAV_ENTRIES,
        context_processors.NavEntry("尚未上线的页面", "nowhere:missing"),
    ]
    monkeypatch.setattr(context_processors, "NAV_ENTRIES", entries)
    response = login(Role.SYSTEM_ADMIN).get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "尚未上线的页面" not in html
    assert 'href="/posts/"' in html


def test_cadre_sees_only_their_own_team_on_the_program_page(login, two_programs):
    from cadreforge.programs import services as programs

    penglai = two_programs[0]
    user = make_user(Role.CADRE)
    me = make_participant(penglai, "P002", name="本人干部丙", user=user)
    other = make_participant(penglai, "P003", name="别队干部丁")
    batch = penglai.batches.get(number=1)
    programs.create_team(None, batch, name="第一小分队", leader=me)
    programs.create_team(None, batch, name="第二小分队", leader=other)
    html = login(user).get("/programs/penglai/").content.decode()
    assert "第一小分队" in html and "本人干部丙" in html
    assert "第二小分队" not in html and "别队干部丁" not in html and "蓬莱干部甲" not in html
    admin_html = login(Role.SYSTEM_ADMIN).get("/programs/penglai/").content.decode()
    assert "第二小分队" in admin_html and "别队干部丁" in admin_html
