"""Reading a workbook's cells with python-calamine (fast; values come as str, float, int, bool, date,
datetime)."""

import io
from pathlib import Path
from typing import IO

from python_calamine import CalamineError, CalamineWorkbook

from cadreforge.core.errors import Problem, ValidationFailed

RawWorkbook = dict[str, list[list]]


def read_workbook(source: str | Path | bytes | IO[bytes]) -> RawWorkbook:
    """Every sheet's rows from A1 (row i of the list is Excel row i+1), keyed by the trimmed sheet name."""
    try:
        if isinstance(source, str | Path):
            workbook = CalamineWorkbook.from_path(str(source))
        else:
            data = source if isinstance(source, bytes) else source.read()
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        with workbook:
            return {
                name.strip(): workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
                for name in workbook.sheet_names
            }
    except (CalamineError, OSError) as exc:
        raise ValidationFailed([Problem(f"无法读取工作簿（应为.xlsx文件）：{exc}")]) from exc
