"""Demo profile items for the 干部任免审批表 of Huai'an ETDZ's two promoted cadres (issue 8), so their forms
come out complete. Seed document 004 gives only their achievements and posts; every item here is
illustrative, and the school and family rows say so (“演示”). The photo is a drawn placeholder silhouette,
never a real person's picture. Idempotent: the profile is skipped when a résumé exists, the photo when
there is one."""

import datetime as dt
import io

from PIL import Image, ImageDraw

from cadreforge.evaluation.models import PromotionRecommendation
from cadreforge.people.lrmx import FamilyMember
from cadreforge.people.services import set_cadre_photo, update_form_profile

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


def placeholder_portrait(size: tuple[int, int] = (210, 294)) -> bytes:
    """A demo photo: a neutral grey head-and-shoulders silhouette on the blue of an ID photo, drawn here (a
    2-inch photo's 5:7 proportions), with DEMO written across the bottom. Not a picture of anyone."""
    width, height = size
    image = Image.new("RGB", size, (67, 142, 219))
    draw = ImageDraw.Draw(image)
    grey = (205, 210, 218)
    draw.ellipse((width * 0.14, height * 0.66, width * 0.86, height * 1.25), fill=grey)  # shoulders
    draw.rectangle((width * 0.42, height * 0.48, width * 0.58, height * 0.72), fill=grey)  # neck
    draw.ellipse((width * 0.30, height * 0.16, width * 0.70, height * 0.56), fill=grey)  # head
    draw.text((width * 0.40, height * 0.90), "DEMO", fill=(90, 90, 90))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def load(log) -> None:
    promotions = PromotionRecommendation.objects.filter(participant__program__code=PROGRAM)
    profiles = photos = 0
    for rec in promotions.select_related("participant__cadre").order_by("participant__code"):
        cadre = rec.participant.cadre
        if not cadre.resume.exists():
            update_form_profile(None, cadre, **_profile(cadre, rec.from_post))
            profiles += 1
        if not cadre.has_photo:
            set_cadre_photo(None, cadre, placeholder_portrait())
            photos += 1
    if profiles:
        log(f"  淮安经开区：{profiles}名提拔干部的任免审批表档案项目（演示）")
    if photos:
        log(f"  淮安经开区：{photos}名提拔干部的占位照片（演示剪影）")
