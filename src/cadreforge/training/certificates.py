"""The completion certificate (结业证书/合格证书) of a knowledge test, as a Chinese .docx (python-docx)."""

import io

from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from .models import Attempt


def _paragraph(document, text: str, size: int, bold: bool = False, center: bool = True) -> None:
    paragraph = document.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    run.font.name = "SimSun"
    run._element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")


def certificate_docx(attempt: Attempt) -> bytes:
    """The certificate of a passed attempt: who, which test, score, date, organiser."""
    quiz, cadre, program = attempt.quiz, attempt.cadre, attempt.quiz.program
    when = timezone.localtime(attempt.submitted_at).date()
    document = Document()
    _paragraph(document, "合格证书", 26, bold=True)
    _paragraph(document, f"编号：{program.code}-Q{quiz.number:02d}-{attempt.pk:06d}", 10)
    _paragraph(
        document,
        f"{cadre.name}同志（{cadre.unit.name}）于{when.year}年{when.month}月{when.day}日参加"
        f"“{program.name}”{quiz.title}，得分{attempt.percent}分（及格线{quiz.pass_mark}分），成绩合格，特发此证。",
        14,
        center=False,
    )
    _paragraph(document, program.organiser or program.name, 14)
    _paragraph(document, f"{when.year}年{when.month}月{when.day}日", 14)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
