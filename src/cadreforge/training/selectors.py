"""Reads of training, scoped to the user like programs.selectors: managers see the programs granted to
them, leaders and auditors every program, a cadre only their own courses, progress and results."""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Max, Q, QuerySet, Sum

from cadreforge.accounts.models import Role, User
from cadreforge.core.errors import NotFound
from cadreforge.people.models import Cadre
from cadreforge.programs.models import Program
from cadreforge.programs.selectors import visible_participants, visible_programs

from .lessons import credited_hours
from .models import (
    Answer,
    Attempt,
    Attendance,
    Course,
    Enrolment,
    Quiz,
    RankRequirement,
    Session,
    Video,
    WatchProgress,
)


def own_cadre(user: User) -> Cadre | None:
    """The cadre record of a logged-in cadre, if any."""
    if not user.is_authenticated:
        return None
    return Cadre.objects.filter(user=user).first()


def visible_courses(user: User, program: Program | None = None) -> QuerySet[Course]:
    qs = Course.objects.filter(program__in=visible_programs(user)).select_related("program")
    if program is not None:
        qs = qs.filter(program=program)
    return qs


def get_visible_course(user: User, pk: int) -> Course:
    course = visible_courses(user).filter(pk=pk).first()
    if course is None:
        raise NotFound("找不到该课程，或您无权查看。")
    return course


def get_visible_session(user: User, pk: int) -> Session:
    session = Session.objects.filter(course__in=visible_courses(user), pk=pk).select_related("course").first()
    if session is None:
        raise NotFound("找不到该课次，或您无权查看。")
    return session


def get_visible_video(user: User, pk: int) -> Video:
    video = Video.objects.filter(course__in=visible_courses(user), pk=pk).select_related("course").first()
    if video is None:
        raise NotFound("找不到该视频，或您无权查看。")
    return video


def visible_quizzes(user: User, program: Program | None = None) -> QuerySet[Quiz]:
    qs = Quiz.objects.filter(program__in=visible_programs(user)).select_related("program")
    if program is not None:
        qs = qs.filter(program=program)
    return qs.annotate(bank_size=Count("questions"))


def get_visible_quiz(user: User, pk: int) -> Quiz:
    quiz = visible_quizzes(user).filter(pk=pk).first()
    if quiz is None:
        raise NotFound("找不到该知识测试，或您无权查看。")
    return quiz


def visible_attempts(user: User) -> QuerySet[Attempt]:
    """Attempts the user may see: a cadre only their own, others those of visible programs."""
    qs = Attempt.objects.filter(quiz__program__in=visible_programs(user)).select_related("quiz", "cadre")
    if user.role == Role.CADRE:
        qs = qs.filter(cadre__user=user)
    return qs


def get_visible_attempt(user: User, pk: int) -> Attempt:
    attempt = visible_attempts(user).filter(pk=pk).first()
    if attempt is None:
        raise NotFound("找不到该次答题，或您无权查看。")
    return attempt


def training_report(program: Program) -> dict:
    """The figures of `cadreforge report training` (spec/cli.md)."""
    submitted = Attempt.objects.filter(quiz__program=program, submitted_at__isnull=False)
    attempts = submitted.count()
    passed = submitted.filter(passed=True).count()
    return {
        "courses": program.courses.count(),
        "sessions": Session.objects.filter(course__program=program).count(),
        "participants": Enrolment.objects.filter(course__program=program).values("cadre").distinct().count(),
        "lectures": Session.objects.filter(course__program=program, kind=Session.Kind.LECTURE).count(),
        "videos": Video.objects.filter(course__program=program).count(),
        "quizzes": program.quizzes.count(),
        "quiz_attempts": attempts,
        "pass_rate": round(passed / attempts, 4) if attempts else 0.0,
    }


def _year_filter(field: str, year: int | None) -> Q:
    return Q(**{f"{field}__year": year}) if year else Q()


