"""Each cadre's progress on the program's duties checklist (职责清单), counted from the records that prove
it: visits, leads, projects and talents from the pipeline, written outputs, and managers' confirmations.
Lives in reports because the pipeline sits below secondment in the app order."""

from django.db.models import Count

from cadreforge.pipeline.models import Lead, Project, Talent, Visit
from cadreforge.programs.models import Participant, Program
from cadreforge.programs.selectors import get_batch
from cadreforge.secondment.models import Duty, DutyMark, WrittenOutput


def _counts(model, field: str, participants) -> dict[int, int]:
    rows = (
        model.objects.filter(**{f"{field}__in": participants})
        .values(field)
        .annotate(n=Count("pk", distinct=True))
    )
    return {row[field]: row["n"] for row in rows}


def get_duty_progress(program: Program, batch_number: int | None = None) -> dict:
    """`duties` (the checklist) and `rows`: per cadre, per duty `{"count", "target", "done", "evidence"}`;
    plus `done_share` per duty (cadres who reached the target / cadres)."""
    duties = list(Duty.objects.filter(program=program))
    participants = Participant.objects.filter(program=program).select_related("cadre").order_by("code")
    if batch_number is not None:
        participants = participants.filter(batch=get_batch(program, batch_number))
    participants = list(participants)
    ids = [p.pk for p in participants]
    counted = {
        Duty.Measure.VISITS: _counts(Visit, "participant", ids),
        Duty.Measure.LEADS: _counts(Lead, "participant", ids),
        Duty.Measure.PROJECTS: _counts(Project, "cadres", ids),
        Duty.Measure.TALENTS: _counts(Talent, "cadres", ids),
        Duty.Measure.OUTPUTS: _counts(WrittenOutput, "authors", ids),
    }
    marks = {(m.duty_id, m.participant_id): m for m in DutyMark.objects.filter(duty__in=duties)}
    rows = []
    for participant in participants:
        cells = []
        for duty in duties:
            if duty.measure == Duty.Measure.MANUAL:
                mark = marks.get((duty.pk, participant.pk))
                count, evidence = (1 if mark else 0), (mark.evidence if mark else "")
            else:
                count = counted[duty.measure].get(participant.pk, 0)
                evidence = (
                    f"{count}{Duty.Measure(duty.measure).label.split('（')[1].rstrip('）')}" if count else ""
                )
            cells.append(
                {
                    "duty": duty,
                    "count": count,
                    "target": duty.target,
                    "done": count >= duty.target,
                    "evidence": evidence,
                }
            )
        rows.append({"participant": participant, "cells": cells, "done": sum(c["done"] for c in cells)})
    done_share = {duty.pk: sum(row["cells"][i]["done"] for row in rows) for i, duty in enumerate(duties)}
    return {"duties": duties, "rows": rows, "done_by_duty": done_share, "cadres": len(rows)}
