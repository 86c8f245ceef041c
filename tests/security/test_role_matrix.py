"""Role × view matrix: every URL of the URLconf, opened (GET) by every role, never answers 500; a program
outside a scoped user's grants is never shown (404, or 403 for a page the role may not use at all)."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from cadreforge.accounts.models import Role

from ..builders import PASSWORD, make_participant, make_program, make_user

OUTSIDE = "outside-program"
VALUES = {
    "code": OUTSIDE,
    "project_code": "X1",
    "stage": "signed",
    "number": "1",
    "week": "2024-03-04",
    "week_start": "2024-03-04",
    "token": "no-such-token",
    "action": "publish",
}
MISSING_ID = "999999"
PARAM = re.compile(r"<(?:\w+:)?(\w+)>")
# Roles that see only what they are granted or take part in.
SCOPED_ROLES = [Role.PROGRAM_MANAGER, Role.VERIFIER, Role.CADRE, Role.HOST_CONTACT]


def _routes(patterns=None, prefix: str = "") -> list[str]:
    routes = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        text = str(pattern.pattern)
        if text.startswith("^") or "(?P" in text:
            continue  # regex routes: the admin's own, and static serving
        if isinstance(pattern, URLResolver):
            if text == "admin/":
                continue  # Django's admin: staff only, covered by the admin's own permission checks
            routes += _routes(pattern.url_patterns, prefix + text)
        elif isinstance(pattern, URLPattern):
            routes.append(prefix + text)
    return sorted(set(routes))


def _fill(route: str) -> str:
    return "/" + PARAM.sub(lambda m: VALUES.get(m.group(1), MISSING_ID), route)


ROUTES = _routes()


@pytest.fixture
def world(db):
    inside = make_program("inside-program", name="本人计划")
    outside = make_program(OUTSIDE, name="他人计划")
    make_participant(outside, "O001", name="计划外干部")
    return inside


@pytest.mark.parametrize("role", list(Role))
def test_no_page_of_any_role_answers_a_server_error(world, role):
    user = make_user(role, programs_granted=[world] if role == Role.PROGRAM_MANAGER else ())
    client = Client(raise_request_exception=False)
    assert client.login(username=user.username, password=PASSWORD)
    errors = []
    for route in ROUTES:
        url = _fill(route)
        status = client.get(url).status_code
        if status >= 500:
            errors.append(f"{status} {url}")
        elif role in SCOPED_ROLES and OUTSIDE in url and status == 200:
            errors.append(f"200 (out of scope shown) {url}")
    assert not errors, "\n".join(errors)


def test_the_matrix_walks_every_app(world):
    prefixes = {route.split("/", 1)[0] for route in ROUTES}
    assert {"accounts", "api", "exchange", "selection", "matching", "secondment", "training"} <= prefixes
    assert any(OUTSIDE in _fill(route) for route in ROUTES)
