"""`cadreforge generate --scale small` writes what the services would have written: the invariants hold and
the funnel of a generated program is what counting by hand gives."""

from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from cadreforge.core.stages import Stage
from cadreforge.core.text import name_key, text_key
from cadreforge.exchange.generate import SCALES, generate
from cadreforge.people.models import Cadre
from cadreforge.pipeline.models import Enterprise, Lead, Project, ProjectStage, Talent, Visit
from cadreforge.programs.models import HostUnit, Participant, Program
from cadreforge.reports.selectors import get_funnel
from cadreforge.secondment.models import Assignment, WeeklyReport, WrittenOutput

SMALL = SCALES["small"]


@pytest.fixture
def generated(db):
    call_command("generate", "--scale", "small", "--seed", "3")
    return list(Program.objects.filter(code__startswith="gen-small-3-"))


def test_small_scale_writes_the_announced_counts(generated):
    assert len(generated) == SMALL.programs
    assert Cadre.objects.count() == SMALL.cadres
    assert Visit.objects.count() == SMALL.visits
    assert Lead.objects.count() == SMALL.leads
    assert Project.objects.count() == SMALL.projects
    assert WeeklyReport.objects.count() == SMALL.weekly_reports


def test_search_keys_are_the_ones_core_text_computes(generated):
    for name, key in Enterprise.objects.values_list("name", "name_key"):
        assert key == name_key(name), name
    for name, key in Cadre.objects.values_list("name", "name_key"):
        assert key == text_key(name), name
    for name, key in HostUnit.objects.values_list("name", "name_key"):
        assert key == text_key(name), name
    # Some investors write in Traditional characters; their key is the Simplified one.
    assert Enterprise.objects.filter(name__contains="華").exists()


def test_every_stage_reached_has_a_dated_history_row_in_order(generated):
    history: dict[int, list] = {}
    for project_id, stage, date in ProjectStage.objects.order_by("project", "stage").values_list(
        "project_id", "stage", "date"
    ):
        history.setdefault(project_id, []).append((stage, date))
    for project in Project.objects.all():
        rows = history[project.pk]
        assert [s for s, _ in rows] == list(range(1, project.stage + 1)), project.code
        dates = [d for _, d in rows]
        assert None not in dates and dates == sorted(dates), project.code


def test_every_record_names_cadres_of_its_own_program(generated):
    def foreign(model, path):
        return model.objects.exclude(**{f"{path}__program": models_program(model)}).count()

    def models_program(model):
        from django.db.models import F

        return F("program")

    assert foreign(Visit, "participant") == 0
    assert foreign(Lead, "participant") == 0
    assert (
        Project.objects.exclude(cadres__program=models_program(Project)).filter(cadres__isnull=False).count()
        == 0
    )
    assert Project.objects.filter(cadres__isnull=True).count() == 0
    assert Talent.objects.exclude(cadres__program=models_program(Talent)).count() == 0
    assert WrittenOutput.objects.exclude(authors__program=models_program(WrittenOutput)).count() == 0
    assert (
        Project.objects.exclude(source_lead__isnull=True)
        .exclude(source_lead__program=models_program(Project))
        .count()
        == 0
    )
    for p in Participant.objects.select_related("batch", "team__batch"):
        assert p.batch.program_id == p.program_id and p.team.batch_id == p.batch_id
    for a in Assignment.objects.select_related("participant", "post"):
        assert a.post.program_id == a.participant.program_id


def test_dates_fall_in_order(generated):
    for a in Assignment.objects.all():
        assert a.start_date <= a.end_date
    for r in WeeklyReport.objects.all():
        assert r.week_start <= r.week_end < r.due_date
        assert (r.status == "submitted") == (r.submitted_at is not None)
    for v in Visit.objects.select_related("participant__batch")[:2000]:
        assert v.participant.batch.start_date <= v.date <= v.participant.batch.end_date


def test_funnel_of_a_generated_program_equals_a_hand_count(generated):
    program = generated[0]
    visits = list(Visit.objects.filter(program=program).values_list("enterprise_id", flat=True))
    leads = list(Lead.objects.filter(program=program).values_list("valuable", flat=True))
    projects = list(Project.objects.filter(program=program).values_list("stage", "amount_yuan"))
    reached = Counter(ProjectStage.objects.filter(project__program=program).values_list("stage", flat=True))
    now = Counter(stage for stage, _ in projects)
    funnel = get_funnel(program)
    assert funnel["cadres"] == Participant.objects.filter(program=program).count() > 0
    assert funnel["visits"] == len(visits) > 0
    assert funnel["enterprises_visited"] == len(set(visits))
    assert funnel["leads"] == len(leads) and funnel["valuable_leads"] == sum(leads)
    assert funnel["projects"] == len(projects)
    assert funnel["stage_now"] == {s.key: now[s.value] for s in Stage}
    assert funnel["reached"] == {s.key: reached[s.value] for s in Stage}
    signed = sum((amount for stage, amount in projects if stage >= Stage.SIGNED), Decimal(0))
    assert funnel["amount_yuan"]["signed"] == f"{signed:.2f}"
    assert funnel["talents"] == Talent.objects.filter(program=program).count()


def test_the_same_seed_writes_the_same_data(db):
    def snapshot():
        generate("small", 11, log=lambda m: None)
        return list(
            Visit.objects.order_by("date", "participant__code", "enterprise__name").values_list(
                "program__code", "date", "participant__code", "enterprise__name"
            )
        )

    with transaction.atomic():
        first = snapshot()
        transaction.set_rollback(True)
    assert Visit.objects.count() == 0
    assert snapshot() == first


def test_generating_a_seed_twice_is_refused_and_changes_nothing(generated):
    with pytest.raises(CommandError, match="已有规模 small、种子 3"):
        call_command("generate", "--scale", "small", "--seed", "3")
    assert Visit.objects.count() == SMALL.visits


def test_the_audit_chain_stays_intact(generated):
    call_command("audit", "verify")
