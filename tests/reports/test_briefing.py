"""Briefings written from hand-made records: figures with their measure words, no sentence about zero,
and the txt/docx/xlsx files carry them."""

import io

import pytest
from django.core.management import call_command

from cadreforge.core.stages import Stage
from cadreforge.programs import services as programs
from cadreforge.reports.briefing import build_briefing
from cadreforge.reports.briefing.documents import render
from cadreforge.reports.briefing.numbers import batch_word, place_short

from ..builders import make_lead, make_participant, make_program, make_project, make_visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def penglai():
    program = make_program("pl-test", batches=2, name="蓬莱3360计划", kind="secondment")
    programs.update_program(None, program, region="山东省烟台市蓬莱市")
    a = make_participant(program, "P1", batch=1, name="王海")
    b = make_participant(program, "P2", batch=1, name="李明", unit="区商务局")
    make_participant(program, "P3", batch=2, name="赵云")
    for name in ("甲公司", "乙公司", "丙公司"):
        make_visit(a, name)
    make_visit(b, "丁公司")
    make_lead(a, "甲公司")
    make_lead(b, "乙公司")
    make_lead(b, "丙公司", valuable=False)
    make_project(program, "X1", stage=Stage.LANDED, cadres=[a], amount_wan="20000")
    make_project(program, "X2", stage=Stage.SIGNED, cadres=[a], amount_wan="5000")
    make_project(program, "X3", stage=Stage.INTENT, cadres=[b])
    make_project(program, "X4", stage=Stage.INTENT, cadres=[b])
    return program


def test_batch_briefing_reads_like_the_penglai_report(penglai):
    text = build_briefing(penglai, 1)["paragraphs"][0]
    assert text == (
        "首批2名挂职干部累计走访企业4家，搜集报送有价值招商信息2条，引荐4个项目到蓬考察。"
        "其中，1个项目落地投产，1个项目正式签约，2个项目签订框架协议或合作意向书。"
    )


def test_the_program_briefing_names_the_only_batch_that_did_the_work(penglai):
    """The second batch (赵云) has no records yet: the visits were the first batch's two cadres'."""
    assert build_briefing(penglai)["paragraphs"][0].startswith("首批2名挂职干部累计走访企业4家，")


def test_once_two_batches_have_records_the_program_briefing_counts_all_its_cadres(penglai):
    make_visit(penglai.participants.get(code="P3"), "戊公司")
    assert build_briefing(penglai)["paragraphs"][0].startswith("蓬莱3360计划共3名挂职干部累计走访企业5家，")


def test_amounts_are_written_in_yi_and_wan_yuan(penglai):
    paragraphs = build_briefing(penglai, 1)["paragraphs"]
    assert "签约项目2个，协议投资额合计2.5亿元" in paragraphs[1]
    assert "落地投产项目投资额2亿元" in paragraphs[1]


def test_no_sentence_about_a_zero_figure(penglai):
    briefing = build_briefing(penglai, 2)
    text = "".join(briefing["paragraphs"])
    assert "0个" not in text and "0条" not in text and "0家" not in text
    assert "开工" not in build_briefing(penglai, 1)["paragraphs"][0]  # no project is at 开工
    # batch 2's one cadre has no records at all: no figures are invented
    assert "走访" not in text or "尚无" in text


def test_batch_and_place_words():
    assert [batch_word(n) for n in (1, 2, 10, 12, 21)] == [
        "首批",
        "第二批",
        "第十批",
        "第十二批",
        "第二十一批",
    ]
    assert place_short("浙江省杭州市萧山区") == "萧"
    assert place_short("") == ""


def test_txt_command_writes_the_briefing(penglai, tmp_path):
    out = tmp_path / "b.txt"
    call_command("briefing", "--program", "pl-test", "--batch", "1", "--format", "txt", "-o", str(out))
    text = out.read_text("utf-8")
    assert text.startswith("蓬莱3360计划首批干部工作简报")
    assert "累计走访企业4家" in text


def test_docx_opens_with_the_figures_and_a_chart(penglai):
    from docx import Document

    doc = Document(io.BytesIO(render(penglai, 1, "docx")))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "引荐4个项目到蓬考察" in body
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "4家" in cells and "2.5亿元" in cells and "王海" in cells
    # the funnel and the monthly trends as PNG images
    images = [rel.target_part for rel in doc.part.rels.values() if "image" in rel.reltype]
    assert len(doc.inline_shapes) == 2 and len(images) == 2
    assert all(part.content_type == "image/png" and part.blob.startswith(b"\x89PNG") for part in images)


def test_xlsx_opens_with_the_tables(penglai):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(render(penglai, None, "xlsx")))
    assert book.sheetnames == ["简报", "主要数据", "项目阶段", "干部排行", "单位赛马榜"]
    figures = dict(book["主要数据"].iter_rows(min_row=2, values_only=True))
    assert figures["引荐项目"] == "4个" and figures["干部"] == "3名"
    stages = {row[0]: row[2] for row in book["项目阶段"].iter_rows(min_row=2, values_only=True)}
    assert stages == {"考察": 4, "意向": 4, "签约": 2, "开工": 1, "投产": 1}
    leaders = list(book["干部排行"].iter_rows(min_row=2, values_only=True))
    # both referred 2 projects; 李明 reported more leads (2 against 1), so he ranks first
    assert [(r[2], r[5], r[6]) for r in leaders] == [("李明", 2, 2), ("王海", 1, 2)]


def test_download_button_serves_the_docx(penglai, login):
    from cadreforge.accounts.models import Role

    client = login(Role.PROGRAM_MANAGER, programs_granted=[penglai])
    page = client.get("/dashboard/pl-test/")
    assert 'href="/dashboard/pl-test/briefing.docx"' in page.content.decode()
    response = client.get("/dashboard/pl-test/briefing.docx?batch=1")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('briefing-pl-test-batch1.docx"')


def test_a_cadre_downloads_the_briefing_without_the_cadre_leaderboard(penglai, login):
    """Rankings are for the organisation department and leaders (evaluation's rule): a cadre's download
    carries every figure but not colleagues' names side by side; a leader's carries the leaderboard."""
    from docx import Document
    from openpyxl import load_workbook

    from cadreforge.accounts.models import Role
    from cadreforge.people.models import Cadre

    from ..builders import make_user

    user = make_user(Role.CADRE, "pl-cadre")
    Cadre.objects.filter(participations__code="P1", participations__program=penglai).update(user=user)
    cadre = load_workbook(io.BytesIO(login(user).get("/dashboard/pl-test/briefing.xlsx").content))
    assert cadre.sheetnames == ["简报", "主要数据", "项目阶段", "单位赛马榜"]
    doc = Document(io.BytesIO(login(user).get("/dashboard/pl-test/briefing.docx").content))
    texts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "主要数据" in texts and "干部排行" not in texts and not any("李明" in t for t in texts)

    leader = load_workbook(io.BytesIO(login(Role.LEADER).get("/dashboard/pl-test/briefing.xlsx").content))
    assert "干部排行" in leader.sheetnames
