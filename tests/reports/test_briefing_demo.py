"""Briefings of the demo programs: Penglai's batch 1 sentence reproduced from the records, and for every
demo program no sentence about a zero figure."""

import re

import pytest

from cadreforge.exchange.demo import DEMO_PROGRAM_CODES
from cadreforge.programs.models import Program
from cadreforge.reports.briefing import build_briefing
from cadreforge.reports.dashboard import get_dashboard

pytestmark = pytest.mark.django_db


PENGLAI = (
    "首批20名挂职干部累计走访企业1873家，搜集报送有价值招商信息376条，引荐125个项目到蓬考察。"
    "其中，6个项目落地投产，9个项目正式签约，11个项目签订框架协议或合作意向书。"
)


def test_penglai_batch_one_reads_as_the_report(demo):
    assert build_briefing(Program.objects.get(code="penglai-3360"), 1)["paragraphs"][0] == PENGLAI


def test_penglai_program_briefing_reads_as_the_report_too(demo):
    """The second batch of 20 has no records: the program's briefing is the first batch's sentence, not
    "共40名挂职干部累计走访企业1873家"."""
    assert build_briefing(Program.objects.get(code="penglai-3360"))["paragraphs"][0] == PENGLAI


@pytest.mark.parametrize("code", DEMO_PROGRAM_CODES)
def test_no_demo_briefing_speaks_of_a_zero(demo, code):
    briefing = build_briefing(Program.objects.get(code=code))
    text = "".join(briefing["paragraphs"])
    assert not re.search(r"(?<![\d.])0(个|家|条|名|篇|元)", text), text
    for paragraph in briefing["paragraphs"]:
        assert paragraph.endswith("。")


def test_huaian_dashboard_shows_the_first_half_indicators(demo):
    data = get_dashboard(Program.objects.get(code="huaian-etdz-investment"))
    rows = {i["name"]: (i["value"], i["unit"], i["change_percent"]) for i in data["indicators"]}
    assert rows["固定资产投资"] == ("79.77", "亿元", "32.3")
    assert rows["工业投资"] == ("49.85", "亿元", "92")
    assert rows["实际使用外资"] == ("1.12", "亿美元", None)
    assert rows["新签约亿元以上项目"][0] == "46"
    assert rows["新签约50亿元以上项目"][0] == "3"
