import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from cadreforge.accounts.models import Role
from cadreforge.api.services import create_token
from cadreforge.exchange.demo import training as training_demo
from cadreforge.programs import services as programs
from cadreforge.training import quizzes, services

from ..builders import make_participant, make_program, make_user

KEYS = {"courses", "sessions", "participants", "lectures", "videos", "quizzes", "quiz_attempts", "pass_rate"}


def _report(code: str) -> dict:
    out = StringIO()
    call_command("report", "training", "--program", code, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_report_has_exactly_the_contract_keys_and_counts(program, participant, course, quiz):
    lectures = services.create_course(None, program, code="jt", title="干部上讲台", mode="lecture")
    services.add_session(None, lectures, title="宏观形势", date=dt.date(2024, 5, 1), kind="lecture")
    services.add_session(None, course, title="开班", date=dt.date(2024, 4, 1))
    services.enrol_participants(None, course)
    quizzes.submit_attempt(quizzes.start_attempt(quiz, participant.cadre), {})
    data = _report(program.code)
    assert set(data) == KEYS
    assert data == {
        "courses": 2, "sessions": 2, "participants": 1, "lectures": 1, "videos": 0, "quizzes": 1,
        "quiz_attempts": 1, "pass_rate": 0.0,
    }  # fmt: skip


def test_the_pass_rate_is_passed_over_handed_in(program, participant, quiz):
    other = make_participant(program, "PX-002")
    quizzes.submit_attempt(quizzes.start_attempt(quiz, participant.cadre), {})
    attempt = quizzes.start_attempt(quiz, other.cadre)
    answers = {
        q.pk: [str(q.answer)] if q.kind == "single" else [] for q in quizzes.attempt_questions(attempt)
    }
    answers.update(
        {q.pk: [str(i) for i in q.answer] for q in quizzes.attempt_questions(attempt) if q.kind == "multiple"}
    )
    answers.update({q.pk: ["true"] for q in quizzes.attempt_questions(attempt) if q.kind == "true_false"})
    answers.update({q.pk: q.answer[:1] for q in quizzes.attempt_questions(attempt) if q.kind == "fill"})
    quizzes.submit_attempt(attempt, answers)
    quizzes.start_attempt(quiz, participant.cadre)  # still running: not counted
    assert _report(program.code)["pass_rate"] == 0.5
    assert _report(program.code)["quiz_attempts"] == 2


def test_the_api_gives_the_same_figures_and_is_scoped(program, participant, course, manager):
    _, token = create_token(manager, name="测试")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    answer = client.get("/api/v1/programs/huaian-etdz-training/training")
    assert answer.status_code == 200 and answer.json() == _report(program.code)
    courses = client.get("/api/v1/programs/huaian-etdz-training/courses").json()
    assert courses["count"] == 1 and courses["items"][0]["title"] == "优化营商环境专题班"
    hours = client.get(f"/api/v1/cadres/{participant.cadre.pk}/study-hours").json()
    assert hours["total"] == "0" or float(hours["total"]) == 0
    _, other = create_token(make_user(Role.PROGRAM_MANAGER), name="测试")
    stranger = Client(HTTP_AUTHORIZATION=f"Bearer {other}")
    assert stranger.get("/api/v1/programs/huaian-etdz-training/training").status_code == 404


@pytest.fixture
def foundation(db):
    """The programs the foundation demo creates, small: a few cadres each."""
    seminar = make_program("penglai-leaders-seminar", batches=2, kind="study_tour")
    for n in (1, 2):
        for i in range(2):
            make_participant(seminar, f"YX-{n}-{i}", batch=n)
    huaian = make_program("huaian-etdz-training", kind="training_class")
    for i in range(3):
        make_participant(huaian, f"PX-{i:03d}", rank="科员")
    batch = seminar.batches.get(number=1)
    programs.update_program(None, seminar, name="领导干部经济发展专题研修班")
    batch.start_date, batch.end_date = dt.date(2018, 3, 12), dt.date(2018, 3, 25)
    batch.save()
    seminar.batches.filter(number=2).update(start_date=dt.date(2018, 3, 29), end_date=dt.date(2018, 4, 11))
    return seminar, huaian


def test_the_demo_builds_the_documented_training_once(foundation):
    seminar, huaian = foundation
    training_demo.load(lambda message: None)
    data = _report("huaian-etdz-training")
    assert (data["videos"], data["quizzes"], data["lectures"]) == (19, 10, 42)
    assert huaian.courses.get(code="forums").sessions.count() == 21
    assert data["quiz_attempts"] >= 30 and 0 < data["pass_rate"] <= 1
    itinerary = seminar.courses.get(code="itinerary-1").sessions.values_list("title", flat=True)
    assert [t.split(":")[0] for t in itinerary] == [
        "莫干山民宿",
        "太湖龙之梦乐园",
        "茂迪新能源",
        "小核酸产业基地",
        "乌镇",
        "传化物流",
    ]
    assert set(seminar.courses.values_list("institution", flat=True)) >= {"上海交通大学", "浙江大学"}
    assert _report("penglai-leaders-seminar")["participants"] == 4
    training_demo.load(lambda message: None)
    assert _report("huaian-etdz-training") == data
