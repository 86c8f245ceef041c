"""Writes of courses, sessions, enrolments, attendance, platform items and study-hour requirements.

Every function takes the acting user first (None for the system: CLI and demo loader), checks that the
actor may write the program (programs.services.ensure_may_write) and audits the change. Knowledge tests
are in `quizzes.py`, online lessons in `lessons.py`.
"""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cadreforge.accounts.models import Role
from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.core.services import first_message
from cadreforge.core.text import clean
from cadreforge.people.models import Cadre
from cadreforge.programs.models import Participant, Program
from cadreforge.programs.services import ensure_may_write

from .models import Attendance, Course, Enrolment, PlatformItem, RankRequirement, Session

# A class is completed (结业) when the cadre attended at least this share of its sessions.
COMPLETION_ATTENDANCE = Decimal("0.8")


def full_clean(obj) -> None:
    """Model validation, with Django's ValidationError turned into a DomainError (Chinese message)."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise DomainError(first_message(exc)) from exc


@transaction.atomic
def create_course(actor, program: Program, *, code: str, title: str, mode: str, **fields) -> Course:
    """Create a course of a program: a class, a study tour, a lecture or forum series, an online course."""
    ensure_may_write(actor, program)
    if mode not in Course.Mode.values:
        raise DomainError(f"未知的课程形式“{mode}”，可选：{'、'.join(Course.Mode.values)}")
    if program.courses.filter(code=code).exists():
        raise DomainError(f"计划“{program.code}”中已有课程编号“{code}”")
    course = Course(program=program, code=clean(code), title=clean(title), mode=mode, **fields)
    full_clean(course)
    course.save()
    record(actor, "course.create", course, {"program": program.code, "code": course.code, "mode": mode})
    return course


COURSE_EDITABLE = (
    "title",
    "institution",
    "mode",
    "track",
    "topics",
    "hours",
    "start_date",
    "end_date",
    "description",
)


@transaction.atomic
def update_course(actor, course: Course, **fields) -> Course:
    """Change a course's title, institution, mode, track, hours, dates, topics or description; the code
    stays. Audits only the fields that changed."""
    ensure_may_write(actor, course.program)
    unknown = set(fields) - set(COURSE_EDITABLE)
    if unknown:
        raise DomainError(f"课程不能修改这些字段：{'、'.join(sorted(unknown))}")
    mode = fields.get("mode", course.mode)
    if mode not in Course.Mode.values:
        raise DomainError(f"未知的课程形式“{mode}”，可选：{'、'.join(Course.Mode.values)}")
    if mode != Course.Mode.ONLINE and course.mode == Course.Mode.ONLINE and course.videos.exists():
        raise DomainError(f"课程“{course.title}”已有视频课，不能改为非线上形式")
    changes = {}
    for name, value in fields.items():
        if isinstance(value, str):
            value = clean(value)
        if getattr(course, name) != value:
            changes[name] = [getattr(course, name), value]
            setattr(course, name, value)
    if not changes:
        return course
    full_clean(course)
    course.save()
    record(actor, "course.update", course, changes)
    return course


@transaction.atomic
def add_session(actor, course: Course, *, title: str, date: dt.date, **fields) -> Session:
    """Add the next session (课次) to a course: a class, a site visit of the itinerary, a lecture, a forum."""
    ensure_may_write(actor, course.program)
    number = (course.sessions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    session = Session(course=course, number=number, title=clean(title), date=date, **fields)
    full_clean(session)
    session.save()
    record(actor, "session.create", session, {"course": course.code, "number": number, "date": date})
    return session


@transaction.atomic
def enrol(actor, course: Course, cadres: Iterable[Cadre]) -> int:
    """Enrol cadres in a course (already enrolled ones are left as they are); returns how many were new."""
    ensure_may_write(actor, course.program)
    cadres = list(cadres)
    known = set(course.enrolments.filter(cadre__in=cadres).values_list("cadre_id", flat=True))
    new = [Enrolment(course=course, cadre=c) for c in cadres if c.pk not in known]
    Enrolment.objects.bulk_create(new)
    if new:
        record(actor, "course.enrol", course, {"cadres": [e.cadre_id for e in new]})
    return len(new)


def enrol_participants(actor, course: Course, participants: Iterable[Participant] | None = None) -> int:
    """Enrol the participants of the course's program (all of them by default)."""
    participants = course.program.participants.all() if participants is None else participants
    for p in participants:
        if p.program_id != course.program_id:
            raise DomainError(f"干部“{p.cadre.name}”不是计划“{course.program.code}”的参与干部")
    return enrol(actor, course, [p.cadre for p in participants])


