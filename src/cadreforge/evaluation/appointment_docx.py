"""The 干部任免审批表 as a Word document, laid out like the printed form: one bordered table — personal
items beside the photo, education, posts, the big 简历 cell, then 奖惩情况, 年度考核结果, 任免理由, the
家庭主要成员及重要社会关系 table and the 呈报单位 / 审批机关 rows. Pure: a form in, .docx bytes out."""

import datetime as dt
import io

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from cadreforge.people.lrmx import AppointmentForm

TITLE = "干部任免审批表"
FAMILY_ROWS = 6  # the printed form leaves room for six relations
COLUMNS = (2.2, 2.6, 1.6, 2.6, 2.4, 2.4, 3.0)  # cm; the last column holds the photo


def _month(value: dt.date | None) -> str:
    return f"{value:%Y.%m}" if value else ""


def _age(born: dt.date | None, on: dt.date | None) -> str:
    if not born or not on:
        return _month(born)
    years = on.year - born.year - (on.month < born.month)
    return f"{born:%Y.%m}\n（{years}岁）"


def _put(cell, text: str, *, label: bool = False, left: bool = False) -> None:
    """Replace the cell's text, one paragraph per line; labels are bold and centred."""
    cell.text = ""
    lines = (text or "").split("\n")
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)
    for paragraph in cell.paragraphs:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
        for run in paragraph.runs:
            run.font.bold = label
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _span(table, row: int, first: int, last: int, text: str, **kwargs):
    cell = table.cell(row, first).merge(table.cell(row, last)) if last > first else table.cell(row, first)
    _put(cell, text, **kwargs)
    return cell


def _line(table, row: int, label: str, text: str, *, height: float | None = None) -> None:
    """A label in the first column and one wide cell of text across the rest."""
    _put(table.cell(row, 0), label, label=True)
    _span(table, row, 1, 6, text, left=True)
    if height:
        table.rows[row].height = Cm(height)
        table.rows[row].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def _setup(document) -> None:
    style = document.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)


def _personal(table, form: AppointmentForm) -> None:
    rows = [
        ("姓名", form.name, "性别", form.gender, "出生年月\n（岁）", _age(form.birth_month, form.filled_on)),
        ("民族", form.ethnicity, "籍贯", form.native_place, "出生地", form.birthplace),
        ("入党时间", _month(form.party_join_month), "参加工作时间", _month(form.work_start_month),
         "健康状况", form.health),
    ]  # fmt: skip
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            _put(table.cell(r, c), value, label=c % 2 == 0)
    _put(table.cell(3, 0), "专业技术职务", label=True)
    _span(table, 3, 1, 2, form.professional_title)
    _put(table.cell(3, 3), "熟悉专业\n有何专长", label=True)
    _span(table, 3, 4, 5, form.specialty)
    photo = table.cell(0, 6).merge(table.cell(3, 6))
    _put(photo, "照片")
    if form.photo:
        try:
            photo.text = ""
            photo.paragraphs[0].add_run().add_picture(io.BytesIO(form.photo), width=Cm(2.6))
            photo.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        except Exception:  # an unreadable image in the file: the box stays labelled, the form still prints
            _put(photo, "照片")


def _education(table, form: AppointmentForm) -> None:
    _put(table.cell(4, 0).merge(table.cell(5, 0)), "学历\n学位", label=True)
    for row, kind, edu, degree, school in (
        (4, "全日制\n教育", form.fulltime_education, form.fulltime_degree, form.fulltime_school),
        (5, "在职\n教育", form.onjob_education, form.onjob_degree, form.onjob_school),
    ):
        _put(table.cell(row, 1), kind, label=True)
        _span(table, row, 2, 3, "\n".join(v for v in (edu, degree) if v))
        _put(table.cell(row, 4), "毕业院校\n系及专业", label=True)
        _span(table, row, 5, 6, school, left=True)


def _family(table, start: int, form: AppointmentForm) -> int:
    rows = max(FAMILY_ROWS, len(form.family)) + 1
    _put(
        table.cell(start, 0).merge(table.cell(start + rows - 1, 0)),
        "家庭\n主要\n成员\n及\n重要\n社会\n关系",
        label=True,
    )
    for c, head in enumerate(("称谓", "姓名", "出生年月", "政治面貌"), start=1):
        _put(table.cell(start, c), head, label=True)
    _span(table, start, 5, 6, "工作单位及职务", label=True)
    for n in range(1, rows):
        m = form.family[n - 1] if n - 1 < len(form.family) else None
        values = (m.relation, m.name, _month(m.birth_month), m.political_status) if m else ("",) * 4
        for c, value in enumerate(values, start=1):
            _put(table.cell(start + n, c), value)
        _span(table, start + n, 5, 6, m.work_unit_and_post if m else "", left=True)
    return start + rows


def render(form: AppointmentForm, *, opinions: list[str] = ()) -> bytes:
    """The form as .docx bytes; `opinions` are the approval chain's decisions, one line each."""
    document = Document()
    _setup(document)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(TITLE)
    run.font.size, run.font.bold = Pt(20), True
    rows = 13 + max(FAMILY_ROWS, len(form.family)) + 1 + 3
    table = document.add_table(rows=rows, cols=len(COLUMNS))
    table.style = "Table Grid"
    for column, width in zip(table.columns, COLUMNS, strict=True):
        for cell in column.cells:
            cell.width = Cm(width)
    _personal(table, form)
    _education(table, form)
    _line(table, 6, "现任职务", form.current_post)
    _line(table, 7, "拟任职务", form.proposed_post)
    _line(table, 8, "拟免职务", form.proposed_removal)
    _line(table, 9, "简\n\n\n历", form.resume, height=12)
    _line(table, 10, "奖惩\n情况", form.rewards or "无", height=2.5)
    _line(table, 11, "年度\n考核\n结果", form.assessments or "无", height=2)
    _line(table, 12, "任免\n理由", form.reason, height=2.5)
    row = _family(table, 13, form)
    on = form.filled_on
    filled = f"{on.year}年{on.month}月{on.day}日" if on else "    年  月  日"
    _line(table, row, "呈报\n单位", f"{form.reporting_unit}\n（盖章）\n{filled}", height=2.5)
    _line(table, row + 1, "审批\n机关\n意见", "\n".join(opinions) or "（盖章）\n    年  月  日", height=3)
    _line(table, row + 2, "行政\n机关\n任免\n意见", "（盖章）\n    年  月  日", height=2.5)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
