"""Writes of selection: calls and their rules, applications and recommendations, panel scores, ranking,
shortlist and publicity (公示), objections, and the final decision that enrols the selected cadres.
Every function is transactional and audited; the acting user comes first (None = the system)."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from cadreforge.accounts.models import Role, User
from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.core.text import clean
from cadreforge.people.models import Cadre
from cadreforge.programs.models import Batch
from cadreforge.programs.services import enrol_cadre, ensure_may_write

from . import rules
from .models import TIE_BREAKS, Application, Call, Objection, PanelScore, PriorityRule

CALL_FIELDS = (
    "title", "quota", "deadline", "tracks", "track_quotas", "unit_quota", "allowed_ranks", "max_age",
    "age_reference_date", "min_years_in_post", "allowed_unit_kinds", "priority_mode", "weights",
    "tie_breaks", "publicity_days", "code_prefix",
)  # fmt: skip


def _check_call_fields(fields: dict) -> None:
    unknown = set(fields) - set(CALL_FIELDS)
    if unknown:
        raise TypeError(f"unknown call fields: {sorted(unknown)}")
    bad = rules.validate_tie_breaks(fields.get("tie_breaks") or [])
    if bad:
        raise DomainError(f"未知的同分排序规则：{'、'.join(bad)}（可用：{'、'.join(TIE_BREAKS)}）")
    if fields.get("priority_mode", Call.PriorityMode.TIERS) not in Call.PriorityMode.values:
        raise DomainError(f"未知的优先规则方式“{fields['priority_mode']}”")
    quota = fields.get("quota")
    if quota is not None and quota < 1:
        raise DomainError("选拔名额至少为1")
    track_quotas = fields.get("track_quotas") or {}
    unknown_tracks = set(track_quotas) - set(fields.get("tracks") or [])
    if unknown_tracks:
        raise DomainError(f"方向名额中的“{'、'.join(sorted(unknown_tracks))}”不是公告的方向")


@transaction.atomic
def create_call(actor: User | None, batch: Batch, **fields) -> Call:
    """Open a call for one batch; its quota defaults to the batch's planned number."""
    ensure_may_write(actor, batch.program)
    if Call.objects.filter(batch=batch).exists():
        raise DomainError(f"{batch.program.name}{batch}已有选拔公告")
    fields.setdefault("quota", batch.quota or 0)
    _check_call_fields(fields)
    call = Call.objects.create(batch=batch, **fields)
    if batch.status == Batch.Status.PLANNED:
        batch.status = Batch.Status.SELECTING
        batch.save(update_fields=["status", "updated_at"])
    record(actor, "call.create", call, {"program": batch.program.code, "batch": batch.number, **fields})
    return call


@transaction.atomic
def update_call(actor: User | None, call: Call, **fields) -> Call:
    ensure_may_write(actor, call.batch.program)
    if call.status != Call.Status.OPEN:
        raise DomainError("公示开始后不能再修改选拔规则")
    _check_call_fields({**{k: getattr(call, k) for k in CALL_FIELDS}, **fields})
    before = {k: getattr(call, k) for k in fields}
    for key, value in fields.items():
        setattr(call, key, value)
    call.save()
    record(actor, "call.update", call, {"before": before, "after": fields})
    return call


@transaction.atomic
def set_priority_rules(actor: User | None, call: Call, rule_rows: list[dict]) -> list[PriorityRule]:
    """Replace the call's priority rules by these rows (label, tier, points and conditions)."""
    ensure_may_write(actor, call.batch.program)
    if call.status != Call.Status.OPEN:
        raise DomainError("公示开始后不能再修改优先规则")
    call.priority_rules.all().delete()
    created = []
    for order, row in enumerate(rule_rows, start=1):
        label = clean(row.get("label"))
        if not label:
            raise DomainError(f"第{order}条优先规则缺少名称")
        flag = row.get("flag", "")
        if flag not in PriorityRule.Flag.values:
            raise DomainError(f"优先规则“{label}”的经历要求“{flag}”无效")
        created.append(
            PriorityRule.objects.create(
                call=call,
                order=order,
                label=label,
                tier=int(row.get("tier", 1)),
                points=Decimal(str(row.get("points", 0))),
                unit_kinds=list(row.get("unit_kinds", [])),
                unit_keywords=list(row.get("unit_keywords", [])),
                position_keywords=list(row.get("position_keywords", [])),
                tags=list(row.get("tags", [])),
                flag=flag,
            )
        )
    record(actor, "call.priority_rules", call, {"rules": [r["label"] for r in rule_rows]})
    return created


