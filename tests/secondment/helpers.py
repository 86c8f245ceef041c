"""Helpers of the secondment tests: a study batch with dated participants and a time machine for
submitting reports at a given Beijing time."""

import datetime as dt
import zoneinfo

from cadreforge.programs import services as programs
from cadreforge.programs.models import Program
from tests.builders import make_participant, make_program, make_user

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(day: dt.date, hour: int = 18) -> dt.datetime:
    """A moment of that day in Beijing, to pass as `now`."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=BEIJING)


def study_program(start: dt.date, end: dt.date, code: str = "study-test", cadres: int = 2):
    """A study program whose batch 1 runs from start to end, with `cadres` cadres who can log in."""
    program = make_program(code, kind=Program.Kind.STUDY)
    batch = program.batches.get(number=1)
    batch.start_date, batch.end_date = start, end
    batch.save()
    people = []
    for n in range(1, cadres + 1):
        user = make_user("cadre", username=f"{code}-cadre-{n}")
        user.email = f"cadre{n}@example.org"
        user.save()
        people.append(make_participant(program, f"S{n:03d}", name=f"学员{n}", user=user))
    return program, people


def grant_manager(program):
    return make_user("program_manager", programs_granted=[program])


__all__ = ["at", "grant_manager", "programs", "study_program"]
