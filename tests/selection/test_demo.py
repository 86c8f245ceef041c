"""The selection and matching demo: loaded once for the run through `cadreforge demo load` (tests/conftest.py)."""

import json

import pytest
from django.core.management import call_command

from cadreforge.matching.models import MatchRun


def report(capsys, code: str, *batch: str) -> dict:
    call_command("report", "selection", "--program", code, *batch, "--json")
    return json.loads(capsys.readouterr().out)


@pytest.mark.django_db
def test_growth_camp_selected_70_of_744_and_they_are_its_participants(demo, capsys):
    data = report(capsys, "xiaoshan-growth-camp")
    assert (data["applicants"], data["selected"]) == (744, 70)
    assert set(data["by_track"]) == {"智能物联", "生命健康", "新材料"}
    assert sum(row["selected"] for row in data["by_track"].values()) == 70


@pytest.mark.django_db
def test_loudi_batches_selected_by_three_priorities(demo, capsys):
    data = report(capsys, "loudi-hangzhou-study", "--batch", "1")
    assert data["selected"] == 6 and data["applicants"] == 18


@pytest.mark.django_db
def test_huaibei_vanguard_matched_with_wang_at_yixing(demo):
    run = MatchRun.objects.get(batch__program__code="huaibei-double-hundred", batch__number=1)
    wang = run.rows.get(participant__cadre__name="王程俊")
    assert wang.post.host.name == "宜兴经济技术开发区"
    assert "干部志愿 +20：第1志愿" in wang.reasons
    assert run.rows.filter(post__isnull=False).count() == 50
