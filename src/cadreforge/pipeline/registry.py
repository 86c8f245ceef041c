"""The enterprise registry: duplicate suggestions, and merging a duplicate into the enterprise kept —
every visit, lead, project and chain-link placement moves, the merge is audited, and it can be undone
exactly because the merge record keeps the ids of what moved. A suggested pair judged to be two
enterprises is dismissed (不是重复) and no longer suggested, until the dismissal is undone.

A visit of the duplicate that would collide with one of the kept enterprise (same cadre, same day) is the
same visit twice: it is removed, its content kept in the merge record, and recreated on undo.
"""

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from cadreforge.accounts.models import User
from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.core.text import clean
from cadreforge.programs.models import Program, ProgramGrant
from cadreforge.programs.services import ensure_may_write

from .dedup import Candidate, Name, find_candidates
from .models import Enterprise, EnterpriseMerge, Lead, LinkEnterprise, Project, Visit
from .registry_models import DuplicateDismissal


def ensure_may_keep_registry(user: User | None) -> None:
    """The registry (its suggestions, merges and 不是重复 marks) is kept by those who write program data;
    each merge or mark then checks every program the enterprises have records in (`_ensure_may_merge`)."""
    if user is not None and not (user.is_active and user.may_write):
        raise PermissionDenied("只有计划管理员可以维护企业库。")


def active_enterprises() -> QuerySet[Enterprise]:
    """Enterprises not merged into another."""
    return Enterprise.objects.filter(merged_into__isnull=True)


def within_reach(user: User | None, enterprise: str = "pk") -> Q:
    """The condition that the enterprise at `enterprise` (its own pk, or a foreign key to one: "kept",
    "first") is within the user's reach: none of its visits, leads or projects belongs to a program the
    user may not write — the rule `_ensure_may_merge` applies to one enterprise, here for a whole list,
    so a manager is not shown (nor offered) another county's enterprises. It stays in the database (NOT
    EXISTS, no ids in Python); for the system and writers of every program it is empty: no extra SQL."""
    if user is None or (user.is_active and user.may_write and user.sees_all_programs):
        return Q()
    if not (user.is_active and user.may_write):
        return Q(pk__in=[])  # nothing: such a user may merge nothing at all
    granted = ProgramGrant.objects.filter(user=user).values("program_id")
    ref = OuterRef(enterprise)
    records = (
        Visit.objects.filter(enterprise=ref),
        Lead.objects.filter(enterprise=ref),
        Project.objects.filter(investor=ref),
    )
    return Q(*(~Exists(qs.exclude(program__in=granted)) for qs in records))


def enterprises_within_reach(user: User | None) -> QuerySet[Enterprise]:
    """Enterprises the user may merge or mark 不是重复 (see `within_reach`)."""
    return Enterprise.objects.filter(within_reach(user))


def duplicate_suggestions(
    qs: QuerySet[Enterprise] | None = None, *, user: User | None = None, limit: int | None = 200
) -> list[dict]:
    """Suggested duplicates among active enterprises, best first: [{"a", "b", "score", "reason"}]. For a
    user, only enterprises within their reach are compared, so both of every pair are, before the limit."""
    qs = (active_enterprises() if qs is None else qs).filter(within_reach(user))
    names = [
        Name(pk, key, alias, uscc or "")
        for pk, key, alias, uscc in qs.values_list("pk", "name_key", "alias_key", "uscc").iterator()
    ]
    dismissed = dismissed_pairs()
    found: list[Candidate] = [c for c in find_candidates(names) if (c.a, c.b) not in dismissed]
    if limit is not None:
        found = found[:limit]
    by_id = Enterprise.objects.in_bulk({c.a for c in found} | {c.b for c in found})
    return [{"a": by_id[c.a], "b": by_id[c.b], "score": c.score, "reason": c.reason} for c in found]


def _programs_touched(enterprise: Enterprise) -> QuerySet[Program]:
    ids = set(Visit.objects.filter(enterprise=enterprise).values_list("program_id", flat=True))
    ids |= set(Lead.objects.filter(enterprise=enterprise).values_list("program_id", flat=True))
    ids |= set(Project.objects.filter(investor=enterprise).values_list("program_id", flat=True))
    return Program.objects.filter(pk__in=ids)


