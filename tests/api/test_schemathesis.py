"""Property-based check of the whole API against its own OpenAPI schema (schemathesis, in-process through
the WSGI app): for every operation, generated requests with a valid token never get a 5xx."""

import datetime as dt

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from cadreforge.api.services import create_token
from cadreforge.core.stages import Stage
from cadreforge.wsgi import application

from ..builders import make_lead, make_project, make_visit

EXAMPLES = hypothesis_settings(
    max_examples=5,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def token(program, manager) -> str:
    p1, p2 = program.participants.order_by("code")
    make_visit(p1, "大莊竹業集團有限公司", dt.date(2024, 3, 1))
    make_lead(p2, "乙公司", "L002")
    make_project(program, "X1", stage=Stage.SIGNED, cadres=[p1, p2], amount_wan="30000")
    return create_token(manager, name="schemathesis")[1]


@pytest.fixture
def keep_test_connection():
    """The real WSGI app closes "old" database connections around each request, which would close the test's
    transaction on PostgreSQL; Django's own test client unhooks the same signal handlers."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_no_generated_request_gets_a_server_error(token, keep_test_connection):
    auth = {"Authorization": f"Bearer {token}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, headers=auth)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15  # at least the 12 reads and 3 writes of the foundation API
    failures: list[str] = []
    for operation in operations:
        _explore(operation, auth, failures)
    assert failures == []


def _explore(operation, auth: dict, failures: list[str]) -> None:
    @given(case=operation.as_strategy())
    @EXAMPLES
    def call(case):
        if "code" in (case.path_parameters or {}):
            case.path_parameters["code"] = "penglai-3360"  # the program in scope, so filters get exercised
        response = case.call(headers=auth)
        if response.status_code >= 500:
            failures.append(f"{operation.label}: {case.as_curl_command()} → {response.status_code}")

    call()
