"""Writes of assignments and written outputs."""

import datetime as dt

from django.db import transaction

from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError
from cadreforge.core.text import clean
from cadreforge.programs.models import Batch, Participant, Post, Program, Team
from cadreforge.programs.services import ensure_may_write

from .models import Assignment, PartyBranch, WrittenOutput


def _overlaps(assignment: Assignment, start_date: dt.date | None, end_date: dt.date | None) -> bool:
    """Whether an assignment's period meets [start_date, end_date]; a missing date is open-ended."""
    return (assignment.end_date is None or start_date is None or assignment.end_date >= start_date) and (
        end_date is None or assignment.start_date is None or assignment.start_date <= end_date
    )


@transaction.atomic
def assign_post(
    actor,
    participant: Participant,
    post: Post,
    *,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
) -> Assignment:
    """Assign a cadre to a post: the post must be of the same program, have a free place, and the cadre
    must not hold another post over the same time."""
    ensure_may_write(actor, participant.program)
    if post.program_id != participant.program_id:
        raise DomainError("岗位与干部不属于同一计划")
    if start_date and end_date and end_date < start_date:
        raise DomainError("派驻结束日期早于开始日期")
    # Two assignments to the same post at once must not both see a free place.
    Post.objects.select_for_update().filter(pk=post.pk).first()
    for other in participant.assignments.exclude(post=post).select_related("post"):
        if _overlaps(other, start_date, end_date):
            raise DomainError(
                f"干部“{participant.cadre.name}”同一时间只能派驻一个岗位（已派驻{other.post.code}）"
            )
    # The capacity is of holders at the same time: a post held in turn by successive batches is not full.
    holders = [
        a for a in post.assignments.exclude(participant=participant) if _overlaps(a, start_date, end_date)
    ]
    if len(holders) >= post.capacity:
        raise DomainError(f"岗位“{post.code}”名额已满（{post.capacity}人）")
    assignment, _ = Assignment.objects.update_or_create(
        participant=participant, post=post, defaults={"start_date": start_date, "end_date": end_date}
    )
    record(actor, "assignment.save", assignment, {"participant": participant.code, "post": post.code})
    return assignment


@transaction.atomic
def record_output(
    actor,
    program: Program,
    *,
    kind: str,
    title: str,
    authors: list[Participant] = (),
    characters: int = 0,
    date: dt.date | None = None,
    adopted: bool = False,
    adopting_document: str = "",
    issue: int | None = None,
) -> WrittenOutput:
    """Record (or update, by program, kind and title) a written output; a proposal adopted by the city
    names its adopting document."""
    ensure_may_write(actor, program)
    if kind not in WrittenOutput.Kind.values:
        raise DomainError(f"未知的成果类型“{kind}”")
    if characters < 0:
        raise DomainError("字数不能为负数")
    if any(a.program_id != program.id for a in authors):
        raise DomainError("作者必须是本计划的干部")
    if adopting_document and not adopted:
        raise DomainError("未被采纳的成果不能填写采纳文件")
    if issue is not None and issue < 1:
        raise DomainError(f"期号应为正整数，而不是{issue}")
    output, _ = WrittenOutput.objects.update_or_create(
        program=program,
        kind=kind,
        title=clean(title),
        defaults={
            "characters": characters,
            "date": date,
            "adopted": adopted,
            "adopting_document": clean(adopting_document),
            "issue": issue,
        },
    )
    output.authors.set(authors)
    record(actor, "output.save", output, {"kind": kind, "characters": characters, "adopted": adopted})
    return output


# --- the assignment's life: planned → departed → in post → returned, or ended early ------------------

_NEXT = {
    Assignment.Status.PLANNED: Assignment.Status.DEPARTED,
    Assignment.Status.DEPARTED: Assignment.Status.IN_POST,
    Assignment.Status.IN_POST: Assignment.Status.RETURNED,
}
_DATE_FIELD = {
    Assignment.Status.DEPARTED: "departed_on",
    Assignment.Status.IN_POST: "arrived_on",
    Assignment.Status.RETURNED: "returned_on",
    Assignment.Status.ENDED_EARLY: "returned_on",
}


@transaction.atomic
def move_assignment(
    actor, assignment: Assignment, status: str, *, on: dt.date, reason: str = ""
) -> Assignment:
    """Move an assignment one step on (出发、到岗、返回), or end it early with a reason: its end date
    becomes that day, so weekly reports stop being due after it."""
    ensure_may_write(actor, assignment.participant.program)
    current = Assignment.Status(assignment.status)
    name = assignment.participant.cadre.name
    if status == Assignment.Status.ENDED_EARLY:
        if current in (Assignment.Status.RETURNED, Assignment.Status.ENDED_EARLY):
            raise DomainError(f"{name}的派驻已结束，不能再提前结束")
        reason = clean(reason)
        if not reason:
            raise DomainError("提前结束派驻须填写原因")
        if assignment.start_date and on < assignment.start_date:
            raise DomainError("提前结束日期早于派驻开始日期")
        assignment.ended_reason = reason
        assignment.end_date = on
    elif _NEXT.get(current) != status:
        label = Assignment.Status(status).label if status in Assignment.Status.values else status
        raise DomainError(f"{name}的派驻当前为“{current.label}”，不能变为“{label}”")
    previous = [getattr(assignment, f) for f in ("departed_on", "arrived_on") if getattr(assignment, f)]
    if previous and on < max(previous):
        raise DomainError(f"日期{on:%Y-%m-%d}早于上一环节的日期")
    setattr(assignment, _DATE_FIELD[status], on)
    assignment.status = status
    assignment.save()
    record(
        actor, "assignment.status", assignment, {"from": current.value, "to": status, "on": on.isoformat()}
    )
    return assignment


@transaction.atomic
def set_host_contact(actor, assignment: Assignment, *, name: str, phone: str = "") -> Assignment:
    """The person at the host unit who looks after the cadre (派驻单位联系人)."""
    ensure_may_write(actor, assignment.participant.program)
    assignment.host_contact_name, assignment.host_contact_phone = clean(name), clean(phone)
    if assignment.host_contact_phone and not assignment.host_contact_phone.replace("-", "").isdigit():
        raise DomainError(f"联系人电话“{assignment.host_contact_phone}”格式不对")
    assignment.save(update_fields=["host_contact_name", "host_contact_phone", "updated_at"])
    record(actor, "assignment.host_contact", assignment, {"name": assignment.host_contact_name})
    return assignment


@transaction.atomic
def save_party_branch(
    actor,
    batch: Batch,
    *,
    name: str,
    secretary: Participant | None,
    members: list[Participant],
    team: Team | None = None,
) -> PartyBranch:
    """Set up (or update, by batch and name) a temporary Party branch (临时党支部); its secretary is
    one of its members."""
    ensure_may_write(actor, batch.program)
    name = clean(name)
    if not name:
        raise DomainError("临时党支部名称不能为空")
    if any(m.batch_id != batch.id for m in members):
        raise DomainError("临时党支部的党员必须是本批次的干部")
    if secretary is not None and secretary not in members:
        members = [secretary, *members]
        if secretary.batch_id != batch.id:
            raise DomainError("支部书记必须是本批次的干部")
    if team is not None and team.batch_id != batch.id:
        raise DomainError("对应小分队不属于该批次")
    branch, _ = PartyBranch.objects.update_or_create(
        batch=batch, name=name, defaults={"secretary": secretary, "team": team}
    )
    branch.members.set(members)
    record(
        actor,
        "party_branch.save",
        branch,
        {"secretary": secretary and secretary.code, "members": [m.code for m in members]},
    )
    return branch
