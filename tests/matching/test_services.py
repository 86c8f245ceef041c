"""Matching a batch through the services and the `cadreforge match` command: reasons, constraints on
override, publishing into assignments, and teams from the result."""

import datetime as dt
import json

import pytest
from django.core.management import call_command

from cadreforge.chains.services import get_or_create_chain
from cadreforge.core.errors import DomainError
from cadreforge.matching import services
from cadreforge.matching.models import Exclusion, PostRequirement, Preference
from cadreforge.programs import services as programs
from cadreforge.programs.models import Batch

from ..builders import make_participant, make_program


@pytest.fixture
def batch(db):
    program = make_program("match-test")
    batch = program.batches.get(number=1)
    Batch.objects.filter(pk=batch.pk).update(start_date=dt.date(2030, 3, 1), end_date=dt.date(2030, 6, 8))
    batch.refresh_from_db()
    polymer = get_or_create_chain("高分子材料产业链")
    equipment = get_or_create_chain("智能装备产业链")
    for code, city, chain in (("G1", "上海", polymer), ("G2", "苏州", equipment), ("G3", "苏州", equipment)):
        host = programs.get_or_create_host_unit(name=f"{city}经济技术开发区", city=city)
        programs.create_post(None, program, code=code, host=host, chains=[chain])
    make_participant(program, "A1", tags=["高分子材料"], has_worked_economy=True, unit="单位甲")
    make_participant(program, "A2", tags=["智能装备"], unit="单位甲")
    make_participant(program, "A3", tags=["智能装备"], unit="单位甲", rank="科员")
    return batch


def test_each_assignment_says_why_in_chinese(batch):
    _run, result = services.run_match(None, batch, mode="optimal", max_per_unit_at_host=None)
    by_cadre = {row["cadre"]: row for row in result["assignments"]}
    assert by_cadre["A1"]["post"] == "G1"
    assert by_cadre["A1"]["reasons"][0] == "产业链契合 +40：岗位“高分子材料产业链”对应干部专长“高分子材料”"
    assert "经历 +8：干过" in by_cadre["A1"]["reasons"]
    assert result["assigned"] == 3 and result["total_score"] == 48 + 40 + 40


def test_unit_limit_at_one_host_is_respected(batch):
    _, result = services.run_match(None, batch, mode="optimal", max_per_unit_at_host=1)
    hosts = [row["post"] for row in result["assignments"] if row["post"] in {"G2", "G3"}]
    assert len(hosts) == 1 and result["unassigned"] == 1


def test_required_rank_and_exclusion_keep_cadres_off_posts(batch):
    program = batch.program
    g2, g3 = program.posts.get(code="G2"), program.posts.get(code="G3")
    PostRequirement.objects.create(post=g2, required_ranks=["正科级"])
    a3 = program.participants.get(code="A3")
    Exclusion.objects.create(participant=a3, post=g3, reason="亲属回避")
    _, result = services.run_match(None, batch, mode="stable", max_per_unit_at_host=None)
    assert "A3" not in {row["cadre"] for row in result["assignments"]}


def test_cadre_wish_changes_the_stable_result(batch):
    program = batch.program
    a2 = program.participants.get(code="A2")
    Preference.objects.create(side="cadre", participant=a2, post=program.posts.get(code="G3"), rank=1)
    _, result = services.run_match(None, batch, mode="stable", max_per_unit_at_host=None)
    row = next(r for r in result["assignments"] if r["cadre"] == "A2")
    assert row["post"] == "G3" and "干部志愿 +20：第1志愿" in row["reasons"]


def test_override_refuses_a_full_post_and_needs_a_reason(batch):
    run, _ = services.run_match(None, batch, mode="optimal", max_per_unit_at_host=None)
    row = run.rows.get(participant__code="A2")
    taken = run.rows.get(participant__code="A1").post
    with pytest.raises(DomainError, match="名额已满"):
        services.override(None, row, taken, reason="领导意见")
    with pytest.raises(DomainError, match="须写明理由"):
        services.override(None, row, None, reason=" ")
    services.override(None, row, None, reason="因病暂缓派驻")
    row.refresh_from_db()
    assert row.post is None and row.reasons[-1].endswith("理由：因病暂缓派驻")


def test_publish_makes_assignments_and_teams_follow_cities(batch):
    run, _ = services.run_match(None, batch, mode="optimal", max_per_unit_at_host=None)
    assert services.publish(None, run) == 3
    a1 = batch.participants.get(code="A1")
    assert a1.assignments.get().post.code == "G1"
    assert a1.assignments.get().start_date == dt.date(2030, 3, 1)
    teams = services.form_teams(None, run)
    assert sorted(t.name for t in teams) == ["上海小分队", "苏州小分队"]
    with pytest.raises(DomainError, match="已发布"):
        services.publish(None, run)


def test_match_command_dry_run_prints_the_contract_and_saves_nothing(batch, capsys):
    call_command("match", "--program", "match-test", "--batch", "1", "--dry-run", "--json")
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"mode", "assigned", "unassigned", "total_score", "assignments"}
    assert set(data["assignments"][0]) == {"cadre", "post", "score", "reasons"}
    assert data["mode"] == "optimal" and batch.match_runs.count() == 0