def _ensure_may_merge(actor: User | None, *enterprises: Enterprise, doing: str = "合并") -> None:
    """A merge rewrites records of every program that refers to the enterprises (and a dismissal decides
    for them): the actor must be allowed to write each of them. The same rule as `within_reach`, one
    enterprise at a time, so the refusal can name the program."""
    ensure_may_write(actor)
    for enterprise in enterprises:
        for program in _programs_touched(enterprise):
            try:
                ensure_may_write(actor, program)
            except PermissionDenied:
                raise PermissionDenied(
                    f"企业“{enterprise.name}”有计划“{program.code}”的记录，您无权修改该计划，不能{doing}"
                ) from None


def _visit_content(visit: Visit) -> dict:
    return {
        "program": visit.program_id,
        "participant": visit.participant_id,
        "date": visit.date.isoformat(),
        "location": visit.location,
        "notes": visit.notes,
        "chains": list(visit.chains.values_list("pk", flat=True)),
    }


@transaction.atomic
def merge_enterprises(actor: User | None, kept: Enterprise, merged: Enterprise) -> EnterpriseMerge:
    """Move everything of `merged` to `kept`; `merged` stays, marked as merged, for undoing."""
    kept = Enterprise.objects.select_for_update().get(pk=kept.pk)
    merged = Enterprise.objects.select_for_update().get(pk=merged.pk)
    if kept.pk == merged.pk:
        raise DomainError("不能把企业合并到它自己")
    if kept.merged_into_id or merged.merged_into_id:
        raise DomainError("已被合并的企业不能再参与合并，请先撤销之前的合并")
    if kept.uscc and merged.uscc and kept.uscc != merged.uscc:
        raise DomainError(
            f"“{kept.name}”与“{merged.name}”的统一社会信用代码不同（{kept.uscc} / {merged.uscc}），不是同一企业"
        )
    _ensure_may_merge(actor, kept, merged)
    kept_visits = set(Visit.objects.filter(enterprise=kept).values_list("participant_id", "date"))
    visits, dropped = [], []
    for visit in Visit.objects.filter(enterprise=merged).prefetch_related("chains"):
        if (visit.participant_id, visit.date) in kept_visits:
            dropped.append(_visit_content(visit))
            visit.delete()
        else:
            visits.append(visit.pk)
    Visit.objects.filter(pk__in=visits).update(enterprise=kept)
    leads = list(Lead.objects.filter(enterprise=merged).values_list("pk", flat=True))
    Lead.objects.filter(pk__in=leads).update(enterprise=kept)
    projects = list(Project.objects.filter(investor=merged).values_list("pk", flat=True))
    Project.objects.filter(pk__in=projects).update(investor=kept)
    kept_links = set(LinkEnterprise.objects.filter(enterprise=kept).values_list("link_id", flat=True))
    placements = list(
        LinkEnterprise.objects.filter(enterprise=merged)
        .exclude(link_id__in=kept_links)
        .values_list("pk", flat=True)
    )
    LinkEnterprise.objects.filter(pk__in=placements).update(enterprise=kept)
    moved = {
        "visits": visits,
        "dropped_visits": dropped,
        "leads": leads,
        "projects": projects,
        "placements": placements,
        "uscc": None,
        "location": None,
    }
    if merged.uscc and not kept.uscc:
        moved["uscc"], merged.uscc, kept.uscc = merged.uscc, None, merged.uscc
    if merged.location and not kept.location:
        moved["location"] = kept.location = merged.location
    merged.merged_into = kept
    merged.save(update_fields=["uscc", "merged_into", "updated_at"])
    kept.save(update_fields=["uscc", "location", "updated_at"])
    merge = EnterpriseMerge.objects.create(kept=kept, merged=merged, moved=moved, actor=actor)
    record(
        actor,
        "enterprise.merge",
        merge,
        {
            "kept": kept.name,
            "merged": merged.name,
            "visits": len(visits) + len(dropped),
            "leads": len(leads),
            "projects": len(projects),
        },
    )
    return merge


