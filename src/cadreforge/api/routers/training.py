"""Training (教育培训): the program's figures (as `report training --json`), its courses and knowledge
tests, and a cadre's study hours."""

from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from cadreforge.programs.selectors import get_visible_cadre
from cadreforge.training import selectors

from ..auth import user_of
from .common import Pages, program_for

router = Router(tags=["教育培训"])


class TrainingOut(Schema):
    courses: int
    sessions: int
    participants: int
    lectures: int
    videos: int
    quizzes: int
    quiz_attempts: int
    pass_rate: float = Field(description="及格人次/答题人次，0到1")


class CourseOut(Schema):
    id: int
    code: str
    title: str
    mode: str
    institution: str
    track: str
    hours: Decimal
    start_date: str | None = None
    end_date: str | None = None

    @staticmethod
    def resolve_start_date(obj) -> str | None:
        return obj.start_date.isoformat() if obj.start_date else None

    @staticmethod
    def resolve_end_date(obj) -> str | None:
        return obj.end_date.isoformat() if obj.end_date else None


class QuizOut(Schema):
    id: int
    number: int
    title: str
    question_count: int
    time_limit_minutes: int
    attempt_limit: int
    pass_mark: int


class HoursOut(Schema):
    year: int | None
    classes: Decimal
    lectures: Decimal
    lessons: Decimal
    total: Decimal
    required: Decimal | None
    met: bool | None


class YearFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="年度，缺省为全部年度")


@router.get(
    "/programs/{code}/training",
    response=TrainingOut,
    summary="计划的培训概况（与 report training --json 相同）",
)
def training(request: HttpRequest, code: str):
    return selectors.training_report(program_for(request, code))


@router.get("/programs/{code}/courses", response=list[CourseOut], summary="计划的课程")
@paginate(Pages)
def courses(request: HttpRequest, code: str):
    return selectors.visible_courses(user_of(request), program_for(request, code)).order_by(
        "start_date", "code"
    )


@router.get("/programs/{code}/quizzes", response=list[QuizOut], summary="计划的知识测试")
@paginate(Pages)
def quizzes(request: HttpRequest, code: str):
    return selectors.visible_quizzes(user_of(request), program_for(request, code)).order_by("number")


@router.get("/cadres/{pk}/study-hours", response=HoursOut, summary="干部的学时（与年度要求对照）")
def study_hours(request: HttpRequest, pk: int, filters: Query[YearFilter]):
    cadre = get_visible_cadre(user_of(request), pk)
    return selectors.study_hours(cadre, filters.year)
