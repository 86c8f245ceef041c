"""The main pages and API lists make a fixed number of queries whatever the number of rows they show: with a
generated program of ~50 cadres, 25 posts and ~5,000 visits on its pages, an N+1 query would add dozens."""

import pytest
from django.core.management import call_command

from cadreforge.accounts.models import Role

CODE = "gen-small-5-001"
# The most queries each may make (today's count + 1; the session and the user cost two of them).
PAGES = {
    "program page": (f"/programs/{CODE}/", 20),
    "cadre list": ("/cadres/", 10),
    "post list": ("/posts/", 11),
    "API programs": ("/api/v1/programs", 8),
    "API cadres": (f"/api/v1/programs/{CODE}/cadres?page_size=200", 9),
    "API posts": (f"/api/v1/programs/{CODE}/posts?page_size=200", 10),
    "API visits": (f"/api/v1/programs/{CODE}/visits?page_size=200", 10),
    "API leads": (f"/api/v1/programs/{CODE}/leads?page_size=200", 10),
    "API projects": (f"/api/v1/programs/{CODE}/projects?page_size=200", 12),
    "API funnel": (f"/api/v1/programs/{CODE}/funnel", 13),
}


@pytest.fixture
def leader(db, login):
    call_command("generate", "--scale", "small", "--seed", "5")
    return login(Role.LEADER)


@pytest.mark.parametrize("name", PAGES)
def test_page_makes_a_bounded_number_of_queries(leader, name, django_assert_max_num_queries):
    path, most = PAGES[name]
    with django_assert_max_num_queries(most):
        response = leader.get(path)
    assert response.status_code == 200
