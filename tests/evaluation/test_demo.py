import json
from io import StringIO

import pytest
from django.core.management import call_command

from cadreforge.evaluation.models import FaultToleranceCase, PromotionRecommendation


def _ranking(*args) -> dict:
    out = StringIO()
    call_command("report", "ranking", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_demo_ranks_penglai_batch_one_from_its_records(demo):
    data = _ranking("--program", "penglai-3360", "--batch", "1")
    assert data["scheme"] == "派驻干部年度考核"
    assert len(data["rows"]) > 1
    assert data["rows"][0]["rank"] == 1 and data["rows"][0]["score"] > 0
    top = data["rows"][0]
    assert top["score"] == pytest.approx(sum(c["points"] for c in top["components"].values()), abs=0.05)


@pytest.mark.django_db
def test_demo_contest_winner_has_two_ten_yi_and_eight_one_yi_projects(demo):
    top = _ranking("--program", "huaian-etdz-investment")["rows"][0]
    assert top["components"]["projects_1e9"]["value"] == 2
    assert top["components"]["projects_1e8"]["value"] == 8
    promotions = PromotionRecommendation.objects.filter(participant__program__code="huaian-etdz-investment")
    assert sorted(p.to_post for p in promotions) == ["公司副总经理", "街道党政正职"]
    assert all(p.status == "approved" for p in promotions)
    assert promotions.get(to_post="街道党政正职").participant.code == top["cadre"]


@pytest.mark.django_db
def test_demo_shelter_case_went_through_every_step_to_exemption(demo):
    case = FaultToleranceCase.objects.get(title__contains="应急避难场所")
    assert case.step == "filed" and case.decision == "exempt"
    assert case.reviews.count() == 3
    assert not case.corrections.filter(closed_on__isnull=True).exists()


@pytest.mark.django_db
def test_demo_huaian_pairs_young_cadres_with_growth_mentors(demo):
    from cadreforge.evaluation.models import MentorPairing

    xu = MentorPairing.objects.get(participant__cadre__name="徐鹏飞")
    assert xu.place == "淮安经开区土地储备中心" and "土地挂牌上市" in xu.goals
    assert any("精品小课" in log.learned for log in xu.logs.all())
    cross = MentorPairing.objects.filter(participant__program__code="huaian-etdz-cross-shadowing")
    assert cross.count() == 27
    for pairing in cross.select_related("participant__cadre__unit"):
        assert pairing.place != f"淮安经开区{pairing.participant.cadre.unit.name}"  # 交叉: another unit
        assert (pairing.end_date - pairing.start_date).days + 1 == 92  # three months: March to May
        assert pairing.logs.exists()