@transaction.atomic
def record_attendance(
    actor,
    session: Session,
    cadre: Cadre,
    *,
    method: str = Attendance.Method.MANUAL,
    at: dt.datetime | None = None,
) -> Attendance:
    """Record a cadre present at a session. The cadre must be enrolled in the course or take part in its
    program (then they are enrolled). Signing in twice keeps the first record."""
    course = session.course
    if actor is not None and method == Attendance.Method.MANUAL:
        ensure_may_write(actor, course.program)
    enrolled = course.enrolments.filter(cadre=cadre).exists()
    if not enrolled:
        if not course.program.participants.filter(cadre=cadre).exists():
            raise DomainError(
                f"{cadre.name}未报名“{course.title}”，也不是计划“{course.program.name}”的参与干部，不能签到"
            )
        Enrolment.objects.create(course=course, cadre=cadre)
    existing = session.attendances.filter(cadre=cadre).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                session=session, cadre=cadre, method=method, signed_at=at or timezone.now()
            )
    except IntegrityError:  # signed in twice at the same moment
        return session.attendances.get(cadre=cadre)
    record(actor, "session.attend", attendance, {"session": session.pk, "cadre": cadre.pk, "method": method})
    return attendance


@transaction.atomic
def record_attendances(
    actor, session: Session, cadres: Iterable[Cadre], *, at: dt.datetime | None = None
) -> int:
    """A manager records several cadres present at a session (besides QR sign-in); all or none. Returns how
    many were newly recorded."""
    ensure_may_write(actor, session.course.program)
    before = session.attendances.count()
    for cadre in cadres:
        record_attendance(actor, session, cadre, at=at)
    return session.attendances.count() - before


@transaction.atomic
def complete_enrolment(actor, enrolment: Enrolment, *, on: dt.date | None = None) -> Enrolment:
    """Mark an enrolment completed (结业); a completed class credits the course's hours."""
    ensure_may_write(actor, enrolment.course.program)
    enrolment.completed_on = on or enrolment.course.end_date or timezone.localdate()
    enrolment.save(update_fields=["completed_on", "updated_at"])
    record(actor, "course.complete", enrolment, {"completed_on": enrolment.completed_on})
    return enrolment


@transaction.atomic
def complete_by_attendance(actor, course: Course, *, on: dt.date | None = None) -> int:
    """Complete the enrolments of the cadres who attended at least 80% of the course's sessions; returns
    how many were completed now."""
    ensure_may_write(actor, course.program)
    total = course.sessions.count()
    if total == 0:
        raise DomainError(f"课程“{course.title}”还没有课次，无法按出勤认定结业")
    done = 0
    for enrolment in course.enrolments.filter(completed_on__isnull=True).select_related("cadre"):
        attended = Attendance.objects.filter(session__course=course, cadre=enrolment.cadre).count()
        if Decimal(attended) / total >= COMPLETION_ATTENDANCE:
            complete_enrolment(actor, enrolment, on=on)
            done += 1
    return done


@transaction.atomic
def add_platform_item(
    actor, program: Program, *, platform: str, title: str, date: dt.date, **fields
) -> PlatformItem:
    """Record a salon (潮声), a research topic (潮研) or a journal issue (潮闻) of a camp."""
    ensure_may_write(actor, program)
    members = fields.pop("members", [])
    item = PlatformItem(program=program, platform=platform, title=clean(title), date=date, **fields)
    full_clean(item)
    item.save()
    item.members.set(members)
    record(actor, "platform.create", item, {"program": program.code, "platform": platform, "title": title})
    return item


@transaction.atomic
def set_rank_requirement(actor, rank: str, annual_hours: Decimal) -> RankRequirement:
    """Set the annual study hours (学时) required of cadres of a rank: a system-wide rule, so only the
    system administrator (or the system itself) may set it."""
    ensure_may_write(actor)
    if actor is not None and actor.role != Role.SYSTEM_ADMIN:
        raise PermissionDenied("只有系统管理员可以设置年度学时要求。")
    if annual_hours < 0:
        raise DomainError("年度学时要求不能为负数")
    existing = RankRequirement.objects.filter(rank=clean(rank)).first()
    if existing is not None and existing.annual_hours == annual_hours:
        return existing  # nothing changes, so nothing to audit
    requirement, _ = RankRequirement.objects.update_or_create(
        rank=clean(rank), defaults={"annual_hours": annual_hours}
    )
    record(actor, "training.requirement", requirement, {"rank": rank, "annual_hours": annual_hours})
    return requirement
