"""weekly_counts (the dashboard's compliance figures, read with grouped queries) agrees with the per-slot
schedule of weekly_compliance on every day of a batch, and its query count does not grow with the cadres."""

import datetime as dt

import pytest

from cadreforge.programs import services as programs
from cadreforge.secondment import services
from cadreforge.secondment.models import Assignment
from cadreforge.secondment.selectors import weekly_compliance, weekly_counts
from cadreforge.secondment.weekly_services import save_weekly_report
from tests.builders import make_participant

from .helpers import at, study_program

pytestmark = pytest.mark.django_db
D = dt.date
START, END = D(2023, 9, 6), D(2023, 10, 18)  # starts on a Wednesday; National Day moves a due day


def file(participant, week_start, day, *, submit=True, hour=18):
    return save_weekly_report(
        participant.cadre.user,
        participant,
        week_start=week_start,
        content="本周随主体班学习，走访企业两家。",
        submit=submit,
        now=at(day, hour),
    )


@pytest.fixture
def batch():
    program, (wang, li, zhao) = study_program(START, END, cadres=3)
    file(wang, START, D(2023, 9, 11), hour=23)  # on the due day: on time
    file(wang, D(2023, 9, 11), D(2023, 9, 20))  # two days late
    file(li, START, D(2023, 9, 10), submit=False)  # a draft is not a submission
    file(li, D(2023, 10, 2), D(2023, 10, 7))  # due Saturday 7 October (an adjusted working day)
    # 赵 holds a post from 11 September and is recalled on 27 September: the assignment rules his weeks.
    host = programs.get_or_create_host_unit(name="杭州市委党校", city="杭州")
    post = programs.create_post(None, program, code="G1", host=host)
    assignment = services.assign_post(None, zhao, post, start_date=D(2023, 9, 11), end_date=END)
    services.move_assignment(None, assignment, Assignment.Status.DEPARTED, on=D(2023, 9, 10))
    services.move_assignment(None, assignment, Assignment.Status.IN_POST, on=D(2023, 9, 11))
    file(zhao, D(2023, 9, 11), D(2023, 9, 18))
    services.move_assignment(
        None, assignment, Assignment.Status.ENDED_EARLY, on=D(2023, 9, 27), reason="召回"
    )
    file(zhao, D(2023, 9, 25), D(2023, 9, 28))
    return program


def test_counts_agree_with_the_slot_schedule_on_every_day(batch):
    day = START - dt.timedelta(days=3)
    while day <= END + dt.timedelta(days=10):
        for number in (None, 1):
            expected = weekly_compliance(batch, number, today=day)["counts"]
            assert weekly_counts(batch, number, today=day) == expected, day
        day += dt.timedelta(days=1)


def test_counts_after_the_batch_name_each_kind_of_slot(batch):
    counts = weekly_counts(batch, today=END + dt.timedelta(days=10))
    # 王 and 李: 7 weeks each; 赵: 11 September to his recall on 27 September, 3 weeks. On time: 王's
    # first, 李's week of 2 October, both of 赵's; late: 王's second.
    assert counts == {"due": 17, "submitted": 5, "on_time": 4, "late": 1, "missing": 12}


def test_counts_take_the_same_queries_for_more_cadres(batch, django_assert_num_queries):
    with django_assert_num_queries(2):
        weekly_counts(batch, today=END)
    study_program(START, END, code="study-more", cadres=1)  # other programs do not count
    for n in range(4, 10):
        make_participant(batch, f"S{n:03d}", name=f"学员{n}")
    with django_assert_num_queries(2):
        weekly_counts(batch, today=END)
