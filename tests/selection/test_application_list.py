"""The applications list of a call: 50 a page, filtered by track, status and recommendation, and a fixed
number of queries whatever the number of rows (744 in the Xiaoshan demo)."""

import pytest

from cadreforge.accounts.models import Role
from cadreforge.org.services import get_or_create_unit
from cadreforge.people.services import create_cadre
from cadreforge.selection import services
from cadreforge.selection.models import Application

URL = "/selection/sel-test/1/"
QUERY_CEILING = 20


@pytest.fixture
def many(call):
    """62 applications: 40 新材料 (every 4th recommended), 22 生命健康; a few with panel scores."""
    unit = get_or_create_unit("市经济和信息化局")
    apps = []
    for i in range(62):
        cadre = create_cadre(None, name=f"报名人{i:02d}", unit=unit, has_worked_economy=i % 2 == 0)
        recommended = i < 40 and i % 4 == 0
        apps.append(
            services.submit_application(
                None,
                call,
                cadre,
                track="新材料" if i < 40 else "生命健康",
                channel="recommended" if recommended else "self",
                recommender="市委组织部" if recommended else "",
            )
        )
    for app in apps[:6]:
        services.record_panel_score(None, app, kind="interview", panelist_name="评委甲", score=80)
    return apps


def _rows(response) -> int:
    return response.content.decode().count('href="/selection/applications/')


def test_list_shows_fifty_a_page_and_the_rest_on_the_next(many, login):
    client = login(Role.PROGRAM_MANAGER, programs_granted=[many[0].call.batch.program])
    first = client.get(URL)
    assert _rows(first) == 50
    assert "共62条" in first.content.decode() and "第1/2页" in first.content.decode()
    assert _rows(client.get(URL + "?page=2")) == 12


def test_filters_by_track_status_and_recommendation(many, login):
    client = login(Role.PROGRAM_MANAGER, programs_granted=[many[0].call.batch.program])
    assert _rows(client.get(URL + "?track=生命健康")) == 22
    assert _rows(client.get(URL + "?recommended=1")) == 10
    assert _rows(client.get(URL + "?track=生命健康&recommended=1")) == 0
    Application.objects.filter(pk__in=[a.pk for a in many[:3]]).update(status="ineligible")
    assert _rows(client.get(URL + "?status=ineligible")) == 3
    page = client.get(URL + "?status=submitted").content.decode()
    assert "共59条" in page
    assert "?status=submitted&amp;page=2" in page  # the next page keeps the filter
    assert _rows(client.get(URL + "?status=submitted&page=2")) == 9


def test_unknown_filter_values_are_ignored(many, login):
    client = login(Role.PROGRAM_MANAGER, programs_granted=[many[0].call.batch.program])
    assert "共62条" in client.get(URL + "?track=不存在&status=bogus&page=99").content.decode()


def test_query_count_does_not_grow_with_the_rows(many, login, django_assert_max_num_queries):
    client = login(Role.PROGRAM_MANAGER, programs_granted=[many[0].call.batch.program])
    with django_assert_max_num_queries(QUERY_CEILING) as captured:
        response = client.get(URL)
    assert _rows(response) == 50
    with django_assert_max_num_queries(QUERY_CEILING) as captured_small:
        client.get(URL + "?page=2")  # 12 rows: the same queries as for 50
    assert len(captured) == len(captured_small)


def test_call_page_links_to_matching_rankings_and_exclusions(call, login):
    page = login(Role.PROGRAM_MANAGER, programs_granted=[call.batch.program]).get(URL).content.decode()
    for link in (
        "/matching/sel-test/1/",
        "/matching/sel-test/1/host-rankings/",
        "/matching/sel-test/1/exclusions/",
    ):
        assert link in page
