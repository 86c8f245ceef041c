"""A refused ledger comes back annotated; that download is an export like any other, so its ID numbers and
mobiles are masked (the full-suite response scanner found them in clear)."""

import io

from openpyxl import Workbook, load_workbook

from cadreforge.core.errors import Problem
from cadreforge.core.validators import id_check_character, mask_id_number
from cadreforge.exchange.ledger.annotate import annotate_workbook

from .pii_scan import full_id_numbers

ID_NUMBER = "11010519491231002" + id_check_character("11010519491231002")


def _workbook() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "干部"
    ws.append(["干部编号*", "姓名", "身份证号（18位）", "手机号"])
    ws.append(["P001", "王一", ID_NUMBER, 13812345678])
    ws.append(["P002", "李二", "", None])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_annotated_workbook_masks_id_numbers_and_mobiles_and_keeps_the_rest():
    marked = annotate_workbook(_workbook(), [Problem("姓名不能为空", sheet="干部", column="姓名", row=3)])
    ws = load_workbook(io.BytesIO(marked))["干部"]
    assert [c.value for c in ws[2]] == ["P001", "王一", mask_id_number(ID_NUMBER), "138****5678"]
    assert ws["C3"].value is None and ws["D3"].value is None
    assert "姓名不能为空" in ws["B3"].comment.text
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert full_id_numbers(text) == []
