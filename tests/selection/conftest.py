import datetime as dt

import pytest

from cadreforge.org.models import OrgUnit
from cadreforge.org.services import get_or_create_unit
from cadreforge.people.services import create_cadre
from cadreforge.selection import services

from ..builders import make_program

DEADLINE = dt.date(2030, 6, 30)


@pytest.fixture
def call(db):
    program = make_program("sel-test")
    batch = program.batches.get(number=1)
    return services.create_call(
        None, batch, title="测试选拔公告", quota=2, deadline=DEADLINE, tracks=["新材料", "生命健康"],
        tie_breaks=["interview", "younger"], code_prefix="T-",
    )  # fmt: skip


@pytest.fixture
def apply(call):
    """apply(name, ...) → an application of a new cadre to the call."""

    def _apply(
        name, *, unit="市发展和改革委员会", kind=OrgUnit.Kind.GOVERNMENT, track="新材料", years=3, **cadre
    ):
        cadre.setdefault("rank", "正科级")
        cadre.setdefault("birth_month", dt.date(1988, 1, 1))
        person = create_cadre(None, name=name, unit=get_or_create_unit(unit, None, kind), **cadre)
        return services.submit_application(None, call, person, track=track, years_in_post=years)

    return _apply
