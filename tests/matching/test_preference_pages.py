"""Preferences and exclusions in the UI: a selected cadre ranks posts of their program (their own only), the
manager enters a host's ranking of cadres for a post and the exclusions; all audited, all scoped."""

import datetime as dt

import pytest

from cadreforge.accounts.models import Role
from cadreforge.audit.models import AuditEntry
from cadreforge.chains.services import get_or_create_chain
from cadreforge.matching import services
from cadreforge.matching.models import Exclusion, Preference
from cadreforge.programs import services as programs
from cadreforge.programs.models import Batch

from ..builders import make_participant, make_program, make_user


@pytest.fixture
def batch(db):
    program = make_program("pref-test")
    batch = program.batches.get(number=1)
    Batch.objects.filter(pk=batch.pk).update(start_date=dt.date(2030, 3, 1), end_date=dt.date(2030, 6, 8))
    batch.refresh_from_db()
    chain = get_or_create_chain("智能装备产业链")
    for code, city in (("P1", "上海"), ("P2", "苏州"), ("P3", "苏州")):
        host = programs.get_or_create_host_unit(name=f"{city}经济技术开发区", city=city)
        programs.create_post(None, program, code=code, host=host, chains=[chain])
    return batch


@pytest.fixture
def cadre_user(batch):
    user = make_user(Role.CADRE)
    make_participant(batch.program, "K1", user=user, tags=["智能装备"])
    make_participant(batch.program, "K2", tags=["智能装备"])
    return user


def _post_id(batch, code):
    return batch.program.posts.get(code=code).pk


def test_cadre_ranks_posts_and_sees_their_wishes(batch, cadre_user, login):
    client = login(cadre_user)
    url = "/matching/pref-test/1/my-wishes/"
    response = client.post(url, {"choice_1": _post_id(batch, "P3"), "choice_2": _post_id(batch, "P1")})
    assert response.status_code == 302
    wishes = Preference.objects.filter(side="cadre", participant__code="K1").order_by("rank")
    assert [w.post.code for w in wishes] == ["P3", "P1"]
    page = client.get(url).content.decode()
    assert "P3 苏州·苏州经济技术开发区" in page
    assert AuditEntry.objects.filter(action="match.preferences").exists()


def test_cadre_cannot_rank_the_same_post_twice(batch, cadre_user, login):
    client = login(cadre_user)
    p1 = _post_id(batch, "P1")
    page = client.post("/matching/pref-test/1/my-wishes/", {"choice_1": p1, "choice_2": p1}).content.decode()
    assert "“P1”重复填写" in page
    assert not Preference.objects.filter(side="cadre").exists()


def test_cadre_cannot_rank_a_post_of_another_program(batch, cadre_user, login):
    other = make_program("pref-other")
    host = programs.get_or_create_host_unit(name="杭州高新区", city="杭州")
    foreign = programs.create_post(None, other, code="X1", host=host)
    client = login(cadre_user)
    page = client.post("/matching/pref-test/1/my-wishes/", {"choice_1": foreign.pk}).content.decode()
    assert "field-error" in page  # not among the choices of this program
    assert not Preference.objects.filter(side="cadre").exists()


def test_wishes_page_is_404_for_anyone_not_in_the_batch(batch, cadre_user, login):
    outsider = login(Role.CADRE)
    assert outsider.get("/matching/pref-test/1/my-wishes/").status_code == 404
    manager = login(Role.PROGRAM_MANAGER, programs_granted=[batch.program])
    assert manager.get("/matching/pref-test/1/my-wishes/").status_code == 404
    assert login(cadre_user).get("/matching/pref-test/2/my-wishes/").status_code == 404


def test_service_limits_the_number_of_wishes(batch, cadre_user):
    participant = batch.participants.get(code="K1")
    posts = list(batch.program.posts.all()) * 2
    with pytest.raises(Exception, match=f"最多填报{services.MAX_CADRE_WISHES}个"):
        services.set_own_wishes(cadre_user, participant, posts)


def test_another_cadre_cannot_write_someone_elses_wishes(batch, cadre_user):
    other_user = make_user(Role.CADRE)
    with pytest.raises(Exception, match="无权"):
        services.set_own_wishes(other_user, batch.participants.get(code="K1"), [batch.program.posts.first()])


