"""Knowledge tests (知识测试): the question bank, random draws, attempts within the time and attempt
limits, and automatic grading of every question type. The server enforces the time limit: answers
arriving after the deadline (plus a short grace for the network) are not counted."""

import datetime as dt
import random
import secrets
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.people.models import Cadre
from cadreforge.programs.models import Program
from cadreforge.programs.services import ensure_may_write

from .models import Answer, Attempt, Course, Question, Quiz
from .services import full_clean

GRACE = dt.timedelta(seconds=30)
TRUE_WORDS = {"true", "1", "对", "正确", "是", "√"}
FALSE_WORDS = {"false", "0", "错", "错误", "否", "×"}


@transaction.atomic
def create_quiz(
    actor, program: Program, *, number: int, title: str, question_count: int, time_limit_minutes: int,
    attempt_limit: int = 3, pass_mark: int = 60, course: Course | None = None,
) -> Quiz:  # fmt: skip
    ensure_may_write(actor, program)
    if program.quizzes.filter(number=number).exists():
        raise DomainError(f"计划“{program.code}”中已有第{number}期知识测试")
    quiz = Quiz(
        program=program, course=course, number=number, title=title, question_count=question_count,
        time_limit_minutes=time_limit_minutes, attempt_limit=attempt_limit, pass_mark=pass_mark,
    )  # fmt: skip
    full_clean(quiz)
    quiz.save()
    record(actor, "quiz.create", quiz, {"program": program.code, "number": number, "title": title})
    return quiz


QUIZ_EDITABLE = ("title", "course", "question_count", "time_limit_minutes", "attempt_limit", "pass_mark")


@transaction.atomic
def update_quiz(actor, quiz: Quiz, **fields) -> Quiz:
    """Change a quiz's title, course, draw size, time limit, attempt limit or pass mark (audited)."""
    ensure_may_write(actor, quiz.program)
    unknown = set(fields) - set(QUIZ_EDITABLE)
    if unknown:
        raise DomainError(f"知识测试不能修改这些字段：{'、'.join(sorted(unknown))}")
    course = fields.get("course")
    if course is not None and course.program_id != quiz.program_id:
        raise DomainError(f"课程“{course.title}”不属于计划“{quiz.program.code}”")
    changes = {}
    for name, value in fields.items():
        if getattr(quiz, name) != value:
            old = getattr(quiz, name)
            changes[name] = [str(old) if old is not None else None, str(value) if value is not None else None]
            setattr(quiz, name, value)
    if not changes:
        return quiz
    full_clean(quiz)
    quiz.save()
    record(actor, "quiz.update", quiz, changes)
    return quiz


def _check_answer_shape(kind: str, choices: list, answer) -> None:
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and len(choices) < 2:
        raise DomainError("选择题至少要有两个选项")
    if kind == Question.Kind.SINGLE:
        if not isinstance(answer, int) or isinstance(answer, bool) or not 0 <= answer < len(choices):
            raise DomainError("单选题的答案应为一个选项序号")
    elif kind == Question.Kind.MULTIPLE:
        if (
            not isinstance(answer, list)
            or not answer
            or not all(isinstance(i, int) and 0 <= i < len(choices) for i in answer)
        ):
            raise DomainError("多选题的答案应为若干选项序号")
    elif kind == Question.Kind.TRUE_FALSE:
        if not isinstance(answer, bool):
            raise DomainError("判断题的答案应为“对”或“错”")
    elif kind == Question.Kind.FILL:
        if (
            not isinstance(answer, list)
            or not answer
            or not all(isinstance(a, str) and a.strip() for a in answer)
        ):
            raise DomainError("填空题的答案应为一个或多个可接受的文字")
    else:
        raise DomainError(f"未知的题型“{kind}”")


@transaction.atomic
def add_question(
    actor, quiz: Quiz, *, kind: str, text: str, answer, choices: list[str] | None = None,
    explanation: str = "", points: int = 1,
) -> Question:  # fmt: skip
    """Add a question to a quiz's bank, after checking that its answer fits its type."""
    ensure_may_write(actor, quiz.program)
    choices = list(choices or [])
    if kind == Question.Kind.MULTIPLE and isinstance(answer, list):
        answer = sorted(set(answer))
    _check_answer_shape(kind, choices, answer)
    question = Question(
        quiz=quiz,
        kind=kind,
        text=text,
        choices=choices,
        answer=answer,
        explanation=explanation,
        points=points,
    )
    full_clean(question)
    question.save()
    record(actor, "question.create", question, {"quiz": quiz.pk, "kind": kind})
    return question


def normalise_text(value: str) -> str:
    """Fill-in answers compare full-width and half-width alike, without spaces or case."""
    return "".join(unicodedata.normalize("NFKC", value).split()).casefold()


