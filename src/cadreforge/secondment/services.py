"""Writes of assignments and written outputs."""

import datetime as dt

from django.db import transaction

from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError
from cadreforge.core.text import clean
from cadreforge.programs.models import Participant, Post, Program
from cadreforge.programs.services import ensure_may_write

from .models import Assignment, WrittenOutput


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
) -> WrittenOutput:
    ensure_may_write(actor, program)
    if kind not in WrittenOutput.Kind.values:
        raise DomainError(f"未知的成果类型“{kind}”")
    if characters < 0:
        raise DomainError("字数不能为负数")
    if any(a.program_id != program.id for a in authors):
        raise DomainError("作者必须是本计划的干部")
    output, _ = WrittenOutput.objects.update_or_create(
        program=program,
        kind=kind,
        title=clean(title),
        defaults={"characters": characters, "date": date, "adopted": adopted},
    )
    output.authors.set(authors)
    record(actor, "output.save", output, {"kind": kind, "characters": characters, "adopted": adopted})
    return output
