import datetime as dt

import pytest

from cadreforge.core.errors import DomainError
from cadreforge.reports.duties import get_duty_progress
from cadreforge.secondment.events import mark_duty, save_duty
from tests.builders import make_lead, make_output, make_participant, make_program, make_visit

pytestmark = pytest.mark.django_db


def test_duty_progress_is_counted_from_the_records_that_prove_it():
    program = make_program("huaibei-test")
    kong, xu = (
        make_participant(program, "SB-002", name="孔彬"),
        make_participant(program, "SB-003", name="许大鹏"),
    )
    chain_map = save_duty(None, program, title="完善招商引资链图谱", measure="manual", order=1)
    save_duty(None, program, title="联系走访企业", measure="visits", target=2, order=2)
    save_duty(None, program, title="对标先进提出参考方案", measure="outputs", order=3)
    make_visit(kong, "上海某新材料有限公司", dt.date(2023, 3, 1))
    make_visit(kong, "苏州某装备股份有限公司", dt.date(2023, 3, 2))
    make_visit(xu, "上海某新材料有限公司", dt.date(2023, 3, 3))
    make_lead(xu, "宁波某科技有限公司")
    make_output(program, "对标长三角园区运营的参考方案", kind="proposal", authors=[xu])
    mark_duty(None, chain_map, kong, evidence="高分子材料产业链图谱（2023年3月）")
    progress = get_duty_progress(program)
    by_code = {row["participant"].code: row for row in progress["rows"]}
    kong_cells = [(c["count"], c["done"]) for c in by_code["SB-002"]["cells"]]
    xu_cells = [(c["count"], c["done"]) for c in by_code["SB-003"]["cells"]]
    assert kong_cells == [(1, True), (2, True), (0, False)]
    assert xu_cells == [(0, False), (1, False), (1, True)]
    assert by_code["SB-002"]["cells"][0]["evidence"] == "高分子材料产业链图谱（2023年3月）"
    assert list(progress["done_by_duty"].values()) == [1, 1, 1]


def test_counted_duty_cannot_be_ticked_by_hand():
    program = make_program("huaibei-test")
    duty = save_duty(None, program, title="联系走访企业", measure="visits")
    with pytest.raises(DomainError, match="自动统计"):
        mark_duty(None, duty, make_participant(program), evidence="口头汇报")