def _ensure_may_apply(actor: User | None, call: Call, cadre: Cadre, channel: str) -> None:
    if actor is not None and actor.role == Role.CADRE:
        if channel != Application.Channel.SELF or getattr(actor, "cadre", None) != cadre:
            raise PermissionDenied("干部只能本人报名。")
        if timezone.localdate() > call.deadline:
            raise DomainError(f"报名已于{call.deadline:%Y-%m-%d}截止")
    else:
        ensure_may_write(actor, call.batch.program)


@transaction.atomic
def submit_application(
    actor: User | None,
    call: Call,
    cadre: Cadre,
    *,
    track: str = "",
    channel: str = Application.Channel.SELF,
    recommender: str = "",
    reason: str = "",
    years_in_post: Decimal | str | int = 0,
) -> Application:
    """An application by the cadre (个人报名) or by the organisation (组织推荐, naming the recommender)."""
    _ensure_may_apply(actor, call, cadre, channel)
    if call.status != Call.Status.OPEN:
        raise DomainError("该公告已停止报名")
    if channel not in Application.Channel.values:
        raise DomainError(f"未知的报名方式“{channel}”")
    if channel == Application.Channel.RECOMMENDED and not clean(recommender):
        raise DomainError("组织推荐须填写推荐单位或推荐人")
    if call.applications.filter(cadre=cadre).exists():
        raise DomainError(f"干部“{cadre.name}”已报名该公告")
    try:
        years = Decimal(str(years_in_post))
    except InvalidOperation as exc:
        raise DomainError(f"任现职年限“{years_in_post}”不是数字") from exc
    application = Application.objects.create(
        call=call,
        cadre=cadre,
        track=clean(track),
        channel=channel,
        recommender=clean(recommender),
        reason=reason.strip(),
        years_in_post=years,
    )
    record(
        actor, "application.submit", application, {"cadre": cadre.name, "channel": channel, "track": track}
    )
    return application


@transaction.atomic
def record_panel_score(
    actor: User | None, application: Application, *, kind: str, score, panelist_name: str = ""
) -> PanelScore:
    """One panel member's score (0–100) for one application; entering it again replaces it."""
    ensure_may_write(actor, application.call.batch.program)
    if kind not in PanelScore.Kind.values:
        raise DomainError(f"未知的打分类型“{kind}”")
    try:
        value = Decimal(str(score))
    except InvalidOperation as exc:
        raise DomainError(f"分数“{score}”不是数字") from exc
    if not Decimal(0) <= value <= Decimal(100):
        raise DomainError(f"分数应在0到100之间，收到{value}")
    name = clean(panelist_name) or (str(actor) if actor else "系统")
    panel_score, _ = PanelScore.objects.update_or_create(
        application=application,
        kind=kind,
        panelist_name=name,
        defaults={"score": value, "panelist": actor if getattr(actor, "pk", None) else None},
    )
    record(actor, "application.score", application, {"kind": kind, "panelist": name, "score": value})
    return panel_score


@transaction.atomic
def evaluate_call(actor: User | None, call: Call) -> list[Application]:
    """Check eligibility, apply the priority rules, score and rank every application; returns the ranking."""
    ensure_may_write(actor, call.batch.program)
    priority_rules = list(call.priority_rules.all())
    apps = list(
        call.applications.select_related("cadre__unit__parent__parent__parent").prefetch_related(
            "panel_scores"
        )
    )
    ranked = []
    for app in apps:
        problems = rules.eligibility_problems(call, app)
        app.ineligible_reasons = problems
        app.priority_tier, app.priority_points, app.priority_labels = rules.priority_of(priority_rules, app)
        scores = list(app.panel_scores.all())
        app.score = sum(rules.score_components(call, app, scores).values(), Decimal(0))
        if call.status == Call.Status.OPEN:
            app.status = Application.Status.INELIGIBLE if problems else Application.Status.SUBMITTED
        app.rank = None
        if not problems:
            ranked.append((rules.ranking_key(call, app, scores), app))
    ranked.sort(key=lambda pair: pair[0])
    for place, (_, app) in enumerate(ranked, start=1):
        app.rank = place
    Application.objects.bulk_update(
        apps,
        [
            "ineligible_reasons",
            "priority_tier",
            "priority_points",
            "priority_labels",
            "score",
            "status",
            "rank",
        ],
    )
    record(actor, "call.evaluate", call, {"applications": len(apps), "eligible": len(ranked)})
    return [app for _, app in ranked]