def is_correct(question: Question, response) -> bool:
    """Grade one response: exact choice, the exact set of choices, the right truth value, or an accepted text."""
    if response is None:
        return False
    kind = question.kind
    if kind == Question.Kind.SINGLE:
        return response == question.answer
    if kind == Question.Kind.MULTIPLE:
        return sorted(set(response)) == sorted(question.answer)
    if kind == Question.Kind.TRUE_FALSE:
        return response is question.answer
    return normalise_text(response) in {normalise_text(a) for a in question.answer}


def parse_response(question: Question, raw: list[str]):
    """A form's values for one question → the response to grade (None when not answered)."""
    values = [v.strip() for v in raw if v.strip()]
    if not values:
        return None
    kind = question.kind
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        picked = sorted({int(v) for v in values if v.isdigit() and int(v) < len(question.choices)})
        if not picked:
            return None
        return picked[0] if kind == Question.Kind.SINGLE else picked
    if kind == Question.Kind.TRUE_FALSE:
        word = values[0].casefold()
        return True if word in TRUE_WORDS else False if word in FALSE_WORDS else None
    return values[0][:200]


def _cadre_may_take(quiz: Quiz, cadre: Cadre) -> None:
    if not quiz.program.participants.filter(cadre=cadre).exists():
        raise PermissionDenied(f"{cadre.name}不是计划“{quiz.program.name}”的参与干部，不能参加该测试")


def _expire_open_attempts(quiz: Quiz, cadre: Cadre, now: dt.datetime) -> None:
    for attempt in quiz.attempts.filter(cadre=cadre, submitted_at__isnull=True, deadline__lt=now - GRACE):
        submit_attempt(attempt, {}, now=now)


@transaction.atomic
def start_attempt(
    quiz: Quiz, cadre: Cadre, *, now: dt.datetime | None = None, seed: int | None = None
) -> Attempt:
    """Start an attempt, or return the cadre's attempt still running. Draws `question_count` questions of
    the bank with a seed of its own (kept, so the draw can be replayed)."""
    now = now or timezone.now()
    _cadre_may_take(quiz, cadre)
    Cadre.objects.select_for_update().filter(pk=cadre.pk).first()  # one start at a time per cadre
    _expire_open_attempts(quiz, cadre, now)
    running = quiz.attempts.filter(cadre=cadre, submitted_at__isnull=True).first()
    if running is not None:
        return running
    used = quiz.attempts.filter(cadre=cadre).count()
    if used >= quiz.attempt_limit:
        raise DomainError(f"“{quiz.title}”最多可答{quiz.attempt_limit}次，您已用完")
    bank = list(quiz.questions.order_by("pk").values_list("pk", flat=True))
    if len(bank) < quiz.question_count:
        raise DomainError(f"“{quiz.title}”题库只有{len(bank)}题，不足每次抽取的{quiz.question_count}题")
    seed = secrets.randbits(48) if seed is None else seed
    drawn = random.Random(seed).sample(bank, quiz.question_count)
    attempt = Attempt.objects.create(
        quiz=quiz, cadre=cadre, number=used + 1, seed=seed, question_ids=drawn, started_at=now,
        deadline=now + dt.timedelta(minutes=quiz.time_limit_minutes),
    )  # fmt: skip
    record(None, "quiz.start", attempt, {"quiz": quiz.pk, "cadre": cadre.pk, "number": attempt.number})
    return attempt


def attempt_questions(attempt: Attempt) -> list[Question]:
    """The attempt's questions in the order they were drawn."""
    by_id = Question.objects.in_bulk(attempt.question_ids)
    return [by_id[i] for i in attempt.question_ids if i in by_id]


@transaction.atomic
def submit_attempt(
    attempt: Attempt, raw_answers: dict[int, list[str]], *, now: dt.datetime | None = None
) -> Attempt:
    """Grade and close an attempt. `raw_answers` maps question id → the form's values. After the deadline
    (plus grace) no answer is counted and the attempt is marked late."""
    now = now or timezone.now()
    attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if attempt.submitted_at is not None:
        raise DomainError("该次答题已交卷，不能重复提交")
    late = now > attempt.deadline + GRACE
    score = max_score = 0
    answers = []
    for question in attempt_questions(attempt):
        response = None if late else parse_response(question, raw_answers.get(question.pk, []))
        correct = is_correct(question, response)
        points = question.points if correct else 0
        score += points
        max_score += question.points
        answers.append(
            Answer(attempt=attempt, question=question, response=response, correct=correct, points=points)
        )
    Answer.objects.bulk_create(answers)
    percent = (
        (Decimal(score * 100) / max_score).quantize(Decimal("0.1"), ROUND_HALF_UP)
        if max_score
        else Decimal(0)
    )
    attempt.submitted_at = now
    attempt.score, attempt.max_score, attempt.percent = score, max_score, percent
    attempt.passed = percent >= attempt.quiz.pass_mark
    attempt.late = late
    attempt.save()
    record(
        None,
        "quiz.submit",
        attempt,
        {"score": score, "max": max_score, "passed": attempt.passed, "late": late},
    )
    return attempt
