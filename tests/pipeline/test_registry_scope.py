"""The registry's lists show a manager only the enterprises within their reach — none of whose visits,
leads or projects belongs to a program they may not write — so county A's manager neither sees the
enterprises county B is courting nor is offered actions that would be refused."""

import datetime as dt
import itertools

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from cadreforge.accounts.models import Role
from cadreforge.core.errors import PermissionDenied
from cadreforge.pipeline import registry
from cadreforge.pipeline.models import Enterprise
from cadreforge.pipeline.services import get_or_create_enterprise
from cadreforge.programs.models import Participant
from tests.builders import make_lead, make_participant, make_program, make_project, make_user, make_visit

D = dt.date
_day = itertools.count(1)

# County A courts 娃哈哈 under two names (one character apart); county B courts 隆基绿能 under two names
# that are the same once the region word goes (a better score, so first in the global list); and one
# enterprise of A has a namesake that only B visited.
A_PAIR = {"娃哈哈饮料集团", "娃哈哈饮科集团"}
B_PAIR = {"西安隆基绿能科技", "隆基绿能科技"}
MIXED_PAIR = {"天合光能新材料", "天合光能新材枓"}


def _names(suggestions) -> list[set[str]]:
    return [{s["a"].name, s["b"].name} for s in suggestions]


@pytest.fixture
def counties(db):
    a, b = make_program("county-a"), make_program("county-b")
    zhang, li = make_participant(a, "A001"), make_participant(b, "B001")
    make_visit(zhang, "娃哈哈饮料集团", D(2024, 3, 1))
    make_lead(zhang, "娃哈哈饮科集团", "LA1")
    make_visit(li, "西安隆基绿能科技", D(2024, 3, 1))
    make_project(b, "XB1", investor="隆基绿能科技")
    make_visit(zhang, "天合光能新材料", D(2024, 3, 2))
    make_visit(li, "天合光能新材枓", D(2024, 3, 2))
    return a, b


@pytest.fixture
def manager_a(counties):
    return make_user(Role.PROGRAM_MANAGER, programs_granted=[counties[0]])


def _enterprises(names: set[str]) -> list[Enterprise]:
    return sorted(Enterprise.objects.filter(name__in=names), key=lambda e: e.pk)


def test_a_manager_is_suggested_only_pairs_within_their_programs(manager_a):
    assert _names(registry.duplicate_suggestions(user=manager_a)) == [A_PAIR]
    everything = [B_PAIR, A_PAIR, MIXED_PAIR]
    assert sorted(map(sorted, _names(registry.duplicate_suggestions()))) == sorted(map(sorted, everything))
    admin = make_user(Role.SYSTEM_ADMIN)
    assert _names(registry.duplicate_suggestions(user=admin)) == _names(registry.duplicate_suggestions())


def test_the_limit_counts_only_the_pairs_the_manager_may_see(manager_a):
    assert _names(registry.duplicate_suggestions(limit=1)) == [B_PAIR]  # the best pair overall is B's
    assert _names(registry.duplicate_suggestions(user=manager_a, limit=1)) == [A_PAIR]


def test_a_manager_of_both_programs_is_suggested_every_pair(counties):
    both = make_user(Role.PROGRAM_MANAGER, programs_granted=counties)
    assert len(registry.duplicate_suggestions(user=both)) == 3


def test_roles_that_may_not_write_have_nothing_within_reach(counties):
    assert not registry.enterprises_within_reach(make_user(Role.LEADER)).exists()
    assert registry.duplicate_suggestions(user=make_user(Role.LEADER)) == []


def test_merges_and_marks_are_listed_to_those_who_could_undo_them(manager_a):
    for names in (A_PAIR, B_PAIR):
        registry.merge_enterprises(None, *_enterprises(names))
    registry.dismiss_duplicate(None, *_enterprises(MIXED_PAIR))
    mine = registry.list_merges(manager_a).get()
    assert {mine.kept.name, mine.merged.name} == A_PAIR
    assert not registry.list_dismissals(manager_a).exists()
    admin = make_user(Role.SYSTEM_ADMIN)
    assert registry.list_merges(admin).count() == registry.list_merges(None).count() == 2
    assert registry.list_dismissals(admin).count() == 1


def test_a_mark_between_an_enterprise_without_records_and_one_of_the_manager_is_listed(manager_a):
    lonely = get_or_create_enterprise("娃哈哈饮料集团北京分公司")
    mark = registry.dismiss_duplicate(None, lonely, Enterprise.objects.get(name="娃哈哈饮料集团"))
    assert list(registry.list_dismissals(manager_a)) == [mark]


# The selector and the services' check (`_ensure_may_merge`) are one rule: whatever the records, an
# enterprise is within a user's reach exactly when the check lets that user act on it.
RECORDS = st.lists(
    st.tuples(st.integers(0, 3), st.sampled_from(["visit", "lead", "project"]), st.integers(0, 2)),
    max_size=8,
)
USERS = st.sampled_from([None, Role.SYSTEM_ADMIN, Role.PROGRAM_MANAGER, Role.LEADER, Role.CADRE])


