"""The refused workbook handed back with every bad cell filled red and commented with its problem, and a
sheet 导入问题 listing them all (for problems that are not about one cell: a missing sheet, a missing
column, a wrong number of rows)."""

import io
from collections import defaultdict

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from cadreforge.core.errors import Problem
from cadreforge.core.validators import mask_id_number, mask_mobile

from .schema import normalise_header

BAD_FILL = PatternFill("solid", fgColor="FFC7CE")
PROBLEMS_SHEET = "导入问题"
# Personal data columns (PIPL): the annotated copy is a download of its own, so they are masked like every
# other export; the uploader corrects their original file.
PERSONAL_COLUMNS = {"身份证号": mask_id_number, "手机号": mask_mobile}


def annotate_workbook(data: bytes, problems: list[Problem]) -> bytes:
    """The same workbook with the problems marked on their cells; returns the new .xlsx bytes."""
    wb = load_workbook(io.BytesIO(data))
    by_cell: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    for p in problems:
        if p.sheet and p.column and p.row:
            by_cell[(p.sheet, p.column, p.row)].append(p.message)
    sheets = {name.strip(): wb[name] for name in wb.sheetnames}
    for ws in sheets.values():
        _mask_personal_columns(ws)
    for (sheet, column, row), messages in by_cell.items():
        ws = sheets.get(sheet)
        if ws is None:
            continue
        index = _column_index(ws, column)
        cell = ws.cell(row=row, column=index or 1)
        cell.fill = BAD_FILL
        text = "\n".join(messages if index else [f"{column}: {m}" for m in messages])
        cell.comment = Comment(text, "CadreForge", width=300, height=120)
    if PROBLEMS_SHEET in wb.sheetnames:
        del wb[PROBLEMS_SHEET]
    ws = wb.create_sheet(PROBLEMS_SHEET, 0)
    ws.append(["位置", "问题"])
    ws["A1"].font = ws["B1"].font = Font(bold=True)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 80
    for p in problems:
        where = str(p)[: -len(p.message) - 2] if p.sheet else ""
        ws.append([where, p.message])
    wb.active = 0
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _mask_personal_columns(ws) -> None:
    for header in next(ws.iter_rows(min_row=1, max_row=1), ()):
        name = normalise_header(header.value)
        mask = next((m for h, m in PERSONAL_COLUMNS.items() if name.startswith(h)), None)
        if mask is None:
            continue
        for (cell,) in ws.iter_rows(min_row=2, min_col=header.column, max_col=header.column):
            if cell.value not in (None, ""):
                cell.value = mask(str(cell.value).strip())


def _column_index(ws, header: str) -> int | None:
    for cell in next(ws.iter_rows(min_row=1, max_row=1), ()):
        if normalise_header(cell.value) == header:
            return cell.column
    return None