def test_manager_enters_a_hosts_ranking_which_counts_in_the_match(batch, cadre_user, login):
    client = login(Role.PROGRAM_MANAGER, programs_granted=[batch.program])
    k1, k2 = batch.participants.get(code="K1"), batch.participants.get(code="K2")
    assert "录入排序" in client.get("/matching/pref-test/1/host-rankings/").content.decode()
    response = client.post("/matching/pref-test/1/host-rankings/P2/", {"choice_1": k2.pk, "choice_2": k1.pk})
    assert response.status_code == 302
    page = client.get("/matching/pref-test/1/host-rankings/").content.decode()
    assert "1. K2" in page and "2. K1" in page
    _, result = services.run_match(None, batch, mode="optimal", max_per_unit_at_host=None)
    k2_row = next(r for r in result["assignments"] if r["cadre"] == "K2")
    assert k2_row["post"] == "P2" and "派驻单位意向 +15：第1位" in k2_row["reasons"]


def test_host_ranking_refuses_a_cadre_twice(batch, cadre_user, login):
    client = login(Role.PROGRAM_MANAGER, programs_granted=[batch.program])
    k1 = batch.participants.get(code="K1")
    page = client.post("/matching/pref-test/1/host-rankings/P2/", {"choice_1": k1.pk, "choice_2": k1.pk})
    assert "“K1”重复填写" in page.content.decode()
    assert not Preference.objects.filter(side="host").exists()


def test_manager_adds_and_removes_exclusions_of_a_post_and_of_a_host(batch, cadre_user, login):
    client = login(Role.PROGRAM_MANAGER, programs_granted=[batch.program])
    k1 = batch.participants.get(code="K1")
    suzhou = batch.program.posts.get(code="P2").host
    url = "/matching/pref-test/1/exclusions/"
    client.post(url, {"participant": k1.pk, "post": _post_id(batch, "P1"), "reason": "亲属在该单位任职"})
    client.post(url, {"participant": k1.pk, "host": suzhou.pk, "reason": "曾在该区任职，须回避"})
    page = client.get(url).content.decode()
    assert "亲属在该单位任职" in page and "曾在该区任职，须回避" in page
    _, result = services.run_match(None, batch, mode="optimal", max_per_unit_at_host=None)
    assert "K1" not in {r["cadre"] for r in result["assignments"]}
    exclusion = Exclusion.objects.get(host=suzhou)
    client.post(f"{url}{exclusion.pk}/delete/")
    assert not Exclusion.objects.filter(host=suzhou).exists()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"match.exclusion.add", "match.exclusion.remove"} <= actions


def test_exclusion_needs_exactly_one_target_and_a_reason(batch, cadre_user, login):
    client = login(Role.PROGRAM_MANAGER, programs_granted=[batch.program])
    k1 = batch.participants.get(code="K1")
    page = client.post(
        "/matching/pref-test/1/exclusions/", {"participant": k1.pk, "reason": "无"}
    ).content.decode()
    assert "选且只选一项" in page
    with pytest.raises(Exception, match="写明原因"):
        services.add_exclusion(None, k1, post=batch.program.posts.first(), reason="  ")
    assert not Exclusion.objects.exists()


def test_preference_pages_are_404_outside_scope_and_read_only_for_leaders(batch, cadre_user, login):
    other = programs.create_program(None, code="pref-else", name="别的计划", kind="study")
    stranger = login(Role.PROGRAM_MANAGER, programs_granted=[other])
    for url in ("host-rankings/", "host-rankings/P1/", "exclusions/"):
        assert stranger.get(f"/matching/pref-test/1/{url}").status_code == 404
    assert login(cadre_user).get("/matching/pref-test/1/exclusions/").status_code == 404
    leader = login(Role.LEADER)
    k1 = batch.participants.get(code="K1")
    leader.post(
        "/matching/pref-test/1/exclusions/",
        {"participant": k1.pk, "post": _post_id(batch, "P1"), "reason": "x"},
    )
    assert not Exclusion.objects.exists()


def test_matching_page_links_to_rankings_and_exclusions(batch, login):
    page = login(Role.PROGRAM_MANAGER, programs_granted=[batch.program]).get("/matching/pref-test/1/")
    html = page.content.decode()
    assert "/matching/pref-test/1/host-rankings/" in html and "/matching/pref-test/1/exclusions/" in html
