"""Parsers of one ledger cell. Each takes what the reader gives (str, int, float, bool, date, datetime)
and returns the typed value, or raises CellError with a Chinese message.

Numeric cells come from the reader as floats: they are turned into text through their 15 significant
digits (what Excel itself shows), never through float arithmetic, so 0.1 万元 stays exactly 1000 元.
"""

import datetime as dt
import re
from decimal import Decimal

from django.core.exceptions import ValidationError

from cadreforge.core.money import wan_to_yuan
from cadreforge.core.stages import Stage, parse_stage
from cadreforge.core.text import clean, split_list, to_simplified
from cadreforge.core.validators import validate_id_number, validate_mobile, validate_uscc


class CellError(ValueError):
    """A cell's value is not acceptable; the message is Chinese and says what is expected."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATE_CN = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_MONTH_ISO = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_CN = re.compile(r"^(\d{4})年(\d{1,2})月$")
_CODE = re.compile(r"^[a-z0-9-]+$")
_YES = {"是", "y", "yes", "1", "true", "对", "對"}
_NO = {"否", "n", "no", "0", "false"}


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def number_text(value: float) -> str:
    """A float from a numeric cell as the text Excel shows (15 significant digits), e.g. 0.1 → '0.1'."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.15g}"


def as_text(value: object) -> str:
    """Any cell as trimmed text: 1001.0 → '1001', a date → '2024-03-01'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def parse_text(value: object) -> str:
    return as_text(value)


def parse_code(value: object) -> str:
    """A key such as 干部编号: text, trimmed, full-width folded (so Ｃ００１ and C001 are one)."""
    return clean(as_text(value))


def parse_program_code(value: object) -> str:
    code = parse_code(value)
    if not _CODE.match(code):
        raise CellError(f"计划代码“{code}”只能由小写字母、数字和连字符组成")
    return code


def _make_date(y: str, m: str, d: str, raw: str) -> dt.date:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        raise CellError(f"日期“{raw}”不存在") from None


def parse_date(value: object) -> dt.date:
    """YYYY-MM-DD, a real Excel date cell, or YYYY年M月D日."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = clean(as_text(value))
    match = _DATE_ISO.match(raw) or _DATE_CN.match(raw)
    if not match:
        raise CellError(f"日期“{raw}”格式不正确，应为YYYY-MM-DD、YYYY年M月D日或Excel日期")
    return _make_date(*match.groups(), raw)


def parse_month(value: object) -> dt.date:
    """YYYY-MM or YYYY年M月 (a full date is accepted too); the first day of that month."""
    if isinstance(value, dt.datetime | dt.date):
        return parse_date(value).replace(day=1)
    raw = clean(as_text(value))
    match = _MONTH_ISO.match(raw) or _MONTH_CN.match(raw)
    if match:
        return _make_date(*match.groups(), "1", raw)
    try:
        return parse_date(raw).replace(day=1)
    except CellError:
        raise CellError(f"年月“{raw}”格式不正确，应为YYYY-MM或YYYY年M月") from None


def parse_int(value: object) -> int:
    if isinstance(value, bool):
        raise CellError("应为整数")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        raw = clean(as_text(value)).replace(",", "")
        if not re.fullmatch(r"\d+", raw):
            raise CellError(f"“{raw}”不是整数")
        number = int(raw)
    if number < 0:
        raise CellError("不能为负数")
    return number


def parse_amount(value: object) -> Decimal:
    """万元 → Decimal yuan, exactly."""
    if isinstance(value, bool):
        raise CellError("金额应为数字（单位：万元）")
    raw = number_text(value) if isinstance(value, float) else clean(as_text(value))
    try:
        yuan = wan_to_yuan(raw)
    except ValueError as exc:
        raise CellError(str(exc)) from None
    if yuan < 0:
        raise CellError("金额不能为负数")
    return yuan


def parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    word = clean(as_text(value)).lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise CellError(f"“{as_text(value)}”应为是/否（也可填Y/N、1/0、TRUE/FALSE）")


def parse_list(value: object) -> list[str]:
    return split_list(as_text(value))


def parse_stage_cell(value: object) -> Stage:
    try:
        return parse_stage(as_text(value))
    except ValueError as exc:
        raise CellError(str(exc)) from None


def parse_enum(value: object, choices: dict[str, str], header: str) -> str:
    word = to_simplified(clean(as_text(value)))
    if word in choices:
        return choices[word]
    raise CellError(f"未知的{header}“{as_text(value)}”，应为：{'、'.join(choices)}")


def _validated(validator, value: object, header: str) -> str:
    if isinstance(value, float) and not value.is_integer():
        raise CellError(f"{header}应以文本格式填写")
    if isinstance(value, float) and abs(value) >= 1e15:
        raise CellError(f"{header}位数过长，Excel数字会丢失精度，请以文本格式填写")
    try:
        return validator(as_text(value))
    except ValidationError as exc:
        raise CellError("；".join(exc.messages)) from None


def parse_id_number(value: object) -> str:
    """A GB 11643 ID number; a masked one (from an export) is returned as is for the importer to match."""
    text = clean(as_text(value))
    if "*" in text:
        return text
    return _validated(validate_id_number, value, "身份证号")


def parse_mobile(value: object) -> str:
    text = clean(as_text(value))
    if "*" in text:
        return text
    return _validated(validate_mobile, value, "手机号")


def parse_uscc(value: object) -> str:
    return _validated(validate_uscc, value, "统一社会信用代码")
