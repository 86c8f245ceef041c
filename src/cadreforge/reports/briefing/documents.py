"""The briefing as files: plain text, Word (python-docx, with labelled charts as images: the funnel and the
monthly trends) and Excel (openpyxl, one sheet per table)."""

import datetime as dt
import io

from cadreforge.core.stages import Stage
from cadreforge.programs.models import Program
from cadreforge.reports.dashboard import get_dashboard

from . import tables
from .chart import funnel_chart_png, trend_chart_png
from .text import briefing_text, build_briefing

FORMATS = ("txt", "docx", "xlsx")
TREND_MONTHS = 12  # the docx shows the last year of monthly figures
TREND_SERIES = (("visits", "走访（次）"), ("leads", "线索（条）"), ("projects", "项目（个）"))


def render(
    program: Program,
    batch_number: int | None,
    fmt: str,
    *,
    today: dt.date | None = None,
    lead: tuple[str, ...] = (),
    user=None,
) -> bytes:
    """The briefing of the program (batch) in `fmt` as of `today`, as bytes ready to write or download;
    `lead` paragraphs go first (a scheduled briefing's "近一周" sentence). Downloaded by a `user` who may
    not see rankings, it carries no cadre leaderboard (the dashboard's rule)."""
    if fmt not in FORMATS:
        raise ValueError(f"简报格式“{fmt}”不支持，应为 txt、docx 或 xlsx")
    briefing = build_briefing(program, batch_number, today)
    briefing["paragraphs"] = [*lead, *briefing["paragraphs"]]
    if fmt == "txt":
        return briefing_text(briefing).encode("utf-8")
    dashboard = get_dashboard(program, batch_number, today=today, user=user)
    return (_docx if fmt == "docx" else _xlsx)(briefing, dashboard)


def _docx(briefing: dict, dashboard: dict) -> bytes:
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    doc.add_heading(briefing["title"], level=1)
    date = briefing["date"]
    doc.add_paragraph(f"截至{date.year}年{date.month}月{date.day}日")
    for paragraph in briefing["paragraphs"]:
        doc.add_paragraph(paragraph)
    funnel = briefing["funnel"]
    doc.add_heading("项目推进情况", level=2)
    funnel_png = funnel_chart_png(
        [s.label for s in Stage],
        [funnel["reached"][s.key] for s in Stage],
        title="累计到达各阶段的招商项目数",
        unit="个",
    )
    doc.add_picture(io.BytesIO(funnel_png), width=Cm(15))
    _docx_table(doc, tables.STAGE_HEADER, tables.stage_rows(funnel))
    trends = dashboard["trends"]
    if trends["months"]:
        doc.add_heading("月度走访、线索和项目", level=2)
        months = trends["months"][-TREND_MONTHS:]
        series = {name: trends[key][-TREND_MONTHS:] for key, name in TREND_SERIES}
        doc.add_picture(
            io.BytesIO(trend_chart_png(months, series, title="近期各月走访、线索和项目")), width=Cm(15)
        )
    doc.add_heading("主要数据", level=2)
    _docx_table(doc, ("指标", "数值"), tables.figure_rows(funnel))
    if dashboard.get("leaderboard"):
        doc.add_heading("干部排行", level=2)
        _docx_table(doc, tables.LEADER_HEADER, tables.leader_rows(dashboard))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _docx_table(doc, header: tuple, rows: list[tuple]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(text)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = str(value)


def _xlsx(briefing: dict, dashboard: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "简报"
    sheet.append([briefing["title"]])
    sheet["A1"].font = Font(bold=True, size=14)
    for paragraph in briefing["paragraphs"]:
        sheet.append([paragraph])
    sheets = [
        ("主要数据", ("指标", "数值"), tables.figure_rows(briefing["funnel"])),
        ("项目阶段", tables.STAGE_HEADER, tables.stage_rows(briefing["funnel"])),
        ("干部排行", tables.LEADER_HEADER, tables.leader_rows(dashboard)),
        ("单位赛马榜", tables.UNIT_HEADER, tables.unit_rows(dashboard)),
    ]
    if "leaderboard" not in dashboard:
        sheets = [sheet for sheet in sheets if sheet[0] != "干部排行"]
    for title, header, rows in sheets:
        ws = book.create_sheet(title)
        ws.append(list(header))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