def study_hours(cadre: Cadre, year: int | None = None) -> dict:
    """The study hours (学时) a cadre earned in a year (all years when None): completed classes and tours,
    attended lectures and forums, and the time actually watched of online lessons; with the annual
    requirement of their rank."""
    classes = Enrolment.objects.filter(
        Q(cadre=cadre, completed_on__isnull=False) & _year_filter("completed_on", year),
        course__mode__in=[Course.Mode.CLASSROOM, Course.Mode.SITE_VISIT],
    ).aggregate(h=Sum("course__hours"))["h"] or Decimal("0")
    lectures = Attendance.objects.filter(
        Q(cadre=cadre) & _year_filter("session__date", year),
        session__course__mode__in=[Course.Mode.LECTURE, Course.Mode.FORUM],
    ).aggregate(h=Sum("session__hours"))["h"] or Decimal("0")
    seconds = WatchProgress.objects.filter(Q(cadre=cadre) & _year_filter("reported_at", year)).aggregate(
        s=Sum("watched_seconds")
    )["s"]
    lessons = credited_hours(seconds or 0)
    total = Decimal(classes) + Decimal(lectures) + lessons
    requirement = RankRequirement.objects.filter(rank=cadre.rank).first() if cadre.rank else None
    required = requirement.annual_hours if requirement else None
    return {
        "year": year,
        "classes": Decimal(classes),
        "lectures": Decimal(lectures),
        "lessons": lessons,
        "total": total,
        "required": required,
        "met": None if required is None else total >= required,
        "remaining": None if required is None else max(required - total, Decimal("0")),
    }


def program_study_hours(user: User, program: Program, year: int | None = None) -> list[dict]:
    """Per participant of the program the user may see: their hours and requirement (who learned what)."""
    rows = []
    for participant in visible_participants(user, program).order_by("code"):
        rows.append({"participant": participant, **study_hours(participant.cadre, year)})
    return rows


def cadre_record(cadre: Cadre) -> dict:
    """A cadre's training record: enrolments, attendance, watched lessons, best quiz results."""
    return {
        "enrolments": cadre.course_enrolments.select_related("course", "course__program").order_by(
            "-course__start_date"
        ),
        "attendances": cadre.attendances.select_related("session", "session__course").order_by(
            "-session__date"
        ),
        "progress": cadre.watch_progress.select_related("video", "video__course").order_by(
            "video__course", "video__number"
        ),
        "attempts": cadre.quiz_attempts.filter(submitted_at__isnull=False)
        .select_related("quiz")
        .order_by("-submitted_at"),
    }


def quiz_results_by_cadre(quiz: Quiz, user: User) -> QuerySet:
    """Per cadre: attempts used, best percentage, passed or not (a cadre sees only their own row)."""
    qs = visible_attempts(user).filter(quiz=quiz, submitted_at__isnull=False)
    return (
        qs.values("cadre__id", "cadre__name")
        .annotate(attempts=Count("id"), best=Max("percent"), passed=Count("id", filter=Q(passed=True)))
        .order_by("-best", "cadre__name")
    )


def quiz_results_by_question(quiz: Quiz) -> list[dict]:
    """Per question of the bank: how often it was drawn and answered correctly (managers only)."""
    rows = (
        Answer.objects.filter(attempt__quiz=quiz)
        .values("question_id")
        .annotate(drawn=Count("id"), correct=Count("id", filter=Q(correct=True)))
    )
    stats = {r["question_id"]: r for r in rows}
    result = []
    for question in quiz.questions.order_by("pk"):
        s = stats.get(question.pk, {"drawn": 0, "correct": 0})
        rate = round(s["correct"] / s["drawn"], 4) if s["drawn"] else None
        result.append({"question": question, "drawn": s["drawn"], "correct": s["correct"], "rate": rate})
    return result


def passed_attempt(cadre: Cadre, quiz: Quiz) -> Attempt | None:
    """The cadre's best passing attempt, for the certificate."""
    return quiz.attempts.filter(cadre=cadre, passed=True).order_by("-percent", "submitted_at").first()


def current_year() -> int:
    return dt.date.today().year


def course_enrolments(user: User, course: Course) -> QuerySet[Enrolment]:
    """The course's enrolments with `attended` (sessions signed); a cadre sees only their own."""
    qs = course.enrolments.select_related("cadre", "cadre__unit")
    if user.role == Role.CADRE:
        qs = qs.filter(cadre__user=user)
    return qs.annotate(
        attended=Count("cadre__attendances", filter=Q(cadre__attendances__session__course=course))
    ).order_by("cadre__name")


def visible_videos(user: User) -> QuerySet[Video]:
    return Video.objects.filter(course__in=visible_courses(user)).select_related("course", "course__program")
