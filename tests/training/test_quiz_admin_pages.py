"""Managers build a knowledge test and its question bank through pages: every question type, the rules
of each (a single-choice question has exactly one right option…), scope and refusal."""

import pytest
from django.urls import reverse

from cadreforge.accounts.models import Role
from cadreforge.audit.models import AuditEntry
from cadreforge.training.models import Question, Quiz

from ..builders import make_program, make_user

QUIZ = {"title": "营商环境第二期", "course": "", "question_count": "2", "time_limit_minutes": "15",
        "attempt_limit": "2", "pass_mark": "80"}  # fmt: skip


@pytest.fixture
def outsider(db):
    return make_user(Role.PROGRAM_MANAGER, programs_granted=[make_program("other-program")])


def test_a_manager_creates_a_quiz_numbered_after_the_last(login, manager, program, quiz, course):
    response = login(manager).post(
        reverse("training:quiz-new", args=[program.code]), {**QUIZ, "course": course.pk}
    )
    new = Quiz.objects.get(title="营商环境第二期")
    assert response["Location"] == reverse("training:quiz-bank", args=[new.pk])
    assert (new.number, new.question_count, new.time_limit_minutes) == (2, 2, 15)
    assert (new.attempt_limit, new.pass_mark, new.course) == (2, 80, course)
    assert AuditEntry.objects.filter(action="quiz.create", actor=manager).exists()


def test_a_quiz_with_a_pass_mark_over_100_is_refused(login, manager, program):
    response = login(manager).post(
        reverse("training:quiz-new", args=[program.code]), {**QUIZ, "pass_mark": "120"}
    )
    assert response.status_code == 400 and "确保该值小于或等于100" in response.content.decode()
    assert not Quiz.objects.exists()


def test_a_course_of_another_program_cannot_be_chosen(login, manager, program):
    from cadreforge.training import services

    foreign = services.create_course(
        None, make_program("elsewhere"), code="x", title="外课", mode="classroom"
    )
    response = login(manager).post(
        reverse("training:quiz-new", args=[program.code]), {**QUIZ, "course": foreign.pk}
    )
    assert response.status_code == 400 and not Quiz.objects.exists()


def test_quiz_pages_are_404_out_of_scope_and_refused_to_a_cadre(
    login, outsider, cadre_user, participant, quiz
):
    code = quiz.program.code
    assert login(outsider).post(reverse("training:quiz-new", args=[code]), QUIZ).status_code == 404
    assert login(outsider).get(reverse("training:quiz-bank", args=[quiz.pk])).status_code == 404
    assert login(cadre_user).post(reverse("training:quiz-new", args=[code]), QUIZ).status_code == 403
    assert login(cadre_user).get(reverse("training:quiz-bank", args=[quiz.pk])).status_code == 403
    assert Quiz.objects.count() == 1


def test_a_manager_edits_the_limits_and_the_change_is_audited(login, manager, quiz):
    data = {**QUIZ, "title": quiz.title, "question_count": "3", "time_limit_minutes": "20"}
    assert login(manager).post(reverse("training:quiz-edit", args=[quiz.pk]), data).status_code == 302
    quiz.refresh_from_db()
    assert (quiz.question_count, quiz.time_limit_minutes, quiz.attempt_limit, quiz.pass_mark) == (
        3,
        20,
        2,
        80,
    )
    assert AuditEntry.objects.get(action="quiz.update").changes["time_limit_minutes"] == ["10", "20"]


def test_the_bank_page_warns_when_the_bank_is_smaller_than_a_draw(login, manager, program):
    login(manager).post(reverse("training:quiz-new", args=[program.code]), QUIZ)
    quiz = Quiz.objects.get()
    html = login(manager).get(reverse("training:quiz-bank", args=[quiz.pk])).content.decode()
    assert "题库只有0题，少于每次抽取的2题" in html and "<script>" not in html


BASE = {
    "text": "题干",
    "options": "",
    "right_options": "",
    "truth": "",
    "accepted": "",
    "explanation": "",
    "points": "1",
}


@pytest.mark.parametrize(
    ("data", "kind", "choices", "answer"),
    [
        ({"kind": "single", "options": "15位\n18位\n20位", "right_options": "b"}, "single", ["15位", "18位", "20位"], 1),
        ({"kind": "multiple", "options": "甲\n乙\n丙\n丁", "right_options": "A、C D"}, "multiple", ["甲", "乙", "丙", "丁"],
         [0, 2, 3]),
        ({"kind": "true_false", "truth": "false"}, "true_false", [], False),
        ({"kind": "fill", "accepted": "招才引智\n 招才 引智 "}, "fill", [], ["招才引智", "招才 引智"]),
    ],
)  # fmt: skip
def test_a_manager_adds_each_type_of_question(login, manager, quiz, data, kind, choices, answer):
    response = login(manager).post(reverse("training:quiz-bank", args=[quiz.pk]), {**BASE, **data})
    assert response.status_code == 302
    question = quiz.questions.order_by("-pk").first()
    assert (question.kind, question.choices, question.answer) == (kind, choices, answer)
    assert AuditEntry.objects.filter(action="question.create", actor=manager).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "single", "options": "甲\n乙\n丙", "right_options": "AB"}, "单选题必须恰好有一个正确选项"),
        ({"kind": "single", "options": "甲\n乙\n丙", "right_options": ""}, "单选题必须恰好有一个正确选项"),
        ({"kind": "multiple", "options": "甲\n乙\n丙", "right_options": "A"}, "多选题至少要有两个正确选项"),
        ({"kind": "single", "options": "甲\n乙", "right_options": "D"}, "正确选项“D”不在选项中"),
        ({"kind": "single", "options": "甲", "right_options": "A"}, "选择题至少要有两个选项"),
        ({"kind": "multiple", "options": "甲\n甲\n乙", "right_options": "AB"}, "选项有重复"),
        ({"kind": "true_false"}, "请选择判断题的答案（对或错）"),
        ({"kind": "true_false", "truth": "true", "options": "对\n错"}, "判断题和填空题不填写选项"),
        ({"kind": "fill", "accepted": "  \n"}, "填空题至少要有一个可接受的答案"),
    ],
)
def test_a_question_breaking_its_type_rules_is_refused(login, manager, quiz, data, message):
    before = Question.objects.count()
    response = login(manager).post(reverse("training:quiz-bank", args=[quiz.pk]), {**BASE, **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Question.objects.count() == before


def test_adding_a_question_is_404_out_of_scope_and_refused_to_a_cadre(
    login, outsider, cadre_user, participant, quiz
):
    data = {**BASE, "kind": "true_false", "truth": "true"}
    before = Question.objects.count()
    assert login(outsider).post(reverse("training:quiz-bank", args=[quiz.pk]), data).status_code == 404
    assert login(cadre_user).post(reverse("training:quiz-bank", args=[quiz.pk]), data).status_code == 403
    assert Question.objects.count() == before


def test_the_bank_shows_each_question_with_its_answer(login, manager, quiz):
    html = login(manager).get(reverse("training:quiz-bank", args=[quiz.pk])).content.decode()
    assert "统一社会信用代码共有几位？" in html and "B. 18位" in html
    assert (
        "<strong>ABC</strong>" in html
        and "<strong>对</strong>" in html
        and "<strong>招才引智</strong>" in html
    )
