"""Validators for identifiers used in Chinese government records.

- Resident ID number (居民身份证号码), GB 11643-1999: 17 digits + an ISO 7064 MOD 11-2 check character.
- Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters + a MOD 31 check character.
- Mainland mobile number: 11 digits starting with 1[3-9].
Each `validate_*` returns the normalised value or raises `django.core.exceptions.ValidationError`
with a Chinese message.
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils import timezone

from .text import clean

_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")


def id_check_character(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def validate_id_number(value: str) -> str:
    v = clean(value).upper()
    if not _ID_RE.match(v):
        raise ValidationError("身份证号应为18位：17位数字加1位校验码（数字或X）")
    try:
        born = dt.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError as exc:
        raise ValidationError("身份证号中的出生日期无效") from exc
    if born.year < 1900 or born > timezone.localdate():
        raise ValidationError(f"身份证号中的出生日期{born}不合理")
    if id_check_character(v[:17]) != v[17]:
        raise ValidationError("身份证号校验码不正确")
    return v


# GB 32100: the 31 characters used, in value order (no I, O, Z, S, V).
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
_USCC_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def uscc_check_character(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters."""
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31]


def validate_uscc(value: str) -> str:
    v = clean(value).upper()
    if not _USCC_RE.match(v):
        raise ValidationError("统一社会信用代码应为18位，由数字和大写字母组成（不含I、O、Z、S、V）")
    if uscc_check_character(v[:17]) != v[17]:
        raise ValidationError("统一社会信用代码校验码不正确")
    return v


_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def validate_mobile(value: str) -> str:
    v = re.sub(r"[\s-]", "", clean(value))
    if v.startswith("+86"):
        v = v[3:]
    if not _MOBILE_RE.match(v):
        raise ValidationError("手机号应为11位中国大陆手机号码（以13-19开头）")
    return v


def mask_id_number(value: str) -> str:
    """110***********002X: the first 3 and last 4 characters shown."""
    if not value:
        return ""
    return value[:3] + "*" * (len(value) - 7) + value[-4:] if len(value) > 7 else "*" * len(value)


def mask_mobile(value: str) -> str:
    """138****5678."""
    if not value:
        return ""
    return value[:3] + "****" + value[-4:] if len(value) == 11 else "*" * len(value)