@transaction.atomic
def undo_merge(actor: User | None, merge: EnterpriseMerge) -> EnterpriseMerge:
    """Put back exactly what the merge moved (the last merge of an enterprise first)."""
    merge = EnterpriseMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise DomainError("该合并已撤销")
    kept, merged = merge.kept, merge.merged
    if EnterpriseMerge.objects.filter(kept=merged, undone_at__isnull=True).exists() or (
        EnterpriseMerge.objects.filter(merged=kept, undone_at__isnull=True).exists()
    ):
        raise DomainError("请先撤销与这两家企业有关的后续合并")
    _ensure_may_merge(actor, kept, merged)
    moved = merge.moved
    Visit.objects.filter(pk__in=moved["visits"], enterprise=kept).update(enterprise=merged)
    for content in moved["dropped_visits"]:
        visit = Visit.objects.create(
            program_id=content["program"],
            participant_id=content["participant"],
            enterprise=merged,
            date=content["date"],
            location=content["location"],
            notes=content["notes"],
        )
        visit.chains.set(content["chains"])
    Lead.objects.filter(pk__in=moved["leads"], enterprise=kept).update(enterprise=merged)
    Project.objects.filter(pk__in=moved["projects"], investor=kept).update(investor=merged)
    LinkEnterprise.objects.filter(pk__in=moved["placements"], enterprise=kept).update(enterprise=merged)
    if moved.get("uscc") and kept.uscc == moved["uscc"]:
        kept.uscc = None
        kept.save(update_fields=["uscc", "updated_at"])
        merged.uscc = moved["uscc"]
    if moved.get("location") and kept.location == moved["location"]:
        kept.location = ""
        kept.save(update_fields=["location", "updated_at"])
    merged.merged_into = None
    merged.save(update_fields=["uscc", "merged_into", "updated_at"])
    merge.undone_at = timezone.now()
    merge.undone_by = actor
    merge.save(update_fields=["undone_at", "undone_by", "updated_at"])
    record(actor, "enterprise.unmerge", merge, {"kept": kept.name, "merged": merged.name})
    return merge


def list_merges(user: User | None) -> QuerySet[EnterpriseMerge]:
    """The merges the user could undo: both enterprises within their reach."""
    return EnterpriseMerge.objects.filter(
        within_reach(user, "kept"), within_reach(user, "merged")
    ).select_related("kept", "merged", "actor", "undone_by")


def dismissed_pairs() -> set[tuple[int, int]]:
    """(smaller id, larger id) of every pair currently marked 不是重复."""
    return set(DuplicateDismissal.objects.filter(undone_at__isnull=True).values_list("first_id", "second_id"))


@transaction.atomic
def dismiss_duplicate(
    actor: User | None, a: Enterprise, b: Enterprise, *, reason: str = ""
) -> DuplicateDismissal:
    """Mark a suggested pair as two different enterprises (不是重复): it is no longer suggested."""
    first, second = sorted([a, b], key=lambda e: e.pk)
    first = Enterprise.objects.select_for_update().get(pk=first.pk)
    second = Enterprise.objects.select_for_update().get(pk=second.pk)
    if first.pk == second.pk:
        raise DomainError("同一家企业不能标记为“不是重复”")
    for enterprise in (first, second):
        if enterprise.merged_into_id is not None:
            raise DomainError(f"企业“{enterprise.name}”已并入其他企业，不能再标记为“不是重复”")
    _ensure_may_merge(actor, first, second, doing="标记为不是重复")
    if DuplicateDismissal.objects.filter(first=first, second=second, undone_at__isnull=True).exists():
        raise DomainError(f"“{first.name}”与“{second.name}”已标记为不是重复")
    reason = clean(reason)
    if len(reason) > 200:
        raise DomainError("“不是重复”的说明不能超过200字")
    dismissal = DuplicateDismissal.objects.create(first=first, second=second, reason=reason, actor=actor)
    record(
        actor,
        "enterprise.not_duplicate",
        dismissal,
        {"first": first.name, "second": second.name, "reason": reason},
    )
    return dismissal


@transaction.atomic
def undo_dismissal(actor: User | None, dismissal: DuplicateDismissal) -> DuplicateDismissal:
    """Take a 不是重复 mark back: the pair is suggested again."""
    dismissal = (
        DuplicateDismissal.objects.select_for_update().select_related("first", "second").get(pk=dismissal.pk)
    )
    if dismissal.undone_at is not None:
        raise DomainError("该“不是重复”标记已撤销")
    _ensure_may_merge(actor, dismissal.first, dismissal.second, doing="撤销“不是重复”标记")
    dismissal.undone_at = timezone.now()
    dismissal.undone_by = actor
    dismissal.save(update_fields=["undone_at", "undone_by", "updated_at"])
    record(
        actor,
        "enterprise.not_duplicate.undo",
        dismissal,
        {"first": dismissal.first.name, "second": dismissal.second.name},
    )
    return dismissal


def list_dismissals(user: User | None) -> QuerySet[DuplicateDismissal]:
    """The 不是重复 marks the user could undo: both enterprises within their reach."""
    return DuplicateDismissal.objects.filter(
        within_reach(user, "first"), within_reach(user, "second")
    ).select_related("first", "second", "actor", "undone_by")
