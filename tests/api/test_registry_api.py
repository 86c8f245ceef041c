"""The enterprise registry over the API: suggestions, merge and undo, 不是重复 and undo — the same rules as
the pages (each program touched must be the caller's), audited, with Chinese errors."""

import datetime as dt

import pytest

from cadreforge.accounts.models import Role
from cadreforge.audit.models import AuditEntry
from cadreforge.pipeline import registry
from cadreforge.pipeline.models import Enterprise, Lead, Visit

from ..builders import make_lead, make_participant, make_program, make_user, make_visit

BASE = "/api/v1/enterprises"


@pytest.fixture
def wahaha(db):
    program = make_program("p1")
    wang = make_participant(program, "P001")
    make_visit(wang, "杭州娃哈哈集团有限公司", dt.date(2024, 3, 1))
    make_visit(wang, "娃哈哈集团", dt.date(2024, 3, 2))
    make_lead(wang, "娃哈哈集团", "L1")
    kept = Enterprise.objects.get(name="杭州娃哈哈集团有限公司")
    dup = Enterprise.objects.get(name="娃哈哈集团")
    return program, kept, dup


def test_a_manager_merges_a_suggested_duplicate_and_undoes_it(wahaha, bearer):
    program, kept, dup = wahaha
    api = bearer(make_user(Role.PROGRAM_MANAGER, programs_granted=[program]))

    suggestions = api.get(f"{BASE}/duplicates").json()
    assert [{s["a"]["name"], s["b"]["name"]} for s in suggestions] == [{kept.name, dup.name}]

    merged = api.post(f"{BASE}/merges", {"kept": kept.pk, "merged": dup.pk}, content_type="application/json")
    assert merged.status_code == 201, merged.json()
    assert merged.json()["kept"]["name"] == kept.name and merged.json()["undone_at"] is None
    assert Lead.objects.get(code="L1").enterprise == kept
    assert api.get(f"{BASE}/duplicates").json() == []
    assert api.get(f"{BASE}/merges").json()["count"] == 1

    undone = api.post(f"{BASE}/merges/{merged.json()['id']}/undo")
    assert undone.status_code == 200 and undone.json()["undone_at"] is not None
    assert Lead.objects.get(code="L1").enterprise == dup
    again = api.post(f"{BASE}/merges/{merged.json()['id']}/undo")
    assert again.status_code == 400 and "已撤销" in again.json()["detail"]
    assert AuditEntry.objects.filter(action__in=["enterprise.merge", "enterprise.unmerge"]).count() == 2


def test_not_a_duplicate_stops_the_suggestion_until_undone(wahaha, bearer):
    program, kept, dup = wahaha
    api = bearer(make_user(Role.PROGRAM_MANAGER, programs_granted=[program]))

    body = {"first": dup.pk, "second": kept.pk, "reason": "两家不同的企业"}
    dismissed = api.post(f"{BASE}/dismissals", body, content_type="application/json")
    assert dismissed.status_code == 201, dismissed.json()
    assert dismissed.json()["reason"] == "两家不同的企业"
    assert api.get(f"{BASE}/duplicates").json() == []
    twice = api.post(f"{BASE}/dismissals", body, content_type="application/json")
    assert twice.status_code == 400 and "已标记为不是重复" in twice.json()["detail"]

    listed = api.get(f"{BASE}/dismissals").json()
    assert listed["count"] == 1 and listed["items"][0]["actor"] == api.user.username
    assert api.post(f"{BASE}/dismissals/{dismissed.json()['id']}/undo").status_code == 200
    assert len(api.get(f"{BASE}/duplicates").json()) == 1


def test_a_manager_of_another_program_is_refused_and_nothing_moves(wahaha, bearer):
    _program, kept, dup = wahaha
    api = bearer(make_user(Role.PROGRAM_MANAGER, programs_granted=[make_program("p2")]))
    answer = api.post(f"{BASE}/merges", {"kept": kept.pk, "merged": dup.pk}, content_type="application/json")
    assert answer.status_code == 403 and "p1" in answer.json()["detail"]
    assert Visit.objects.filter(enterprise=dup).count() == 1
    assert not AuditEntry.objects.filter(action="enterprise.merge").exists()


def test_read_only_roles_get_403_and_unknown_ids_404(wahaha, bearer):
    _program, kept, _dup = wahaha
    leader = bearer(make_user(Role.LEADER))
    assert leader.get(f"{BASE}/duplicates").status_code == 403
    assert leader.get(f"{BASE}/merges").status_code == 403
    manager = bearer(make_user(Role.SYSTEM_ADMIN))
    missing = manager.post(
        f"{BASE}/merges", {"kept": kept.pk, "merged": 999999}, content_type="application/json"
    )
    assert missing.status_code == 404 and "999999" in missing.json()["detail"]
    assert manager.post(f"{BASE}/dismissals/424242/undo").status_code == 404
    assert manager.post(f"{BASE}/merges/{2**63}/undo").status_code == 422
    assert bearer(make_user(Role.SYSTEM_ADMIN)).get(f"{BASE}/duplicates?limit=0").status_code == 422


@pytest.fixture
def other_county(wahaha):
    """Program p2 courts 隆基绿能 under two names; nobody of p1 has visited it."""
    p2 = make_program("p2")
    li = make_participant(p2, "B001")
    make_visit(li, "西安隆基绿能科技", dt.date(2024, 3, 1))
    make_visit(li, "隆基绿能科技", dt.date(2024, 3, 2))
    return p2, *Enterprise.objects.filter(name__contains="隆基绿能").order_by("pk")


def _pairs(answer) -> list[set[str]]:
    assert answer.status_code == 200, answer.json()
    return [{s["a"]["name"], s["b"]["name"]} for s in answer.json()]


def test_the_lists_show_a_manager_only_what_they_may_act_on(wahaha, other_county, bearer):
    p1, kept, dup = wahaha
    p2, longi, longi_dup = other_county
    mine = bearer(make_user(Role.PROGRAM_MANAGER, programs_granted=[p1]))
    theirs = bearer(make_user(Role.PROGRAM_MANAGER, programs_granted=[p2]))
    admin = bearer(make_user(Role.SYSTEM_ADMIN))
    assert _pairs(mine.get(f"{BASE}/duplicates")) == [{kept.name, dup.name}]
    assert _pairs(theirs.get(f"{BASE}/duplicates?limit=1")) == [{longi.name, longi_dup.name}]
    assert len(_pairs(admin.get(f"{BASE}/duplicates"))) == 2

    registry.merge_enterprises(None, longi, longi_dup)
    registry.dismiss_duplicate(None, kept, dup)
    counts = {
        who: (api.get(f"{BASE}/merges").json()["count"], api.get(f"{BASE}/dismissals").json()["count"])
        for who, api in {"mine": mine, "theirs": theirs, "admin": admin}.items()
    }
    assert counts == {"mine": (0, 1), "theirs": (1, 0), "admin": (1, 1)}
