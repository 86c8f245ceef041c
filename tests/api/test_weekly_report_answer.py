"""Filing this week's report over the API answers with the report just saved (the answer is built from the
saved report, not from a second load of the cadre), in as few queries as the burst test relies on."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cadreforge.secondment.models import WeeklyReport
from tests.secondment.helpers import study_program


def _this_week():
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    program, (wang, _) = study_program(monday - dt.timedelta(days=14), monday + dt.timedelta(days=60))
    return program, wang, monday


def test_a_draft_then_a_submission_answer_with_the_saved_report(db, bearer):
    program, wang, monday = _this_week()
    client = bearer(wang.cadre.user)
    url = f"/api/v1/programs/{program.code}/weekly-reports/mine/{monday}"
    draft = client.put(url, {"content": "本周 学习 体会"}, content_type="application/json")
    assert draft.status_code == 200
    report = WeeklyReport.objects.get(participant=wang, week_start=monday)
    assert (draft.json()["report_id"], draft.json()["draft"], draft.json()["characters"]) == (
        report.pk,
        True,
        6,
    )
    assert draft.json()["state"] == "open" and draft.json()["submitted_at"] is None
    sent = client.put(
        url, {"content": "本周学习体会：招商要拼服务。", "submit": True}, content_type="application/json"
    )
    assert sent.status_code == 200
    report.refresh_from_db()
    answer = sent.json()
    assert (answer["report_id"], answer["draft"], answer["state"]) == (report.pk, False, "on_time")
    assert answer["characters"] == report.characters == 14
    # JSON carries milliseconds
    assert abs(dt.datetime.fromisoformat(answer["submitted_at"]) - report.submitted_at) < dt.timedelta(
        milliseconds=1
    )
    listed = client.get(f"/api/v1/programs/{program.code}/weekly-reports/mine").json()
    assert [s for s in listed if s["week_start"] == str(monday)] == [answer]


def test_submitting_costs_a_bounded_number_of_queries(db, bearer):
    program, wang, monday = _this_week()
    client = bearer(wang.cadre.user)
    client.get("/api/v1/programs")  # the token's first use writes last_used_at; not counted below
    url = f"/api/v1/programs/{program.code}/weekly-reports/mine/{monday}"
    with CaptureQueriesContext(connection) as queries:
        answer = client.put(url, {"content": "学习体会", "submit": True}, content_type="application/json")
    assert answer.status_code == 200
    # lockout, token, program, the cadre with assignments and reports (3), the week's row locked, the
    # audit chain (advisory lock on PostgreSQL, last hash): no second load of the cadre (which took 3 more).
    selects = [q for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    assert len(selects) <= 9, [q["sql"][:80] for q in selects]
