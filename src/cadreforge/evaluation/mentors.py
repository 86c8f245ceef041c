"""Growth mentors (成长导师) and shadowing logs (跟班学习记录): writes and the reads scoped to the user.

The organisation department pairs a cadre with a mentor and enters the mentor's comments; the cadre keeps
the log of their own pairing. Pairings are read by the program's managers and verifiers, by roles that
see every program, and by the mentee — a cadre never sees another cadre's pairing.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from cadreforge.accounts.models import Role, User
from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError, NotFound, PermissionDenied
from cadreforge.people.models import Cadre
from cadreforge.programs.models import Participant, Program
from cadreforge.programs.selectors import visible_programs
from cadreforge.programs.services import ensure_may_write

from .models import MentorPairing, ShadowingLog

MAX_HOURS_A_DAY = Decimal(24)
MAX_TEXT = 2000


# Reads


def visible_pairings(user: User) -> QuerySet[MentorPairing]:
    qs = MentorPairing.objects.select_related("participant__cadre", "participant__program", "mentor_cadre")
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.role == Role.CADRE:
        return qs.filter(participant__cadre__user=user)
    return qs.filter(participant__program__in=visible_programs(user))


def list_pairings(user: User, program: Program) -> QuerySet[MentorPairing]:
    """The program's pairings the user may see, with `log_count` and `log_hours`."""
    return (
        visible_pairings(user)
        .filter(participant__program=program)
        .annotate(log_count=Count("logs"), log_hours=Sum("logs__hours"))
        .order_by("participant__code", "start_date")
    )


def get_visible_pairing(user: User, pk: int, program: Program | None = None) -> MentorPairing:
    qs = visible_pairings(user)
    if program is not None:
        qs = qs.filter(participant__program=program)
    pairing = qs.filter(pk=pk).first()
    if pairing is None:
        raise NotFound("找不到该导师结对，或您无权查看。")
    return pairing


def is_mentee(user: User, pairing: MentorPairing) -> bool:
    return user.is_authenticated and pairing.participant.cadre.user_id == user.pk


def pairing_totals(pairing: MentorPairing) -> dict:
    agg = pairing.logs.aggregate(days=Count("date", distinct=True), hours=Sum("hours"), entries=Count("id"))
    return {"days": agg["days"], "hours": agg["hours"] or Decimal(0), "entries": agg["entries"]}


# Writes


