"""The demo's Huai'an promoted cadres have complete 干部任免审批表 forms."""

import pytest

from cadreforge.evaluation import appointment
from cadreforge.evaluation.models import PromotionRecommendation
from cadreforge.exchange.demo import appointment_profiles


@pytest.mark.django_db
def test_both_huaian_promotions_give_a_complete_form(demo):
    promotions = PromotionRecommendation.objects.filter(participant__program__code="huaian-etdz-investment")
    assert promotions.count() == 2
    for rec in promotions:
        form, _reveal = appointment.build_form(None, rec)
        assert appointment.missing_items(form) == [], rec.to_post
        assert form.proposed_post == rec.to_post and form.reason == rec.reason
        assert "（演示）" in form.fulltime_school and "（演示）" in form.family[0].name
    posts = {f.proposed_post for f in (appointment.build_form(None, r)[0] for r in promotions)}
    assert posts == {"街道党政正职", "公司副总经理"}


@pytest.mark.django_db
def test_loading_the_profiles_again_adds_nothing(demo):
    rec = PromotionRecommendation.objects.filter(participant__program__code="huaian-etdz-investment").first()
    before = rec.participant.cadre.resume.count()
    appointment_profiles.load(lambda line: None)
    assert rec.participant.cadre.resume.count() == before == 2
