"""Exported cells that begin with = + - @ stay text: opening the ledger never runs a formula from the data."""

import io

from openpyxl import load_workbook

from cadreforge.exchange.ledger.exporter import write_export

from ..builders import make_participant, make_program, make_visit


def test_formula_like_text_is_exported_as_plain_text(db):
    program = make_program("penglai-3360")
    participant = make_participant(program, "P001", name='=HYPERLINK("http://x","点我")')
    make_visit(participant, "@SUM(A1:A9)科技有限公司")
    buffer = io.BytesIO()
    write_export(program, buffer)
    workbook = load_workbook(io.BytesIO(buffer.getvalue()))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value]
    texts = {cell.value: cell.data_type for cell in cells if isinstance(cell.value, str)}
    assert texts['=HYPERLINK("http://x","点我")'] == "s"
    assert any(value.startswith("@SUM") and kind == "s" for value, kind in texts.items())
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
