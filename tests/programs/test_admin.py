"""Every back-office page of programs, chains, secondment and pipeline opens, in Chinese."""

import datetime as dt

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse

from cadreforge.accounts.models import Role, User
from cadreforge.chains.models import Chain, Cluster, Link
from cadreforge.core.stages import Stage
from cadreforge.pipeline.services import record_talent
from cadreforge.programs import services as programs
from cadreforge.secondment.services import assign_post
from tests.builders import make_lead, make_output, make_participant, make_program, make_project, make_visit

APPS = {"programs", "chains", "secondment", "pipeline", "people"}


@pytest.fixture
def admin_client(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = User.objects.create_superuser("root", password="Test-pass-2026!", role=Role.SYSTEM_ADMIN)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def one_of_each(db):
    program = make_program("p1")
    wang = make_participant(program, "P1")
    programs.create_team(None, program.batches.get(), name="第一小分队", leader=wang)
    host = programs.get_or_create_host_unit(name="宜兴经开区", city="无锡", kind="dev_zone")
    chain = Chain.objects.create(name="新材料", cluster=Cluster.objects.create(name="新兴产业集群"))
    Link.objects.create(chain=chain, name="高分子材料", position="up")
    post = programs.create_post(None, program, code="G1", host=host, chains=[chain])
    assign_post(None, wang, post, start_date=dt.date(2024, 3, 1))
    make_visit(wang, "大庄竹业集团")
    make_lead(wang, "大庄竹业集团", "L1")
    make_project(program, "X1", stage=Stage.SIGNED, cadres=[wang], amount_wan="30000")
    record_talent(None, program, name="李工", level="high_level", cadres=[wang])
    make_output(program, "之江秋悟", kind="journal", authors=[wang])
    programs.grant_program(None, User.objects.get(username="root"), program)


def _request(client):
    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(pk=client.session["_auth_user_id"])
    return request


def _models():
    return [m for m in admin.site._registry if m._meta.app_label in APPS]


def test_every_model_of_the_domain_apps_is_registered():
    names = {m.__name__ for m in _models()}
    assert names >= {
        "Cadre", "Cluster", "Chain", "Link", "Program", "Batch", "Team", "Participant", "ProgramGrant",
        "HostUnit", "Post", "Assignment", "WrittenOutput", "Enterprise", "Visit", "Lead", "Project", "Talent",
    }  # fmt: skip


def test_every_list_add_and_change_page_opens(admin_client, one_of_each):
    for model in _models():
        opts = model._meta
        listing = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        assert listing.status_code == 200, opts.label
        assert opts.verbose_name_plural in listing.content.decode(), opts.label
        adding = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code
        # Records that change only through their services (stage history, evidence…) are read-only there.
        assert adding == (
            200 if admin.site._registry[model].has_add_permission(_request(admin_client)) else 403
        )
        obj = model.objects.first()
        if obj is None:  # models of later features that the foundation fixture does not build
            continue
        change = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
        assert change.status_code == 200, opts.label


def test_the_program_page_lists_its_batches_inline(admin_client, one_of_each):
    program = make_program("p2", batches=2)
    page = admin_client.get(reverse("admin:programs_program_change", args=[program.pk])).content.decode()
    assert "批次" in page and 'name="batches-1-number"' in page


def test_the_project_page_lists_its_stage_history_inline(admin_client, one_of_each):
    from cadreforge.pipeline.models import Project

    project = Project.objects.get()
    page = admin_client.get(reverse("admin:pipeline_project_change", args=[project.pk])).content.decode()
    assert "项目阶段记录" in page and 'name="stages-2-stage"' in page


def test_the_search_boxes_find_records_in_traditional_characters(admin_client, one_of_each):
    page = admin_client.get(reverse("admin:pipeline_enterprise_changelist"), {"q": "大庄"}).content.decode()
    assert "大庄竹业集团" in page
