"""Exporting a program as a ledger workbook (`cadreforge export`): the layout the importer reads, so
export → import gives the same records. Written in openpyxl's write-only mode (fast for large ledgers)."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from cadreforge.core.money import yuan_to_wan
from cadreforge.core.stages import Stage
from cadreforge.pipeline.models import Lead, Project, ProjectStage, Talent, Visit
from cadreforge.programs.models import Batch, HostUnit, Participant, Post, Program
from cadreforge.secondment.models import Assignment, WrittenOutput

from . import schema

_LABELS = {
    "kind": dict(Program.Kind.choices),
    "status": dict(Batch.Status.choices),
    "host": dict(HostUnit.Kind.choices),
    "talent": dict(Talent.Level.choices),
    "output": dict(WrittenOutput.Kind.choices),
    "gender": {"M": "男", "F": "女", "": None},
}


def _links(model, name: str, ids_filter: dict, label: str) -> dict[int, list[str]]:
    """{row id: [target labels]} for a many-to-many relation, in one query."""
    rel = model._meta.get_field(name)
    through = rel.remote_field.through
    source, target = rel.m2m_field_name(), rel.m2m_reverse_field_name()
    out: dict[int, list[str]] = defaultdict(list)
    rows = through.objects.filter(**{f"{source}__{k}": v for k, v in ids_filter.items()})
    for a, b in rows.values_list(f"{source}_id", f"{target}__{label}").order_by(f"{target}__{label}"):
        out[a].append(b)
    return out


def _wan(yuan: Decimal | None):
    """万元 as a number when a spreadsheet number holds it exactly, else as text."""
    if yuan is None:
        return None
    wan = yuan_to_wan(yuan)
    as_float = float(wan)
    return as_float if Decimal(f"{as_float:.15g}") == wan else f"{wan:f}"


def _joined(items) -> str | None:
    return "、".join(items) if items else None


def _yes(value: bool) -> str:
    return "是" if value else "否"


# Text that a spreadsheet would run as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class _Sheet:
    def __init__(self, wb: Workbook, spec: schema.Sheet):
        self.ws = wb.create_sheet(spec.name)
        self.header_font = Font(bold=True)
        self.required_font = Font(bold=True, color="C00000")
        fill = PatternFill("solid", fgColor="DDEBF7")
        header = []
        for column in spec.columns:
            cell = WriteOnlyCell(self.ws, value=column.header)
            cell.font = self.required_font if column.required else self.header_font
            cell.fill = fill
            header.append(cell)
        self.ws.append(header)

    def append(self, values: list) -> None:
        row = []
        for value in values:
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(self.ws, value=value)
                cell.number_format = "yyyy-mm-dd"
                row.append(cell)
            elif isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
                # Formula injection: openpyxl would store "=…" as a formula; keep it as plain text instead.
                cell = WriteOnlyCell(self.ws, value=value)
                cell.data_type = "s"
                row.append(cell)
            else:
                row.append(value)
        self.ws.append(row)


def build_export(program: Program, *, reveal_personal: bool = False) -> Workbook:
    """The program's ledger workbook. ID numbers and mobiles are masked unless `reveal_personal`
    (a masked value re-imported unchanged is accepted as "unchanged")."""
    wb = Workbook(write_only=True)
    sheet = {spec.name: _Sheet(wb, spec) for spec in schema.SHEETS}
    sheet["计划"].append(
        [
            program.code,
            program.name,
            _LABELS["kind"][program.kind],
            program.organiser,
            program.region,
            program.description,
        ]
    )
    for b in program.batches.order_by("number"):
        sheet["批次"].append(
            [b.number, b.name, b.start_date, b.end_date, b.quota, _LABELS["status"][b.status]]
        )
    for p in (
        Participant.objects.filter(program=program)
        .select_related("cadre", "cadre__unit", "batch")
        .order_by("code")
    ):
        c = p.cadre
        id_number = c.reveal_id_number() if reveal_personal else c.id_number_masked
        mobile = c.reveal_mobile() if reveal_personal else c.mobile_masked
        sheet["干部"].append(
            [
                p.code,
                c.name,
                _LABELS["gender"][c.gender],
                c.birth_month and c.birth_month.strftime("%Y-%m"),
                id_number or None,
                mobile or None,
                c.unit.name,
                c.position,
                c.rank,
                _joined(c.tags),
                p.batch and p.batch.number,
            ]
        )
    _posts(program, sheet["岗位"], sheet["派驻"])
    _visits(program, sheet["走访"])
    _leads_and_projects(program, sheet["线索"], sheet["项目"])
    cadres = _links(Talent, "cadres", {"program": program}, "code")
    for t in Talent.objects.filter(program=program).order_by("date", "name"):
        sheet["人才"].append([t.name, _LABELS["talent"][t.level], t.date, _joined(cadres.get(t.pk))])
    authors = _links(WrittenOutput, "authors", {"program": program}, "code")
    for o in WrittenOutput.objects.filter(program=program).order_by("date", "title"):
        sheet["成果"].append(
            [
                _LABELS["output"][o.kind],
                o.title,
                _joined(authors.get(o.pk)),
                o.characters,
                o.date,
                _yes(o.adopted),
            ]
        )
    return wb


def _posts(program: Program, posts_sheet: _Sheet, assignments_sheet: _Sheet) -> None:
    chains = _links(Post, "chains", {"program": program}, "name")
    for p in Post.objects.filter(program=program).select_related("host").order_by("code"):
        posts_sheet.append(
            [
                p.code,
                p.host.city,
                p.host.name,
                _LABELS["host"][p.host.kind],
                _joined(chains.get(p.pk)),
                p.capacity,
                p.duties,
            ]
        )
    rows = Assignment.objects.filter(post__program=program).values_list(
        "participant__code", "post__code", "start_date", "end_date"
    )
    for row in rows.order_by("participant__code", "start_date"):
        assignments_sheet.append(list(row))


def _visits(program: Program, sheet: _Sheet) -> None:
    chains = _links(Visit, "chains", {"program": program}, "name")
    rows = Visit.objects.filter(program=program).values_list(
        "pk", "date", "participant__code", "enterprise__name", "enterprise__uscc", "location", "notes"
    )
    for pk, date, code, name, uscc, location, notes in rows.order_by("date", "pk").iterator(chunk_size=5000):
        sheet.append([date, code, name, uscc, location, _joined(chains.get(pk)), notes])


def _leads_and_projects(program: Program, leads_sheet: _Sheet, projects_sheet: _Sheet) -> None:
    chains = _links(Lead, "chains", {"program": program}, "name")
    for lead in (
        Lead.objects.filter(program=program).select_related("participant", "enterprise").order_by("code")
    ):
        leads_sheet.append(
            [
                lead.code,
                lead.date,
                lead.participant.code,
                lead.enterprise.name,
                lead.content,
                _joined(chains.get(lead.pk)),
                _wan(lead.expected_amount_yuan),
                _yes(lead.valuable),
            ]
        )
    chains = _links(Project, "chains", {"program": program}, "name")
    cadres = _links(Project, "cadres", {"program": program}, "code")
    dates: dict[int, dict[int, dt.date | None]] = defaultdict(dict)
    for pid, stage, date in ProjectStage.objects.filter(project__program=program).values_list(
        "project_id", "stage", "date"
    ):
        dates[pid][stage] = date
    projects = (
        Project.objects.filter(program=program).select_related("investor", "source_lead").order_by("code")
    )
    for p in projects:
        projects_sheet.append(
            [
                p.code,
                p.name,
                p.investor.name,
                p.source_lead and p.source_lead.code,
                _joined(cadres.get(p.pk)),
                _joined(chains.get(p.pk)),
                _wan(p.amount_yuan),
                Stage(p.stage).label,
                *(dates[p.pk].get(s.value) for s in Stage),
            ]
        )


def write_export(program: Program, target: str | Path | IO[bytes], *, reveal_personal: bool = False) -> None:
    build_export(program, reveal_personal=reveal_personal).save(target)
