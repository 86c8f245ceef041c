"""`cadreforge demo load`: the figures of seed-facts.md are what the funnel and the pages compute from the
loaded rows. The demo is loaded once for the run (`demo` in tests/conftest.py)."""

import datetime as dt
import json
from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from cadreforge.accounts.models import Role, User
from cadreforge.audit.models import AuditEntry
from cadreforge.chains.models import Chain, Cluster
from cadreforge.core.stages import Stage
from cadreforge.core.validators import validate_id_number
from cadreforge.exchange.demo import DEMO_PROGRAM_CODES
from cadreforge.exchange.demo.accounts import DEMO_PASSWORD
from cadreforge.people.models import Cadre
from cadreforge.pipeline.models import Project, ProjectStage
from cadreforge.programs.models import Batch, Participant, Post, Program
from cadreforge.programs.selectors import visible_programs
from cadreforge.reports.selectors import get_funnel
from cadreforge.secondment.models import Assignment, WrittenOutput

FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"
PENGLAI_BATCH1 = {
    "cadres": 20,
    "visits": 1873,
    "enterprises_visited": 1873,
    "leads": 376,
    "valuable_leads": 376,
    "projects": 125,
    "stage_now": {"inspection": 99, "intent": 11, "signed": 9, "started": 0, "landed": 6},
    "reached": {"inspection": 125, "intent": 26, "signed": 15, "started": 6, "landed": 6},
}


@pytest.fixture(autouse=True)
def _demo(demo):
    """Every test here reads the demo (tests/conftest.py: loaded once for the run)."""


def _program(code: str) -> Program:
    return Program.objects.get(code=code)


def _funnel_figures(funnel: dict) -> dict:
    return {key: funnel[key] for key in PENGLAI_BATCH1}


def test_penglai_batch_1_funnel_reads_the_reported_figures(db):
    assert _funnel_figures(get_funnel(_program("penglai-3360"), 1)) == PENGLAI_BATCH1


def test_penglai_program_funnel_has_the_same_records_and_counts_batch_2_cadres_too(db):
    # Batch 2's 20 cadres are enrolled (in selection) but have no records yet.
    assert _funnel_figures(get_funnel(_program("penglai-3360"))) == {**PENGLAI_BATCH1, "cadres": 40}


def test_report_funnel_cli_prints_the_batch_1_json(db, capsys):
    call_command("report", "funnel", "--program", "penglai-3360", "--batch", "1", "--json")
    printed = json.loads(capsys.readouterr().out)
    assert _funnel_figures(printed) == PENGLAI_BATCH1
    assert printed["program"] == "penglai-3360" and printed["batch"] == 1


def test_penglai_batch_2_is_in_selection_with_20_cadres_and_20_open_posts(db):
    program = _program("penglai-3360")
    batch2 = program.batches.get(number=2)
    assert batch2.status == Batch.Status.SELECTING
    assert batch2.participants.count() == 20
    posts = program.posts.filter(code__startswith="3360-2-")
    assert posts.count() == 20
    assert not Assignment.objects.filter(post__in=posts).exists()
    assert all("招商引资" in p.duties and "招才引智" in p.duties for p in posts)


def test_xing_xiaodong_was_seconded_to_beijing_in_batch_1(db):
    xing = Participant.objects.get(program__code="penglai-3360", cadre__name="邢晓东")
    assert xing.batch.number == 1
    assert [a.post.host.city for a in xing.assignments.all()] == ["北京"]


def test_penglai_project_stage_dates_run_forwards(db):
    for project in Project.objects.filter(program__code="penglai-3360").prefetch_related("stages"):
        dates = [row.date for row in project.stages.all()]
        assert len(dates) == project.stage and dates == sorted(dates) and len(set(dates)) == len(dates)


def test_demo_verifications_are_the_systems_and_dated_by_their_stage_not_the_load_day(db):
    verified = ProjectStage.objects.filter(verified_at__isnull=False)
    assert verified.count() > 100 and not verified.filter(verified_by__isnull=False).exists()
    assert all(timezone.localtime(row.verified_at).date() == row.date for row in verified)


def test_every_demo_batch_status_agrees_with_its_dates(db):
    today = timezone.localdate()
    for batch in Batch.objects.all():
        if batch.end_date and batch.end_date < today:
            assert batch.status == Batch.Status.COMPLETED, batch
        elif batch.start_date and batch.start_date > today:
            assert batch.status in (Batch.Status.PLANNED, Batch.Status.SELECTING), batch
        elif batch.start_date:
            assert batch.status == Batch.Status.ONGOING, batch
    reported_running = [
        ("xiaoshan-growth-camp", 1),
        ("xiaoshan-company-escort", 1),
        ("huaibei-double-hundred", 1),
    ]
    for code, number in reported_running:
        assert _program(code).batches.get(number=number).status == Batch.Status.COMPLETED
    assert _program("huaian-etdz-investment").batches.get(number=1).status == Batch.Status.ONGOING


