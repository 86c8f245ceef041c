"""What every router shares: pagination, the program a call is about, the filter types."""

import re
from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

from cadreforge.core.errors import NotFound
from cadreforge.programs.models import Program
from cadreforge.programs.selectors import get_visible_program

from ..auth import user_of
from ..schemas import Text

_PROGRAM_CODE = re.compile(r"^[a-z0-9-]{1,64}$")

# A batch number in a filter: PositiveSmallIntegerField in the database.
BatchNumber = Annotated[int, Field(ge=1, le=32767, description="批次号")]
ShortText = Annotated[Text, Field(max_length=64)]


class Pages(PageNumberPagination):
    """`?page=N&page_size=M` (50 by default, at most 200) → `{"items": [...], "count": total}`."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000, description="页码，从1开始")
        page_size: int | None = Field(None, ge=1, le=200, description="每页条数，默认50，最多200")

    def __init__(self, **kwargs) -> None:
        super().__init__(page_size=50, max_page_size=200, **kwargs)


def program_for(request: HttpRequest, code: str) -> Program:
    """The program of that code if the caller may see it; otherwise 404, whatever the code."""
    if not _PROGRAM_CODE.match(code):
        raise NotFound(f"找不到计划“{code[:64]}”，或您无权查看。")
    return get_visible_program(user_of(request), code)
