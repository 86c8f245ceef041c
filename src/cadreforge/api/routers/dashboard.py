"""The program dashboard's data (数字看板) — exactly reports.dashboard.get_dashboard."""

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from cadreforge.reports.dashboard import get_dashboard

from ..auth import user_of
from ..schemas import ErrorOut
from .common import BatchNumber, program_for

router = Router(tags=["数字看板"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class DashboardFilter(Schema):
    batch: BatchNumber | None = None
    date_from: dt.date | None = Field(None, description="起始日期（趋势、排行、产业链）")
    date_to: dt.date | None = Field(None, description="截止日期")


@router.get("/{code}/dashboard", response={200: dict, **ERRORS}, summary="数字看板数据")
def dashboard(request: HttpRequest, code: str, filters: Query[DashboardFilter]):
    program = program_for(request, code)
    return get_dashboard(
        program, filters.batch, date_from=filters.date_from, date_to=filters.date_to, user=user_of(request)
    )