def test_penglai_seminar_has_62_heads_over_two_sessions(db):
    program = _program("penglai-leaders-seminar")
    assert program.participants.count() == 62
    assert program.batches.count() == 2
    assert "上海交通大学" in program.description and "浙江大学" in program.description


def test_xiaoshan_growth_camp_has_70_over_three_tracks(db):
    tracks = Counter(_program("xiaoshan-growth-camp").participants.values_list("track", flat=True))
    assert sum(tracks.values()) == 70
    assert set(tracks) == {"智能物联", "生命健康", "新材料"}


def test_xiaoshan_study_tours_have_13_batches_and_over_620_people(db):
    program = _program("xiaoshan-study-tours")
    assert program.batches.count() == 13
    assert program.participants.count() >= 620
    assert program.participants.filter(batch__isnull=True).count() == 0


def test_xiaoshan_company_escort_places_56_cadres_in_enterprises(db):
    program = _program("xiaoshan-company-escort")
    assert program.participants.count() == 56
    assignments = Assignment.objects.filter(participant__program=program)
    assert assignments.count() == 56
    assert assignments.values("post__host").distinct().count() == 56
    assert assignments.filter(start_date__lte=dt.date(2024, 6, 30)).exists()


def test_huaibei_vanguard_has_50_cadres_and_104_posts_in_13_cities_each_tied_to_a_chain(db):
    program = _program("huaibei-double-hundred")
    assert program.batches.get(number=1).participants.count() == 50
    posts = Post.objects.filter(program=program).annotate(chain_count=Count("chains"))
    assert posts.count() == 104
    assert posts.values("host__city").distinct().count() == 13
    assert all(post.chain_count >= 1 for post in posts)


def test_huaibei_five_clusters_and_ten_chains(db):
    clusters = Cluster.objects.filter(region="安徽省淮北市")
    assert clusters.count() == 5
    assert Chain.objects.filter(cluster__in=clusters).count() == 10
    assert Chain.objects.filter(cluster__in=clusters, name__contains="高分子材料").exists()


def test_wang_chengjun_is_at_yixing_and_kong_bin_leads_the_party_branch(db):
    wang = Participant.objects.get(program__code="huaibei-double-hundred", cadre__name="王程俊")
    assert [a.post.host.name for a in wang.assignments.all()] == ["宜兴经济技术开发区"]
    assert "高分子材料" in wang.assignments.get().post.chains.get().name
    xu = Participant.objects.get(program__code="huaibei-double-hundred", cadre__name="许大鹏")
    assert xu.team.name == "先锋团临时党支部"
    assert xu.team.leader.cadre.name == "孔彬"


def test_huaibei_history_is_5_completed_batches_of_160_cadres(db):
    program = _program("huaibei-shanghai-study")
    assert list(program.batches.values_list("status", flat=True)) == ["completed"] * 5
    assert program.participants.count() == 160


def test_loudi_batch_2_funnel(db):
    funnel = get_funnel(_program("loudi-hangzhou-study"), 2)
    assert (funnel["visits"], funnel["enterprises_visited"], funnel["leads"]) == (19, 19, 112)
    assert funnel["amount_yuan"]["signed"] == "300000000.00"
    bamboo = Project.objects.get(program__code="loudi-hangzhou-study", stage=Stage.SIGNED)
    assert bamboo.investor.name.startswith("大庄竹业集团")


def test_loudi_mingyang_intent_is_batch_1s_after_return(db):
    program = _program("loudi-hangzhou-study")
    funnel = get_funnel(program, 1)
    assert funnel["stage_now"]["intent"] == 1 and funnel["projects"] == 1
    intent = ProjectStage.objects.get(
        project__program=program, project__stage=Stage.INTENT, stage=Stage.INTENT
    )
    assert intent.date > program.batches.get(number=1).end_date


def test_loudi_outputs_by_kind_and_the_adopted_proposal(db):
    outputs = WrittenOutput.objects.filter(program__code="loudi-hangzhou-study")
    assert Counter(outputs.values_list("kind", flat=True)) == {
        "journal": 6,
        "summary": 1,
        "research": 4,
        "study_summary": 5,
        "proposal": 1,
    }
    proposal = outputs.get(kind="proposal", adopted=True)
    assert proposal.title == "创新项目管理 提升服务效能 激发投资活力"
    assert [a.cadre.name for a in proposal.authors.all()] == ["彭欣"]


