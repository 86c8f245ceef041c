"""Demo profile items for the 干部任免审批表 of Huai'an ETDZ's two promoted cadres (issue 8), so their forms
come out complete. Seed document 004 gives only their achievements and posts; every item here is
illustrative, and the school and family rows say so (“演示”). Idempotent: skipped when a résumé exists."""

import datetime as dt

from cadreforge.evaluation.models import PromotionRecommendation
from cadreforge.people.lrmx import FamilyMember
from cadreforge.people.services import update_form_profile

PROGRAM = "huaian-etdz-investment"
DEMO = "（演示）"


def _profile(cadre, from_post: str) -> dict:
    born = cadre.birth_month or dt.date(1990, 1, 1)
    graduated = born.year + 22
    return {
        "ethnicity": "汉族", "native_place": "江苏淮安", "birthplace": "江苏淮安",
        "party_join_month": dt.date(graduated - 1, 6, 1), "work_start_month": dt.date(graduated, 8, 1),
        "health": "健康", "fulltime_education": "大学", "fulltime_degree": "经济学学士",
        "fulltime_school": f"某高校经济学专业{DEMO}",
        "resume": [
            (dt.date(graduated - 4, 9, 1), dt.date(graduated, 7, 1), f"某高校经济学专业学习{DEMO}"),
            (dt.date(graduated, 8, 1), None, from_post),
        ],
        "assessments": {2019: "称职", 2020: "优秀", 2021: "优秀"},
        "family": [FamilyMember("父亲", f"家属{DEMO}", dt.date(born.year - 27, 1, 1), "群众", f"淮安市居民{DEMO}")],
    }  # fmt: skip


def load(log) -> None:
    promotions = PromotionRecommendation.objects.filter(participant__program__code=PROGRAM)
    done = 0
    for rec in promotions.select_related("participant__cadre").order_by("participant__code"):
        cadre = rec.participant.cadre
        if cadre.resume.exists():
            continue
        update_form_profile(None, cadre, **_profile(cadre, rec.from_post))
        done += 1
    if done:
        log(f"  淮安经开区：{done}名提拔干部的任免审批表档案项目（演示）")
