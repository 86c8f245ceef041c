"""Project workflow: verification, verified totals beside the recorded ones, durations, lights, brackets."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from cadreforge.accounts.models import Role
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.core.stages import Stage
from cadreforge.pipeline import tracking, workflow
from cadreforge.pipeline.models import ProjectStage
from cadreforge.reports.selectors import get_funnel, get_verified_funnel
from tests.builders import make_participant, make_program, make_project, make_user

D = dt.date
YI = Decimal(100_000_000)


@pytest.fixture
def program(db):
    return make_program("p1")


@pytest.fixture
def verifier(program):
    return make_user(Role.VERIFIER, programs_granted=[program])


def test_an_unverified_stage_counts_as_recorded_but_not_as_verified(program, verifier):
    project = make_project(
        program, "X1", stage=Stage.SIGNED, amount_wan="30000", stage_dates={Stage.SIGNED: D(2024, 1, 5)}
    )
    assert get_funnel(program)["reached"]["signed"] == 1
    verified = get_verified_funnel(program)
    assert verified["basis"] == "verified"
    assert verified["reached"]["signed"] == 0
    assert verified["amount_yuan"]["signed"] == "0.00"
    assert verified["awaiting_verification"] == 1

    workflow.verify_stage(verifier, project, Stage.SIGNED)
    verified = get_verified_funnel(program)
    assert verified["reached"] == {"inspection": 1, "intent": 1, "signed": 1, "started": 0, "landed": 0}
    assert verified["amount_yuan"]["signed"] == "300000000.00"
    assert verified["awaiting_verification"] == 0


def test_the_funnel_of_the_spec_is_unchanged_by_verification(program, verifier):
    project = make_project(program, "X1", stage=Stage.SIGNED, stage_dates={Stage.SIGNED: D(2024, 1, 5)})
    before = get_funnel(program)
    workflow.verify_stage(verifier, project, Stage.SIGNED)
    assert get_funnel(program) == before


def test_a_verifier_verifies_only_the_programs_granted(program):
    other = make_program("p2")
    outsider = make_user(Role.VERIFIER, programs_granted=[other])
    project = make_project(program, "X1", stage=Stage.SIGNED, stage_dates={Stage.SIGNED: D(2024, 1, 5)})
    with pytest.raises(PermissionDenied, match="无权核验计划“p1”"):
        workflow.verify_stage(outsider, project, Stage.SIGNED)
    manager = make_user(Role.PROGRAM_MANAGER, programs_granted=[program])
    with pytest.raises(PermissionDenied, match="只有项目核验员"):
        workflow.verify_stage(manager, project, Stage.SIGNED)
    assert not ProjectStage.objects.filter(verified_at__isnull=False).exists()


def test_a_stage_without_a_date_cannot_be_verified(program, verifier):
    project = make_project(program, "X1", stage=Stage.INTENT)
    with pytest.raises(DomainError, match="没有日期"):
        workflow.verify_stage(verifier, project, Stage.INTENT)


def test_a_check_entered_after_the_fact_keeps_its_day_which_may_not_precede_the_stage(program):
    project = make_project(program, "X1", stage=Stage.SIGNED, stage_dates={Stage.SIGNED: D(2024, 1, 5)})
    with pytest.raises(DomainError, match="核验日期须在签约日期"):
        workflow.verify_stage(None, project, Stage.SIGNED, verified_on=D(2024, 1, 4))
    row = workflow.verify_stage(None, project, Stage.SIGNED, verified_on=D(2024, 1, 5))
    assert timezone.localtime(row.verified_at).date() == D(2024, 1, 5) and row.verified_by is None


def test_changing_the_date_of_a_verified_stage_clears_its_verification(program, verifier):
    project = make_project(program, "X1", stage=Stage.SIGNED, stage_dates={Stage.SIGNED: D(2024, 1, 5)})
    workflow.verify_stage(verifier, project, Stage.SIGNED)
    make_project(program, "X1", stage=Stage.SIGNED, stage_dates={Stage.SIGNED: D(2024, 2, 1)})
    assert get_verified_funnel(program)["reached"]["signed"] == 0


def test_trina_phase_one_took_188_days_from_signing_to_production(program):
    signed = D(2022, 6, 20)
    project = make_project(
        program,
        "TRINA1",
        stage=Stage.LANDED,
        stage_dates={Stage.SIGNED: signed, Stage.LANDED: signed + dt.timedelta(days=188)},
    )
    assert tracking.stage_days(project, Stage.SIGNED, Stage.LANDED) == 188
    assert tracking.stage_days(project, Stage.INSPECTION, Stage.LANDED) is None
    pairs = {(d["start"], d["end"]): d["days"] for d in tracking.duration_pairs(project)}
    assert pairs == {(Stage.SIGNED, Stage.LANDED): 188}
    summary = tracking.duration_summary(program.projects.all(), Stage.SIGNED, Stage.LANDED)
    assert (summary["count"], summary["median"]) == (1, 188)


def test_lights_follow_the_programs_thresholds_and_stalled_projects_name_their_cadres(program):
    wang = make_participant(program, "P001")
    today = D(2024, 12, 1)
    make_project(program, "FRESH", stage=Stage.INTENT, stage_dates={Stage.INTENT: D(2024, 11, 1)})
    make_project(
        program, "IDLE4", stage=Stage.INTENT, stage_dates={Stage.INTENT: D(2024, 8, 1)}, cadres=[wang]
    )
    make_project(
        program, "IDLE7", stage=Stage.SIGNED, stage_dates={Stage.SIGNED: D(2024, 5, 1)}, cadres=[wang]
    )
    make_project(program, "DONE", stage=Stage.LANDED, stage_dates={Stage.LANDED: D(2020, 1, 1)})
    manager = make_user(Role.PROGRAM_MANAGER, programs_granted=[program])

    lights = {
        p.code: p.light
        for p in tracking.with_lights(
            tracking.list_tracked_projects(manager, program, today=today), program, today=today
        )
    }
    assert lights == {"DONE": "green", "FRESH": "green", "IDLE4": "yellow", "IDLE7": "red"}
    assert [p.code for p in tracking.stalled_projects(manager, program, today=today)] == ["IDLE7"]
    assert [c.code for c in tracking.stalled_projects(manager, program, today=today)[0].cadres.all()] == [
        "P001"
    ]

    workflow.save_settings(None, program, yellow_months=2, red_months=4, credit_rule="equal")
    assert tracking.light_counts(manager, program, today=today) == {"green": 2, "yellow": 0, "red": 2}


def test_amount_brackets_count_each_project_in_every_bracket_it_reaches(program):
    for code, wan in [("A", "5000"), ("B", "10000"), ("C", "150000"), ("D", "600000")]:
        make_project(program, code, stage=Stage.SIGNED, amount_wan=wan)
    brackets = {
        b["key"]: (b["count"], b["agreed_yuan"]) for b in tracking.amount_brackets(program.projects.all())
    }
    assert brackets == {"1yi": (3, 76 * YI), "10yi": (2, 75 * YI), "50yi": (1, 60 * YI)}


def test_agreed_arrived_and_fixed_asset_amounts_stay_apart(program, verifier):
    project = make_project(
        program, "X1", stage=Stage.SIGNED, amount_wan="100000", stage_dates={Stage.SIGNED: D(2024, 1, 5)}
    )
    workflow.set_project_amounts(None, project, arrived_yuan=2 * YI, fixed_asset_yuan=3 * YI)
    workflow.verify_stage(verifier, project, Stage.SIGNED)
    figures = get_verified_funnel(program)
    assert figures["amount_yuan"]["signed"] == "1000000000.00"
    assert figures["arrived_yuan"] == "200000000.00"
    assert figures["fixed_asset_yuan"] == "300000000.00"


def test_thresholds_must_be_ordered(program):
    with pytest.raises(DomainError, match="黄灯月数 < 红灯月数"):
        workflow.save_settings(None, program, yellow_months=6, red_months=6, credit_rule="equal")
