"""不是重复: a suggested duplicate pair judged to be two enterprises is no longer suggested; the mark is
audited and can be undone, and only writers of the programs concerned may set it."""

import datetime as dt

import pytest

from cadreforge.accounts.models import Role
from cadreforge.audit.models import AuditEntry
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.pipeline import registry
from cadreforge.pipeline.models import Enterprise
from cadreforge.pipeline.registry_models import DuplicateDismissal
from tests.builders import make_lead, make_participant, make_program, make_user, make_visit

D = dt.date


@pytest.fixture
def pair(db):
    program = make_program("p1")
    wang = make_participant(program, "P001")
    make_visit(wang, "杭州娃哈哈集团有限公司", D(2024, 3, 1))
    make_lead(wang, "宁波娃哈哈集团", "L1")  # another city's enterprise of the same name
    make_visit(wang, "隆基绿能科技有限公司", D(2024, 3, 2))
    make_visit(wang, "隆基绿能科枝有限公司", D(2024, 3, 3))  # a typo of it: stays suggested
    return Enterprise.objects.get(name="杭州娃哈哈集团有限公司"), Enterprise.objects.get(
        name="宁波娃哈哈集团"
    )


def _pairs() -> list[set[str]]:
    return [{s["a"].name, s["b"].name} for s in registry.duplicate_suggestions()]


def test_a_dismissed_pair_is_no_longer_suggested_and_undoing_brings_it_back(pair):
    hangzhou, ningbo = pair
    assert {hangzhou.name, ningbo.name} in _pairs()
    dismissal = registry.dismiss_duplicate(None, ningbo, hangzhou, reason="杭州与宁波两家不同企业")
    assert {dismissal.first_id, dismissal.second_id} == {hangzhou.pk, ningbo.pk}
    assert dismissal.first_id < dismissal.second_id
    assert _pairs() == [{"隆基绿能科技有限公司", "隆基绿能科枝有限公司"}]
    registry.undo_dismissal(None, dismissal)
    assert {hangzhou.name, ningbo.name} in _pairs()
    assert list(
        AuditEntry.objects.filter(action__startswith="enterprise.not_duplicate")
        .values_list("action", flat=True)
        .order_by("id")
    ) == [
        "enterprise.not_duplicate",
        "enterprise.not_duplicate.undo",
    ]
    with pytest.raises(DomainError, match="已撤销"):
        registry.undo_dismissal(None, dismissal)


def test_a_pair_can_be_dismissed_again_after_an_undo_but_not_twice_at_once(pair):
    hangzhou, ningbo = pair
    registry.undo_dismissal(None, registry.dismiss_duplicate(None, hangzhou, ningbo))
    registry.dismiss_duplicate(None, hangzhou, ningbo)
    with pytest.raises(DomainError, match="已标记为不是重复"):
        registry.dismiss_duplicate(None, ningbo, hangzhou)
    assert DuplicateDismissal.objects.filter(undone_at__isnull=True).count() == 1


def test_an_enterprise_cannot_be_dismissed_against_itself_or_once_merged(pair):
    hangzhou, ningbo = pair
    with pytest.raises(DomainError, match="同一家企业"):
        registry.dismiss_duplicate(None, hangzhou, hangzhou)
    registry.merge_enterprises(None, hangzhou, ningbo)
    with pytest.raises(DomainError, match="已并入其他企业"):
        registry.dismiss_duplicate(None, hangzhou, ningbo)
    assert not DuplicateDismissal.objects.exists()


def test_a_manager_of_another_program_cannot_dismiss_or_undo(pair):
    hangzhou, ningbo = pair
    outsider = make_user(Role.PROGRAM_MANAGER, programs_granted=[make_program("p2")])
    with pytest.raises(PermissionDenied, match="p1"):
        registry.dismiss_duplicate(outsider, hangzhou, ningbo)
    dismissal = registry.dismiss_duplicate(None, hangzhou, ningbo)
    with pytest.raises(PermissionDenied, match="p1"):
        registry.undo_dismissal(outsider, dismissal)
    dismissal.refresh_from_db()
    assert dismissal.undone_at is None


pages = pytest.mark.urls("tests.pipeline.urls")


@pages
def test_a_manager_dismisses_a_pair_on_the_duplicates_page_and_undoes_it(login, pair):
    hangzhou, ningbo = pair
    first, second = sorted([hangzhou, ningbo], key=lambda e: e.pk)
    client = login(
        make_user(Role.PROGRAM_MANAGER, programs_granted=[make_program("p0"), pair[0].visits.get().program])
    )
    page = client.get("/pipeline/enterprises/duplicates/").content.decode()
    assert f'data-dismiss="{first.pk}-{second.pk}"' in page and "不是重复" in page
    response = client.post(
        "/pipeline/enterprises/not-duplicate/", {"first": first.pk, "second": second.pk, "reason": "不同城市"}
    )
    assert response.status_code == 302
    assert (
        f'data-pair="{first.pk}-{second.pk}"'
        not in client.get("/pipeline/enterprises/duplicates/").content.decode()
    )
    dismissal = DuplicateDismissal.objects.get()
    listing = client.get("/pipeline/enterprises/not-duplicates/").content.decode()
    assert "不同城市" in listing and f"/pipeline/enterprises/not-duplicates/{dismissal.pk}/undo/" in listing
    assert client.post(f"/pipeline/enterprises/not-duplicates/{dismissal.pk}/undo/").status_code == 302
    assert (
        f'data-pair="{first.pk}-{second.pk}"'
        in client.get("/pipeline/enterprises/duplicates/").content.decode()
    )


@pages
@pytest.mark.parametrize("role", [Role.CADRE, Role.LEADER, Role.VERIFIER])
def test_roles_that_may_not_write_cannot_dismiss(login, pair, role):
    hangzhou, ningbo = pair
    client = login(make_user(role))
    assert client.get("/pipeline/enterprises/not-duplicates/").status_code == 403
    response = client.post(
        "/pipeline/enterprises/not-duplicate/", {"first": hangzhou.pk, "second": ningbo.pk}
    )
    assert response.status_code == 403
    assert not DuplicateDismissal.objects.exists()


@pages
def test_a_manager_not_granted_the_program_is_refused_and_nothing_is_marked(login, pair):
    hangzhou, ningbo = pair
    client = login(make_user(Role.PROGRAM_MANAGER, programs_granted=[make_program("p2")]))
    response = client.post(
        "/pipeline/enterprises/not-duplicate/", {"first": hangzhou.pk, "second": ningbo.pk}
    )
    assert response.status_code == 403
    assert not DuplicateDismissal.objects.exists()
    assert client.post("/pipeline/enterprises/not-duplicates/999999/undo/").status_code == 404
