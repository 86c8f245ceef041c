import datetime as dt

import pytest
from django.utils import timezone

from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.training import quizzes
from cadreforge.training.models import Question

from ..builders import make_participant, make_program


def _answers(attempt, right: bool):
    """Form values answering every drawn question right (or wrong)."""
    values = {}
    for q in quizzes.attempt_questions(attempt):
        if q.kind == Question.Kind.SINGLE:
            values[q.pk] = [str(q.answer if right else (q.answer + 1) % len(q.choices))]
        elif q.kind == Question.Kind.MULTIPLE:
            values[q.pk] = [str(i) for i in (q.answer if right else q.answer[:1])]
        elif q.kind == Question.Kind.TRUE_FALSE:
            values[q.pk] = ["true" if q.answer == right else "false"]
        else:
            values[q.pk] = [q.answer[0] if right else "不知道"]
    return values


@pytest.mark.parametrize(
    ("kind", "answer", "response", "expected"),
    [
        ("single", 1, 1, True),
        ("single", 1, 0, False),
        ("multiple", [0, 2], [2, 0], True),
        ("multiple", [0, 2], [0], False),
        ("multiple", [0, 2], [0, 1, 2], False),
        ("true_false", False, False, True),
        ("true_false", False, True, False),
        ("fill", ["18", "十八"], "１８", True),
        ("fill", ["五证联发"], " 五证 联发 ", True),
        ("fill", ["五证联发"], "五证合一", False),
        ("single", 1, None, False),
    ],
)
def test_every_question_type_is_graded(kind, answer, response, expected):
    question = Question(kind=kind, answer=answer, choices=["甲", "乙", "丙"])
    assert quizzes.is_correct(question, response) is expected


def test_form_values_are_read_per_question_type():
    single = Question(kind="single", choices=["甲", "乙"], answer=0)
    multiple = Question(kind="multiple", choices=["甲", "乙", "丙"], answer=[0, 1])
    truth = Question(kind="true_false", answer=True)
    assert quizzes.parse_response(single, ["1"]) == 1
    assert quizzes.parse_response(single, ["9"]) is None  # no such choice
    assert quizzes.parse_response(multiple, ["2", "0", "0"]) == [0, 2]
    assert quizzes.parse_response(truth, ["对"]) is True
    assert quizzes.parse_response(truth, ["错"]) is False
    assert quizzes.parse_response(truth, []) is None


def test_a_question_whose_answer_does_not_fit_its_type_is_refused(quiz):
    with pytest.raises(DomainError, match="单选题的答案"):
        quizzes.add_question(None, quiz, kind="single", text="?", choices=["甲", "乙"], answer=5)
    with pytest.raises(DomainError, match="判断题"):
        quizzes.add_question(None, quiz, kind="true_false", text="?", answer="对")


def test_all_right_passes_and_scores_full_marks(quiz, participant):
    attempt = quizzes.start_attempt(quiz, participant.cadre)
    result = quizzes.submit_attempt(attempt, _answers(attempt, right=True))
    assert (result.score, result.max_score, result.percent, result.passed) == (4, 4, 100, True)
    assert result.answers.filter(correct=True).count() == 4


def test_below_the_pass_mark_fails(quiz, participant):
    attempt = quizzes.start_attempt(quiz, participant.cadre)
    answers = _answers(attempt, right=True)
    wrong = _answers(attempt, right=False)
    first = attempt.question_ids[0]
    answers[first] = wrong[first]  # 3 of 4 = 75: passes at 75
    second = attempt.question_ids[1]
    answers[second] = wrong[second]  # 2 of 4 = 50
    result = quizzes.submit_attempt(attempt, answers)
    assert (result.score, result.percent, result.passed) == (2, 50, False)


def test_draws_are_random_per_attempt_and_replayable_from_the_seed(quiz, participant):
    for i in range(6):
        quizzes.add_question(None, quiz, kind="true_false", text=f"判断{i}", answer=True)
    quiz.question_count = 3
    quiz.attempt_limit = 10
    quiz.save()
    draws = set()
    for _ in range(5):
        attempt = quizzes.start_attempt(quiz, participant.cadre)
        assert len(set(attempt.question_ids)) == 3
        draws.add(tuple(attempt.question_ids))
        quizzes.submit_attempt(attempt, {})
    assert len(draws) > 1
    a = quizzes.start_attempt(quiz, participant.cadre, seed=42)
    import random

    bank = list(quiz.questions.order_by("pk").values_list("pk", flat=True))
    assert a.question_ids == random.Random(42).sample(bank, 3)


def test_the_attempt_limit_is_enforced(quiz, participant):
    for _ in range(2):
        quizzes.submit_attempt(quizzes.start_attempt(quiz, participant.cadre), {})
    with pytest.raises(DomainError, match="最多可答2次"):
        quizzes.start_attempt(quiz, participant.cadre)


def test_starting_again_returns_the_running_attempt(quiz, participant):
    first = quizzes.start_attempt(quiz, participant.cadre)
    assert quizzes.start_attempt(quiz, participant.cadre).pk == first.pk


def test_answers_after_the_time_limit_count_for_nothing(quiz, participant):
    start = timezone.now()
    attempt = quizzes.start_attempt(quiz, participant.cadre, now=start)
    late = start + dt.timedelta(minutes=11)
    result = quizzes.submit_attempt(attempt, _answers(attempt, right=True), now=late)
    assert result.late and result.score == 0 and result.passed is False


def test_answers_within_the_limit_and_grace_count(quiz, participant):
    start = timezone.now()
    attempt = quizzes.start_attempt(quiz, participant.cadre, now=start)
    result = quizzes.submit_attempt(
        attempt, _answers(attempt, right=True), now=start + dt.timedelta(minutes=10, seconds=20)
    )
    assert not result.late and result.score == 4


def test_an_expired_open_attempt_uses_up_a_try(quiz, participant):
    start = timezone.now()
    quizzes.start_attempt(quiz, participant.cadre, now=start)
    second = quizzes.start_attempt(quiz, participant.cadre, now=start + dt.timedelta(hours=1))
    assert second.number == 2
    assert quiz.attempts.get(number=1).late


def test_a_cadre_outside_the_program_cannot_take_the_test(quiz):
    other = make_participant(make_program("other-program"), "Z1")
    with pytest.raises(PermissionDenied):
        quizzes.start_attempt(quiz, other.cadre)


def test_submitting_twice_is_refused(quiz, participant):
    attempt = quizzes.start_attempt(quiz, participant.cadre)
    quizzes.submit_attempt(attempt, {})
    with pytest.raises(DomainError, match="已交卷"):
        quizzes.submit_attempt(attempt, {})
