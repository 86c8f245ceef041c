"""The back office lists every pipeline and chains table under Chinese names; workflow records are read-only."""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client

from cadreforge.accounts.models import Role, User
from cadreforge.core.stages import Stage
from cadreforge.pipeline import registry
from cadreforge.pipeline.models import EnterpriseMerge
from tests.builders import make_participant, make_program, make_project, make_visit

CHINESE = re.compile(r"[\u4e00-\u9fff]")
MODELS = [m for label in ("pipeline", "chains") for m in apps.get_app_config(label).get_models()]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_pipeline_and_chains_table_is_in_the_admin_under_a_chinese_name(model):
    assert admin.site.is_registered(model)
    assert CHINESE.search(str(model._meta.verbose_name))
    assert CHINESE.search(str(model._meta.verbose_name_plural))


@pytest.fixture
def staff(db):
    program = make_program("p1")
    wang = make_participant(program, "P001")
    make_project(program, "X1", stage=Stage.SIGNED, cadres=[wang])
    make_visit(wang, "杭州娃哈哈集团有限公司")
    make_visit(wang, "娃哈哈集团")
    s = registry.duplicate_suggestions()[0]
    registry.dismiss_duplicate(None, s["a"], s["b"])
    user = User.objects.create_superuser("root-admin", password="x", role=Role.CADRE)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_each_admin_list_opens(staff, model):
    meta = model._meta
    assert staff.get(f"/admin/{meta.app_label}/{meta.model_name}/").status_code == 200


def test_a_merge_record_cannot_be_edited_in_the_admin(staff):
    from cadreforge.pipeline.models import Enterprise

    kept, merged = Enterprise.objects.order_by("pk")[:2]
    registry.undo_dismissal(None, registry.list_dismissals(None).get())
    merge = registry.merge_enterprises(None, kept, merged)
    url = f"/admin/pipeline/enterprisemerge/{merge.pk}/change/"
    assert staff.get(url).status_code == 200  # viewable
    staff.post(url, {"kept": merged.pk, "merged": kept.pk})
    assert EnterpriseMerge.objects.get().kept == kept
    assert staff.get("/admin/pipeline/enterprisemerge/add/").status_code == 403
