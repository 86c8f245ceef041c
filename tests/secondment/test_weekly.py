import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command

from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.secondment import services
from cadreforge.secondment.models import Assignment, WeeklyReport
from cadreforge.secondment.selectors import participant_slots, weekly_compliance, weekly_counts
from cadreforge.secondment.weekly_services import review_weekly_report, save_weekly_report

from .helpers import at, grant_manager, study_program

pytestmark = pytest.mark.django_db
D = dt.date
START, END = D(2023, 9, 4), D(2023, 10, 18)  # Loudi's batch 2: 7 report weeks
WEEK1 = START  # due Monday 11 September


@pytest.fixture
def batch():
    return study_program(START, END)


def submit(participant, day, week_start=WEEK1, hour=18, text="本周随主体班学习，走访企业两家。"):
    return save_weekly_report(
        participant.cadre.user,
        participant,
        week_start=week_start,
        content=text,
        submit=True,
        now=at(day, hour),
    )


def test_batch_dates_give_a_weekly_slot_for_each_calendar_week(batch):
    _, (wang, _) = batch
    slots = participant_slots(wang, today=START)
    assert len(slots) == 7
    assert [s.due for s in slots[3:5]] == [D(2023, 10, 7), D(2023, 10, 9)]  # National Day: due Sat 7 Oct


def test_report_submitted_on_due_day_is_on_time_and_next_day_is_late(batch):
    program, (wang, li) = batch
    submit(wang, D(2023, 9, 11), hour=23)
    submit(li, D(2023, 9, 12), hour=8)
    counts = weekly_counts(program, today=D(2023, 9, 12))
    assert counts == {"due": 2, "submitted": 2, "on_time": 1, "late": 1, "missing": 0}


def test_unfiled_report_is_open_on_due_day_and_missing_the_day_after(batch):
    program, _ = batch
    assert weekly_counts(program, today=D(2023, 9, 11)) == {
        "due": 2, "submitted": 0, "on_time": 0, "late": 0, "missing": 0,
    }  # fmt: skip
    assert weekly_counts(program, today=D(2023, 9, 12))["missing"] == 2


def test_missing_report_filed_later_counts_as_late_not_missing(batch):
    program, (wang, _) = batch
    assert weekly_counts(program, 1, today=D(2023, 9, 13))["missing"] == 2
    submit(wang, D(2023, 9, 13))
    counts = weekly_counts(program, 1, today=D(2023, 9, 13))
    assert (counts["late"], counts["missing"]) == (1, 1)


def test_a_draft_is_not_a_submission(batch):
    program, (wang, _) = batch
    save_weekly_report(wang.cadre.user, wang, week_start=WEEK1, content="草稿", now=at(D(2023, 9, 8)))
    assert weekly_counts(program, today=D(2023, 9, 12))["missing"] == 2


def test_character_count_ignores_whitespace(batch):
    _, (wang, _) = batch
    report = submit(wang, D(2023, 9, 10), text="学习 周报\n第一周")
    assert report.characters == 7


def test_submitted_report_cannot_be_changed(batch):
    _, (wang, _) = batch
    submit(wang, D(2023, 9, 10))
    with pytest.raises(DomainError, match="不能再修改"):
        submit(wang, D(2023, 9, 10), text="改一改")


def test_cadre_cannot_file_for_someone_else(batch):
    _, (wang, li) = batch
    with pytest.raises(PermissionDenied):
        save_weekly_report(li.cadre.user, wang, week_start=WEEK1, content="代写", submit=True, now=at(START))


def test_week_not_started_cannot_be_filed_and_unknown_week_is_refused(batch):
    _, (wang, _) = batch
    with pytest.raises(DomainError, match="尚未开始"):
        submit(wang, D(2023, 9, 5), week_start=D(2023, 9, 11))
    with pytest.raises(DomainError, match="没有学习周报任务"):
        submit(wang, D(2023, 9, 5), week_start=D(2023, 9, 5))


def test_manager_reviews_with_comment_and_rating(batch):
    program, (wang, _) = batch
    report = submit(wang, D(2023, 9, 10))
    manager = grant_manager(program)
    review_weekly_report(manager, report, comment="思考深入", rating=5)
    report.refresh_from_db()
    assert (report.review_comment, report.rating, report.reviewed_by) == ("思考深入", 5, manager)
    with pytest.raises(DomainError, match="1至5"):
        review_weekly_report(manager, report, comment="", rating=6)
    with pytest.raises(PermissionDenied):
        review_weekly_report(wang.cadre.user, report, comment="自评", rating=5)


def test_assignment_dates_rule_over_batch_dates_and_early_end_stops_reports(batch):
    program, (wang, li) = batch
    from cadreforge.programs import services as programs

    host = programs.get_or_create_host_unit(name="杭州市委党校", city="杭州")
    post = programs.create_post(None, program, code="G1", host=host, capacity=2)
    assignment = services.assign_post(None, wang, post, start_date=START, end_date=END)
    services.move_assignment(None, assignment, Assignment.Status.DEPARTED, on=D(2023, 9, 3))
    services.move_assignment(None, assignment, Assignment.Status.IN_POST, on=START)
    services.move_assignment(
        None, assignment, Assignment.Status.ENDED_EARLY, on=D(2023, 9, 15), reason="因工作需要召回"
    )
    assert len(participant_slots(wang, today=END)) == 2
    assert len(participant_slots(li, today=END)) == 7


def test_compliance_lists_who_has_not_filed_this_week(batch):
    program, (wang, li) = batch
    submit(wang, D(2023, 9, 10))
    board = weekly_compliance(program, today=D(2023, 9, 10))
    assert [row.participant for row in board["not_filed"]] == [li]
    assert board["warning"] == ""


def test_after_the_last_due_day_nobody_is_listed_as_not_filing_this_week(batch):
    """The last week (ending 18 October) is due Thursday 19 October: until then it is this week's report;
    afterwards the batch is over and has no current week, however many reports are missing."""
    program, (wang, li) = batch
    on_the_due_day = weekly_compliance(program, today=D(2023, 10, 19))
    assert [row.participant for row in on_the_due_day["not_filed"]] == [wang, li]
    assert on_the_due_day["over"] is None

    years_later = weekly_compliance(program, today=D(2026, 11, 23))
    assert years_later["not_filed"] == []
    assert years_later["over"] == D(2023, 10, 19)
    assert years_later["counts"]["missing"] == 14  # the missing reports still count


def test_cli_weekly_report_prints_exactly_the_contract_keys(batch):
    program, (wang, _) = batch
    submit(wang, D(2023, 9, 11))
    out = StringIO()
    call_command("report", "weekly", "--program", program.code, "--batch", "1", "--json", stdout=out)
    # Long after the batch: all 7 weeks of both cadres are due.
    assert json.loads(out.getvalue()) == {"due": 14, "submitted": 1, "on_time": 1, "late": 0, "missing": 13}
    assert WeeklyReport.objects.count() == 1


def test_cli_weekly_report_text_is_chinese(batch):
    program, _ = batch
    out = StringIO()
    call_command("report", "weekly", "--program", program.code, stdout=out)
    assert "缺报 14 份" in out.getvalue()
