"""The demo's Huai'an promoted cadres have complete 干部任免审批表 forms, photo included."""

import io

import pytest
from PIL import Image

from cadreforge.evaluation import appointment
from cadreforge.evaluation.models import PromotionRecommendation
from cadreforge.exchange.demo import appointment_profiles


@pytest.mark.django_db
def test_both_huaian_promotions_give_a_complete_form(demo):
    promotions = PromotionRecommendation.objects.filter(participant__program__code="huaian-etdz-investment")
    assert promotions.count() == 2 and "photo" in appointment.REQUIRED_ITEMS
    for rec in promotions:
        form, _reveal = appointment.build_form(None, rec)
        assert appointment.missing_items(form) == [], rec.to_post
        assert form.proposed_post == rec.to_post and form.reason == rec.reason
        assert "（演示）" in form.fulltime_school and "（演示）" in form.family[0].name
        with Image.open(io.BytesIO(form.photo)) as photo:  # the drawn placeholder, 2-inch proportions
            assert photo.format == "PNG" and photo.width < photo.height
    posts = {f.proposed_post for f in (appointment.build_form(None, r)[0] for r in promotions)}
    assert posts == {"街道党政正职", "公司副总经理"}


@pytest.mark.django_db
def test_loading_the_profiles_again_adds_nothing(demo):
    rec = PromotionRecommendation.objects.filter(participant__program__code="huaian-etdz-investment").first()
    cadre = rec.participant.cadre
    before = (cadre.resume.count(), bytes(cadre.photo))
    said = []
    appointment_profiles.load(said.append)
    cadre.refresh_from_db()
    assert (cadre.resume.count(), bytes(cadre.photo)) == before and before[0] == 2 and said == []