def _record(kind: str, cadre: Participant, name: str) -> None:
    if kind == "visit":
        make_visit(cadre, name, D(2024, 1, 1) + dt.timedelta(days=next(_day)))
    elif kind == "lead":
        make_lead(cadre, name)
    else:
        make_project(cadre.program, investor=name)


def _may_merge(user, enterprise: Enterprise) -> bool:
    try:
        registry._ensure_may_merge(user, enterprise)
    except PermissionDenied:
        return False
    return True


@pytest.mark.django_db
@settings(max_examples=40, deadline=None)
@given(records=RECORDS, granted=st.sets(st.integers(0, 2)), role=USERS)
def test_an_enterprise_is_within_reach_exactly_when_the_merge_check_passes(records, granted, role):
    with transaction.atomic():
        programs = [make_program(f"p{i}") for i in range(3)]
        cadres = [make_participant(p, f"C{i}") for i, p in enumerate(programs)]
        names = [f"测试企业{i}有限公司" for i in range(4)]
        for name in names:
            get_or_create_enterprise(name)  # enterprises without records take part too
        for enterprise, kind, program in records:
            _record(kind, cadres[program], names[enterprise])
        user = role and make_user(role, programs_granted=[programs[i] for i in granted])
        within = set(registry.enterprises_within_reach(user))
        for enterprise in Enterprise.objects.all():
            assert (enterprise in within) == _may_merge(user, enterprise), (enterprise.name, records)
        transaction.set_rollback(True)


pages = pytest.mark.urls("tests.pipeline.urls")
PAGES = {
    "duplicates": "/pipeline/enterprises/duplicates/",
    "merges": "/pipeline/enterprises/merges/",
    "dismissals": "/pipeline/enterprises/not-duplicates/",
}


@pytest.fixture
def decided(counties):
    """A's pair merged, B's pair and the mixed pair marked 不是重复 (nothing left to suggest)."""
    registry.merge_enterprises(None, *_enterprises(A_PAIR))
    registry.dismiss_duplicate(None, *_enterprises(B_PAIR))
    registry.dismiss_duplicate(None, *_enterprises(MIXED_PAIR))
    return counties


@pages
def test_the_pages_show_a_manager_only_their_county(login, counties, manager_a):
    client = login(manager_a)
    page = client.get(PAGES["duplicates"]).content.decode()
    assert "娃哈哈饮科集团" in page
    assert "隆基绿能" not in page and "天合光能" not in page
    registry.merge_enterprises(None, *_enterprises(A_PAIR))
    registry.merge_enterprises(None, *_enterprises(B_PAIR))
    registry.dismiss_duplicate(None, *_enterprises(MIXED_PAIR))
    merges = client.get(PAGES["merges"]).content.decode()
    assert "娃哈哈饮科集团" in merges and "隆基绿能" not in merges
    assert "天合光能" not in client.get(PAGES["dismissals"]).content.decode()


@pages
@pytest.mark.parametrize("who", ["manager of both", "system admin"])
def test_a_writer_of_both_counties_sees_every_merge_and_mark(login, decided, who):
    if who == "system admin":
        client = login(make_user(Role.SYSTEM_ADMIN))
    else:
        client = login(make_user(Role.PROGRAM_MANAGER, programs_granted=decided))
    assert "娃哈哈饮科集团" in client.get(PAGES["merges"]).content.decode()
    marks = client.get(PAGES["dismissals"]).content.decode()
    assert "隆基绿能" in marks and "天合光能" in marks


def _add_rows(cadre: Participant, i: int) -> None:
    """One more suggested pair, merge and mark, all within county A."""
    for kind, names in (
        ("suggested", (f"隆基电子{i}号材料厂", f"隆基电子{i}号材料场")),
        ("marked", (f"娃哈哈饮料{i}号分厂", f"娃哈哈饮料{i}号分场")),
        ("merged", (f"娃哈哈食品{i}号工厂", f"娃哈哈食品{i}号工场")),
    ):
        for name in names:
            make_visit(cadre, name, D(2024, 4, 1))
        if kind == "marked":
            registry.dismiss_duplicate(None, *_enterprises(set(names)))
        elif kind == "merged":
            registry.merge_enterprises(None, *_enterprises(set(names)))


@pages
@pytest.mark.parametrize("name", PAGES)
def test_a_registry_page_makes_as_many_queries_for_one_row_as_for_many(
    login, counties, manager_a, name, django_assert_max_num_queries
):
    client = login(manager_a)
    cadre = counties[0].participants.get()
    _add_rows(cadre, 0)
    client.get(PAGES[name])  # the session's first save is not the page's
    with django_assert_max_num_queries(100) as one:
        assert client.get(PAGES[name]).status_code == 200
    for i in range(1, 6):
        _add_rows(cadre, i)
    with django_assert_max_num_queries(100) as many:
        page = client.get(PAGES[name])
    assert page.status_code == 200 and "5号" in page.content.decode()
    assert len(many.captured_queries) == len(one.captured_queries)