def _text(value: str, what: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(f"{what}不能为空。")
    if len(value) > limit:
        raise DomainError(f"{what}不能超过{limit}字（现为{len(value)}字）。")
    return value


def _mentor(participant: Participant, mentor_cadre: Cadre | None, name: str, post: str) -> tuple[str, str]:
    """The mentor's name and post: taken from the cadre on file unless typed."""
    if mentor_cadre is not None:
        if mentor_cadre.pk == participant.cadre_id:
            raise DomainError(f"干部{participant.code}不能担任自己的成长导师。")
        name = name.strip() or mentor_cadre.name
        post = post.strip() or " ".join(x for x in (str(mentor_cadre.unit), mentor_cadre.position) if x)
    name = _text(name, "导师姓名", limit=64)
    post = _text(post, "导师单位及职务", limit=128)
    return name, post


def _check_dates(start: dt.date | None, end: dt.date | None) -> None:
    if start is None:
        raise DomainError("导师结对须填写开始日期。")
    if end is not None and end < start:
        raise DomainError(f"导师结对的结束日期（{end}）早于开始日期（{start}）。")


def _check_logs_inside(pairing: MentorPairing, start: dt.date, end: dt.date | None) -> None:
    outside = Q(date__lt=start) | Q(date__gt=end) if end else Q(date__lt=start)
    first = pairing.logs.filter(outside).order_by("date").first()
    if first is not None:
        raise DomainError(f"已有{first.date}的跟班学习记录，结对期间须包含已记录的日期。")


@transaction.atomic
def pair_mentor(
    actor: User | None,
    participant: Participant,
    *,
    start_date: dt.date,
    goals: str,
    mentor_cadre: Cadre | None = None,
    mentor_name: str = "",
    mentor_post: str = "",
    place: str = "",
    end_date: dt.date | None = None,
) -> MentorPairing:
    """结对: the organisation department pairs a cadre of its program with a growth mentor."""
    ensure_may_write(actor, participant.program)
    name, post = _mentor(participant, mentor_cadre, mentor_name, mentor_post)
    _check_dates(start_date, end_date)
    goals = _text(goals, "培养目标")
    clash = MentorPairing.objects.filter(participant=participant, mentor_name=name, start_date=start_date)
    if clash.exists():
        raise DomainError(f"干部{participant.code}已于{start_date}与导师{name}结对。")
    pairing = MentorPairing.objects.create(
        participant=participant, mentor_cadre=mentor_cadre, mentor_name=name, mentor_post=post,
        place=_text(place, "跟班单位", required=False, limit=128), start_date=start_date,
        end_date=end_date, goals=goals,
    )  # fmt: skip
    record(actor, "mentor.pair", pairing, {"participant": participant.code, "mentor": name})
    return pairing


@transaction.atomic
def update_pairing(
    actor: User | None,
    pairing: MentorPairing,
    *,
    start_date: dt.date,
    goals: str,
    mentor_cadre: Cadre | None = None,
    mentor_name: str = "",
    mentor_post: str = "",
    place: str = "",
    end_date: dt.date | None = None,
) -> MentorPairing:
    """Correct a pairing; its period must still contain every log already written."""
    ensure_may_write(actor, pairing.participant.program)
    name, post = _mentor(pairing.participant, mentor_cadre, mentor_name, mentor_post)
    _check_dates(start_date, end_date)
    _check_logs_inside(pairing, start_date, end_date)
    before = {"mentor": pairing.mentor_name, "start": str(pairing.start_date), "end": str(pairing.end_date)}
    pairing.mentor_cadre, pairing.mentor_name, pairing.mentor_post = mentor_cadre, name, post
    pairing.place = _text(place, "跟班单位", required=False, limit=128)
    pairing.start_date, pairing.end_date = start_date, end_date
    pairing.goals = _text(goals, "培养目标")
    pairing.save()
    after = {"mentor": name, "start": str(start_date), "end": str(end_date)}
    record(actor, "mentor.update", pairing, {"before": before, "after": after})
    return pairing


def _hours(raw: Decimal | int | str) -> Decimal:
    try:
        hours = Decimal(str(raw).strip())
    except InvalidOperation as exc:
        raise DomainError(f"时长“{raw}”不是数字。") from exc
    if not hours.is_finite() or hours <= 0 or hours > MAX_HOURS_A_DAY:
        raise DomainError(f"时长应大于0且不超过{MAX_HOURS_A_DAY}小时（现为{raw}）。")
    if hours != hours.quantize(Decimal("0.1")):
        raise DomainError(f"时长最多保留一位小数（现为{raw}）。")
    return hours


@transaction.atomic
def add_log(
    actor: User | None,
    pairing: MentorPairing,
    *,
    date: dt.date,
    activity: str,
    hours: Decimal | int | str,
    learned: str = "",
    today: dt.date | None = None,
) -> ShadowingLog:
    """记录: the mentee writes a day of their own pairing — inside its period, not in the future, and no
    more than 24 hours on one day."""
    if actor is not None and not is_mentee(actor, pairing):
        raise PermissionDenied("跟班学习记录只能由学员本人填写。")
    today = today or timezone.localdate()
    if date is None:
        raise DomainError("跟班学习记录须填写日期。")
    if date > today:
        raise DomainError(f"不能填写未来日期（{date}）的跟班学习记录。")
    if date < pairing.start_date or (pairing.end_date and date > pairing.end_date):
        period = f"{pairing.start_date}至{pairing.end_date or '今'}"
        raise DomainError(f"{date}不在结对期间（{period}）内。")
    hours = _hours(hours)
    already = pairing.logs.filter(date=date).aggregate(s=Sum("hours"))["s"] or Decimal(0)
    if already + hours > MAX_HOURS_A_DAY:
        done, more = (format(h.quantize(Decimal("0.1")), "f") for h in (already, hours))
        raise DomainError(f"{date}已记录{done}小时，再加{more}小时将超过一天24小时。")
    log = ShadowingLog.objects.create(
        pairing=pairing,
        date=date,
        activity=_text(activity, "跟班内容"),
        learned=_text(learned, "收获体会", required=False),
        hours=hours,
    )
    record(actor, "mentor.log", log, {"pairing": pairing.pk, "date": str(date), "hours": str(hours)})
    return log


@transaction.atomic
def comment_log(
    actor: User | None, log: ShadowingLog, *, comment: str, today: dt.date | None = None
) -> ShadowingLog:
    """导师点评: entered by the organisation department on the mentor's behalf."""
    ensure_may_write(actor, log.pairing.participant.program)
    log.mentor_comment = _text(comment, "导师点评")
    log.commented_by = actor if actor and actor.pk else None
    log.commented_on = today or timezone.localdate()
    log.save()
    record(actor, "mentor.comment", log, {"pairing": log.pairing_id, "date": str(log.date)})
    return log
