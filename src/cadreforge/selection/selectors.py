"""Reads of selection, scoped like programs.selectors: managers see the calls of their programs, roles that
see every program see all, and a cadre sees only their own applications (and the calls open to them)."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from cadreforge.accounts.models import Role, User
from cadreforge.core.errors import NotFound
from cadreforge.programs.models import Batch, Program
from cadreforge.programs.selectors import get_batch, visible_programs

from . import rules
from .models import Application, Call, Objection, PanelScore

SHORTLISTED_EVER = [
    Application.Status.SHORTLISTED,
    Application.Status.SELECTED,
    Application.Status.REMOVED,
]


def visible_calls(user: User) -> QuerySet[Call]:
    """Calls the user manages or reads; a cadre sees no call management, only open calls (see open_calls)."""
    qs = Call.objects.select_related("batch__program")
    if not user.is_authenticated or not user.is_active or user.role == Role.CADRE:
        return qs.none()
    return qs.filter(batch__program__in=visible_programs(user))


def with_call_flag(batches: QuerySet[Batch]) -> QuerySet[Batch]:
    """The batches with `has_call` (a call has been published for the batch), in the same query: pages link
    to a batch's call only when there is one."""
    return batches.annotate(has_call=Exists(Call.objects.filter(batch=OuterRef("pk"))))


def open_calls(user: User) -> QuerySet[Call]:
    """Calls still taking applications, for a cadre to apply to."""
    if not user.is_authenticated or not user.is_active:
        return Call.objects.none()
    return Call.objects.select_related("batch__program").filter(
        status=Call.Status.OPEN, deadline__gte=timezone.localdate()
    )


def get_visible_call(user: User, code: str, batch_number: int) -> Call:
    call = visible_calls(user).filter(batch__program__code=code, batch__number=batch_number).first()
    if call is None:
        raise NotFound(f"找不到计划“{code}”第{batch_number}批的选拔公告，或您无权查看。")
    return call


def list_calls(user: User) -> QuerySet[Call]:
    return (
        visible_calls(user)
        .annotate(
            application_count=Count("applications", distinct=True),
            selected_count=Count(
                "applications", filter=Q(applications__status=Application.Status.SELECTED), distinct=True
            ),
        )
        .order_by("batch__program__code", "batch__number")
    )


def list_applications(
    user: User, call: Call, *, status: str = "", track: str = "", channel: str = ""
) -> QuerySet[Application]:
    """The call's applications in ranking order (unranked last), with scores and objections."""
    qs = Application.objects.filter(call=call).select_related("cadre__unit", "call")
    if user.role == Role.CADRE:
        qs = qs.filter(cadre__user=user)
    elif not visible_calls(user).filter(pk=call.pk).exists():
        return qs.none()
    if status:
        qs = qs.filter(status=status)
    if track:
        qs = qs.filter(track=track)
    if channel:
        qs = qs.filter(channel=channel)
    return qs.prefetch_related("panel_scores", "objections").order_by("rank", "id")


def get_visible_application(user: User, pk: int) -> Application:
    qs = Application.objects.select_related("call__batch__program", "cadre__unit")
    qs = qs.filter(cadre__user=user) if user.role == Role.CADRE else qs.filter(call__in=visible_calls(user))
    application = qs.filter(pk=pk).first()
    if application is None:
        raise NotFound("找不到该报名，或您无权查看。")
    return application


def my_applications(user: User) -> QuerySet[Application]:
    """A cadre's own applications and their status."""
    if not user.is_authenticated:
        return Application.objects.none()
    return (
        Application.objects.filter(cadre__user=user)
        .select_related("call__batch__program")
        .prefetch_related(Prefetch("objections", queryset=Objection.objects.none()))
        .order_by("-created_at")
    )


def pending_objections(call: Call) -> QuerySet[Objection]:
    return Objection.objects.filter(application__call=call).select_related("application__cadre")


def explain_application(application: Application) -> dict:
    """What the score and the place are made of, in Chinese: shown to the cadre and to an auditor."""
    call = application.call
    scores = list(application.panel_scores.all())
    parts = rules.score_components(call, application, scores)
    return {
        "components": [
            {"label": rules.WEIGHT_LABELS[name], "points": value} for name, value in parts.items()
        ],
        "assessment": rules.average(scores, PanelScore.Kind.ASSESSMENT),
        "interview": rules.average(scores, PanelScore.Kind.INTERVIEW),
        "priority": application.priority_labels,
        "ineligible": application.ineligible_reasons,
    }


def get_selection_report(program: Program, batch_number: int | None = None) -> dict:
    """`cadreforge report selection`: applications, recommendations, eligible, shortlisted, selected, by track."""
    apps = Application.objects.filter(call__batch__program=program)
    if batch_number is not None:
        apps = apps.filter(call__batch=get_batch(program, batch_number))
    totals = apps.aggregate(
        applicants=Count("id"),
        recommended=Count("id", filter=Q(channel=Application.Channel.RECOMMENDED)),
        eligible=Count("id", filter=Q(rank__isnull=False)),
        shortlisted=Count("id", filter=Q(status__in=SHORTLISTED_EVER)),
        selected=Count("id", filter=Q(status=Application.Status.SELECTED)),
    )
    by_track = {
        row["track"]: {"applicants": row["applicants"], "selected": row["selected"]}
        for row in apps.values("track")
        .annotate(applicants=Count("id"), selected=Count("id", filter=Q(status=Application.Status.SELECTED)))
        .order_by("track")
    }
    return {**totals, "by_track": by_track}
