"""Small pieces of the ledger writer: personal-data fields, a project's stage history plan."""

from cadreforge.core import crypto
from cadreforge.core.stages import Stage
from cadreforge.core.validators import mask_id_number, mask_mobile
from cadreforge.pipeline.models import ProjectStage

_NULLABLE = {"birth_month", "start_date", "end_date", "quota", "date", "expected_amount_yuan", "amount_yuan"}


def _id_fields(value: str) -> dict:
    return {
        "id_number_cipher": crypto.encrypt(value),
        "id_number_hash": crypto.keyed_hash(value),
        "id_number_masked": mask_id_number(value),
    }


def _mobile_fields(value: str) -> dict:
    return {
        "mobile_cipher": crypto.encrypt(value),
        "mobile_hash": crypto.keyed_hash(value),
        "mobile_masked": mask_mobile(value),
    }


def _stage_plan(stage: int, given: dict, rows: dict[int, ProjectStage]):
    """The history rows a project at `stage` should have: every stage reached, keeping a known date
    unless a new one is given (as pipeline.services does). Returns (keep, stale ids, changed)."""
    keep = {}
    changed = False
    for s in Stage:
        if s > stage:
            break
        row = rows.get(s.value)
        day = given.get(s)
        if day is None and row is not None:
            day = row.date
        keep[s.value] = (row, day)
        changed = changed or row is None or row.date != day
    stale = [row.pk for s, row in rows.items() if s > stage]
    return keep, stale, changed or bool(stale)
