"""A database restart is survived: while the database is gone the user gets a clear Chinese 503 (nothing
saved), and the first request after it is back works, with no restart of the app server."""

import json

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import OperationalError, connection
from django.test import RequestFactory

from cadreforge.core.outage import MESSAGE, server_error

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite is embedded in the app process: no server to restart"
)


def _get(path: str) -> tuple[int, dict]:
    """A request through Django's real WSGI handler, with its connection handling at request start and end
    (the test client switches that off): the way an app server's worker thread serves it."""
    environ = RequestFactory().get(path).environ
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = int(status.split()[0])

    body = b"".join(WSGIHandler()(environ, start_response))
    return answer["status"], json.loads(body)


def _restart_database() -> None:
    """What a PostgreSQL restart does to the app server: its kept connection is cut from the server side."""
    pid = connection.connection.info.backend_pid
    with psycopg.connect(**_libpq_params(), autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def _libpq_params() -> dict:
    s = connection.settings_dict
    params = {"dbname": s["NAME"], "user": s["USER"], "host": s["HOST"] or None, "port": s["PORT"] or None}
    if s["PASSWORD"]:
        params["password"] = s["PASSWORD"]
    return {k: v for k, v in params.items() if v is not None}


@pytest.fixture
def kept_connection(settings):
    """An app server keeps its connection between requests (CONN_MAX_AGE), which is what a restart breaks."""
    settings_dict = connection.settings_dict
    saved = settings_dict["CONN_MAX_AGE"], settings_dict["CONN_HEALTH_CHECKS"]
    settings_dict["CONN_MAX_AGE"] = 600
    yield settings_dict
    settings_dict["CONN_MAX_AGE"], settings_dict["CONN_HEALTH_CHECKS"] = saved
    connection.close()


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_first_request_after_a_database_restart_works(kept_connection):
    assert _get("/healthz") == (200, {"status": "ok", "database": "postgresql"})
    _restart_database()
    assert _get("/healthz") == (200, {"status": "ok", "database": "postgresql"})


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_request_cut_off_by_the_restart_gets_a_clear_message_and_the_next_one_recovers(kept_connection):
    kept_connection["CONN_HEALTH_CHECKS"] = False  # the request meets the cut connection mid-way
    assert _get("/healthz")[0] == 200
    _restart_database()
    status, body = _get("/healthz")
    assert status == 503
    assert body == {"detail": MESSAGE}
    assert "未保存" in body["detail"]
    assert _get("/healthz")[0] == 200  # the broken connection was closed when that request ended


def test_a_page_that_loses_the_database_answers_503_in_chinese_with_retry_after():
    request = RequestFactory().get("/programs/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "数据库暂时无法访问" in response.content.decode()


def test_other_errors_still_answer_500():
    request = RequestFactory().get("/programs/")
    try:
        raise ValueError("bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
    assert "系统错误" in response.content.decode()