def test_every_loudi_batch_2_author_wrote_over_90000_characters(db):
    """Shared outputs are split among their co-authors: each over 90,000, the mean 9万余字 (< 100,000)."""
    written = Counter()
    for output in WrittenOutput.objects.filter(program__code="loudi-hangzhou-study").prefetch_related(
        "authors"
    ):
        authors = list(output.authors.all())
        for author in authors:
            written[author.pk] += output.characters / len(authors)
    batch2 = Participant.objects.filter(program__code="loudi-hangzhou-study", batch__number=2)
    assert set(written) == set(batch2.values_list("pk", flat=True))
    assert all(chars > 90_000 for chars in written.values())
    assert sum(written.values()) / len(written) < 100_000


def test_cross_shadowing_27_cadres_born_in_the_1990s_for_three_months(db):
    program = _program("huaian-etdz-cross-shadowing")
    births = list(program.participants.values_list("cadre__birth_month", flat=True))
    assert len(births) == 27 and all(1990 <= born.year <= 1999 for born in births)
    batch = program.batches.get()
    day_after = batch.end_date + dt.timedelta(days=1)
    assert (day_after.year * 12 + day_after.month) - (
        batch.start_date.year * 12 + batch.start_date.month
    ) == 3
    assert day_after.day == batch.start_date.day


def test_trina_phase_1_took_188_days_from_signing_to_production(db):
    phase1 = Project.objects.get(program__code="huaian-etdz-investment", name="天合光能淮安基地一期项目")
    dates = dict(phase1.stages.values_list("stage", "date"))
    assert (dates[Stage.LANDED] - dates[Stage.SIGNED]).days == 188
    phase2 = Project.objects.get(program__code="huaian-etdz-investment", name="天合光能淮安基地二期项目")
    assert phase2.stage == Stage.STARTED


def test_some_cadres_carry_valid_id_numbers_shown_masked(db):
    with_id = Cadre.objects.exclude(id_number_cipher="")
    assert 0 < with_id.count() < Cadre.objects.count()
    for cadre in with_id[:20]:
        assert validate_id_number(cadre.reveal_id_number()) == cadre.reveal_id_number()
        assert "*" in cadre.id_number_masked and "*" in cadre.mobile_masked


def test_loading_twice_changes_nothing(db):
    models = [m for m in apps.get_models() if m._meta.app_label in _DOMAIN_APPS]
    before = {m._meta.label: m.objects.count() for m in models}
    audit_before = AuditEntry.objects.count()
    err = StringIO()
    call_command("demo", "load", stderr=err)
    assert {m._meta.label: m.objects.count() for m in models} == before
    assert AuditEntry.objects.count() == audit_before
    assert err.getvalue().count("跳过：计划") == len(DEMO_PROGRAM_CODES)


_DOMAIN_APPS = {"accounts", "org", "people", "chains", "programs", "secondment", "pipeline"}


def test_demo_accounts_lists_the_logins_with_their_roles_and_password(db):
    out = StringIO()
    call_command("demo", "accounts", stdout=out)
    lines = out.getvalue().splitlines()
    for username, role in [
        ("admin", Role.SYSTEM_ADMIN),
        ("manager", Role.PROGRAM_MANAGER),
        ("cadre", Role.CADRE),
        ("leader", Role.LEADER),
    ]:
        assert any(line.startswith(f"{username}\t{Role(role).label}\t{DEMO_PASSWORD}") for line in lines)
        user = User.objects.get(username=username)
        assert user.role == role and user.check_password(DEMO_PASSWORD)


def test_demo_accounts_see_what_their_role_allows(db):
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    assert visible_programs(User.objects.get(username="manager")).count() == len(DEMO_PROGRAM_CODES)
    assert set(visible_programs(User.objects.get(username="huaibei")).values_list("code", flat=True)) == {
        "huaibei-double-hundred",
        "huaibei-shanghai-study",
    }
    cadre = User.objects.get(username="cadre")
    assert cadre.cadre.name == "邢晓东"
    assert list(visible_programs(cadre).values_list("code", flat=True)) == ["penglai-3360"]


def test_the_demo_verifier_may_verify_only_its_two_programs(db):
    verifier = User.objects.get(username="verifier")
    assert verifier.role == Role.VERIFIER
    assert set(visible_programs(verifier).values_list("code", flat=True)) == {
        "penglai-3360",
        "huaian-etdz-investment",
    }


def test_the_demo_host_contact_ranks_cadres_for_the_yixing_posts(db):
    from django.test import Client

    host = User.objects.get(username="host")
    assert host.role == Role.HOST_CONTACT
    assert list(host.host_units.values_list("name", flat=True)) == ["宜兴经济技术开发区"]
    client = Client()
    client.force_login(host)
    home = client.get("/matching/host/").content.decode()
    assert "宜兴经济技术开发区" in home and "双百双招" in home
    rankings = client.get("/matching/huaibei-double-hundred/1/host-rankings/")
    assert rankings.status_code == 200
    assert "宜兴经济技术开发区" in rankings.content.decode()
