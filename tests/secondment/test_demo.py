"""The secondment part of `cadreforge demo load` (loaded once for the run: `demo` in tests/conftest.py)."""

import datetime as dt

import pytest
from django.core.management import call_command

from cadreforge.accounts.models import Role
from cadreforge.programs.models import Program
from cadreforge.reports.duties import get_duty_progress
from cadreforge.secondment.events import talk_notes
from cadreforge.secondment.models import Event, PartyBranch, WeeklyReport
from cadreforge.secondment.output_selectors import output_statistics
from cadreforge.secondment.selectors import weekly_counts
from tests.builders import make_user


@pytest.fixture
def loudi(demo, db):
    return Program.objects.get(code="loudi-hangzhou-study")


def test_loudi_batch2_filed_weekly_reports_mostly_on_time_with_two_missing(loudi):
    counts = weekly_counts(loudi, 2, today=dt.date(2023, 12, 1))
    assert counts["due"] == 35  # 5 cadres × 7 report weeks
    assert counts["missing"] == 2
    assert counts["late"] >= 1 and counts["on_time"] > counts["late"]
    assert counts["submitted"] == counts["on_time"] + counts["late"] == 33


def test_loudi_outputs_give_each_author_over_ninety_thousand_characters(loudi):
    stats = output_statistics(make_user(Role.SYSTEM_ADMIN), loudi, 2)
    assert all(p["characters"] > 90_000 for p in stats["per_person"])
    adopted = [o for o in stats["outputs"] if o.adopted]
    assert len(adopted) == 1 and adopted[0].adopting_document
    assert sorted(o.issue for o in stats["outputs"] if o.kind == "journal") == [1, 2, 3, 4, 5, 6]


def test_loudi_events_include_confidential_talks_and_a_supervision_with_findings(loudi):
    talk = Event.objects.get(program=loudi, kind="talk")
    assert talk_notes(make_user(Role.SYSTEM_ADMIN), talk).count() == 5
    supervision = Event.objects.get(program=loudi, kind="supervision")
    assert [f.is_closed for f in supervision.findings.all()] == [True, False]


def test_huaibei_vanguard_branch_has_kong_bin_as_secretary(demo, db):
    branch = PartyBranch.objects.get(name="先锋团临时党支部")
    assert branch.secretary.cadre.name == "孔彬"
    assert branch.members.count() == branch.team.members.count() >= 3
    progress = get_duty_progress(branch.batch.program, 1)
    assert len(progress["duties"]) == 5 and progress["done_by_duty"][progress["duties"][0].pk] == 3


def test_loading_twice_adds_no_weekly_reports(demo, db):
    before = WeeklyReport.objects.count()
    call_command("demo", "load")
    assert WeeklyReport.objects.count() == before