@transaction.atomic
def shortlist(actor: User | None, call: Call, *, publicity_start: dt.date | None = None) -> list[Application]:
    """Take the ranking within the quotas as the shortlist (拟入选) and start the publicity period."""
    ensure_may_write(actor, call.batch.program)
    if call.status == Call.Status.DECIDED:
        raise DomainError("该公告已作出最终决定")
    ranked = evaluate_call(actor, call)
    candidates = [a for a in ranked if a.status != Application.Status.REMOVED]
    chosen = rules.pick_within_quotas(call, candidates)
    chosen_ids = {a.pk for a in chosen}
    for app in candidates:
        app.status = Application.Status.SHORTLISTED if app.pk in chosen_ids else Application.Status.SUBMITTED
    Application.objects.bulk_update(candidates, ["status"])
    call.status = Call.Status.PUBLICITY
    call.publicity_start = publicity_start or timezone.localdate()
    call.save(update_fields=["status", "publicity_start", "updated_at"])
    record(actor, "call.shortlist", call, {"shortlisted": [a.cadre.name for a in chosen]})
    return chosen


def publicity_end(call: Call) -> dt.date | None:
    """The last day of publicity (公示期), counting the first day."""
    if call.publicity_start is None:
        return None
    return call.publicity_start + dt.timedelta(days=call.publicity_days - 1)


@transaction.atomic
def record_objection(
    actor: User | None, application: Application, *, content: str, raised_by: str = "", raised_on: dt.date
) -> Objection:
    ensure_may_write(actor, application.call.batch.program)
    if application.status != Application.Status.SHORTLISTED:
        raise DomainError(f"干部“{application.cadre.name}”不在公示名单中，不能登记异议")
    end = publicity_end(application.call)
    if end is not None and not application.call.publicity_start <= raised_on <= end:
        raise DomainError(f"异议须在公示期内（{application.call.publicity_start}至{end}）提出")
    if not content.strip():
        raise DomainError("异议内容不能为空")
    objection = Objection.objects.create(
        application=application, content=content.strip(), raised_by=clean(raised_by), raised_on=raised_on
    )
    record(
        actor, "objection.create", objection, {"application": application.pk, "content": objection.content}
    )
    return objection


@transaction.atomic
def resolve_objection(
    actor: User | None, objection: Objection, *, upheld: bool, resolution: str, resolved_on: dt.date
) -> Objection:
    """Close an objection after checking it. An upheld objection takes the cadre off the shortlist;
    shortlisting again fills the place from the ranking."""
    application = objection.application
    ensure_may_write(actor, application.call.batch.program)
    if objection.upheld is not None:
        raise DomainError("该异议已办结")
    if not resolution.strip():
        raise DomainError("办结异议须写明核查结论")
    objection.upheld, objection.resolution, objection.resolved_on = upheld, resolution.strip(), resolved_on
    objection.save()
    if upheld:
        application.status = Application.Status.REMOVED
        application.save(update_fields=["status", "updated_at"])
    record(actor, "objection.resolve", objection, {"upheld": upheld, "resolution": objection.resolution})
    return objection


@transaction.atomic
def decide(actor: User | None, call: Call, *, today: dt.date | None = None) -> list[Application]:
    """Final decision after publicity: the shortlisted are selected and enrolled in the batch (a cadre
    already in the program keeps their record); the others are not selected."""
    program = call.batch.program
    ensure_may_write(actor, program)
    today = today or timezone.localdate()
    if call.status != Call.Status.PUBLICITY:
        raise DomainError("须先确定拟入选名单并公示，才能作出最终决定")
    end = publicity_end(call)
    if today <= end:
        raise DomainError(f"公示期至{end}结束，期满后才能作出最终决定")
    pending = Objection.objects.filter(application__call=call, upheld__isnull=True).count()
    if pending:
        raise DomainError(f"还有{pending}条公示异议未办结")
    chosen = list(call.applications.filter(status=Application.Status.SHORTLISTED).select_related("cadre"))
    taken_codes = set(program.participants.values_list("code", flat=True))
    number = 0
    for app in sorted(chosen, key=lambda a: a.rank or 0):
        participant = program.participants.filter(cadre=app.cadre).first()
        if participant is None:
            number += 1
            while f"{call.code_prefix}{number:03d}" in taken_codes:
                number += 1
            code = f"{call.code_prefix}{number:03d}"
            taken_codes.add(code)
            participant = enrol_cadre(actor, program, app.cadre, code=code, batch=call.batch, track=app.track)
        elif participant.batch_id != call.batch_id:
            raise DomainError(f"干部“{app.cadre.name}”已在本计划的其他批次（{participant.batch}）")
        app.participant, app.status = participant, Application.Status.SELECTED
    Application.objects.bulk_update(chosen, ["participant", "status"])
    call.applications.filter(status=Application.Status.SUBMITTED).update(
        status=Application.Status.NOT_SELECTED
    )
    call.status = Call.Status.DECIDED
    call.save(update_fields=["status", "updated_at"])
    record(actor, "call.decide", call, {"selected": [a.cadre.name for a in chosen]})
    return chosen
