"""A scheduled briefing starts with what is new: the week (or month) up to the day before sending, with no
clause about a zero, and only the batch's records for a batch's briefing; the cumulative figures follow."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.utils import timezone

from cadreforge.core.stages import Stage
from cadreforge.reports.briefing.schedules import save_schedule
from cadreforge.reports.briefing.sending import recent_window, send_due_briefings
from cadreforge.reports.models import BriefingSchedule, BriefingSending

from ..builders import make_lead, make_participant, make_program, make_project, make_visit

pytestmark = pytest.mark.django_db
MONDAY_9AM = timezone.make_aware(dt.datetime(2024, 3, 4, 9, 0))  # the week before: 2.26–3.3


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def program():
    program = make_program("brief-period", name="蓬莱3360计划", batches=2)
    wang = make_participant(program, "P1", name="王海", batch=1)
    li = make_participant(program, "P2", name="李江", batch=2)
    make_visit(wang, "甲公司", dt.date(2024, 2, 20))  # before the week
    make_visit(wang, "乙公司", dt.date(2024, 2, 28))
    make_visit(wang, "丙公司", dt.date(2024, 3, 3))
    make_visit(wang, "丁公司", dt.date(2024, 3, 4))  # the sending day itself: next week's
    make_visit(li, "戊公司", dt.date(2024, 2, 29))  # batch 2
    make_lead(wang, "乙公司", "L1", date=dt.date(2024, 2, 28))
    make_lead(wang, "丙公司", "L2", date=dt.date(2024, 3, 1), valuable=False)
    make_project(
        program, "X1", stage=Stage.SIGNED, cadres=[wang],
        stage_dates={Stage.INSPECTION: dt.date(2024, 1, 10), Stage.INTENT: dt.date(2024, 2, 1),
                     Stage.SIGNED: dt.date(2024, 2, 27)},
    )  # fmt: skip
    return program


def _schedule(program, batch=None, frequency="weekly"):
    return save_schedule(
        None, program, name="周报", frequency=frequency, weekday=0, day_of_month=4, hour=8,
        channels=[], emails="leader@example.org", email_format="docx", batch_number=batch,
    )  # fmt: skip


def test_the_weekly_briefing_opens_with_the_week_before(program):
    from docx import Document

    _schedule(program)
    send_due_briefings(MONDAY_9AM)

    first = BriefingSending.objects.get().text.split("\n")[3].strip()
    assert first == "近一周（2月26日至3月3日），新增走访企业3家，报送有价值招商信息1条，1个项目正式签约。"
    assert "累计走访企业5家" in BriefingSending.objects.get().text
    doc = Document(io.BytesIO(mail.outbox[0].attachments[0][1]))
    assert first in [p.text for p in doc.paragraphs]


def test_a_batch_briefing_counts_only_its_cadres(program):
    _schedule(program, batch=1)
    send_due_briefings(MONDAY_9AM)
    assert "近一周（2月26日至3月3日），新增走访企业2家" in BriefingSending.objects.get().text


def test_a_week_with_nothing_new_says_so_in_one_sentence(program):
    _schedule(program)
    send_due_briefings(MONDAY_9AM + dt.timedelta(days=21))
    text = BriefingSending.objects.get().text
    assert "近一周（3月18日至3月24日）暂无新增走访、线索、项目进展和引进人才记录。" in text
    assert "新增走访企业0" not in text


@pytest.mark.parametrize(
    ("today", "start", "end"),
    [
        (dt.date(2024, 3, 4), dt.date(2024, 2, 4), dt.date(2024, 3, 3)),
        (dt.date(2024, 3, 31), dt.date(2024, 2, 29), dt.date(2024, 3, 30)),  # no 31 February
        (dt.date(2024, 1, 15), dt.date(2023, 12, 15), dt.date(2024, 1, 14)),  # across the new year
    ],
)
def test_the_monthly_window_is_the_month_before_the_sending_day(today, start, end):
    schedule = BriefingSchedule(frequency=BriefingSchedule.Frequency.MONTHLY)
    assert recent_window(schedule, today) == ("近一月", start, end)
