"""The demo data (`cadreforge demo load`): the programs of seed-facts.md as records, loaded through the
services, so every figure the pages show is computed from rows.

`load_demo` runs in one transaction and is idempotent: a program whose code exists is skipped whole,
shared rows (units, chains, host units, enterprises) are got-or-created, and the demo accounts are
created only when missing.
"""

from collections.abc import Callable

from django.db import transaction

from cadreforge.org.services import fill_known_places

from . import appointment_profiles as appointment_demo
from . import evaluation as evaluation_demo
from . import huaian, huaibei, loudi, penglai, secondment, xiaoshan
from . import indicators as indicators_demo
from . import pipeline as pipeline_demo
from . import selection as selection_demo
from . import training as training_demo
from .accounts import ensure_accounts
from .common import DEMO_PROGRAM_CODES

__all__ = ["DEMO_PROGRAM_CODES", "load_demo"]

PLACES = (penglai, xiaoshan, huaibei, loudi, huaian, secondment, selection_demo, training_demo, pipeline_demo)
PLACES += (indicators_demo,)  # the dashboard's indicators (issue 9)
PLACES += (evaluation_demo,)  # KPI ranking, commendations, promotions, fault tolerance (issue 8)
PLACES += (appointment_demo,)  # the promoted cadres' 干部任免审批表 items (issue 8)


def load_demo(log: Callable[[str], None] = lambda message: None) -> None:
    """Load every demo program and the demo accounts; `log` receives one Chinese line per step."""
    with transaction.atomic():
        # The flow map's coordinates come with the migrations; a flushed database has lost them.
        fill_known_places()
        for place in PLACES:
            place.load(log)
        ensure_accounts(log)
