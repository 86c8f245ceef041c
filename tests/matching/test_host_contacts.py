"""Host contacts (派驻单位联系人) rank the batch's cadres for their own unit's posts, and see nothing else:
another unit's post or another program answers 404; linking a contact is audited and role-checked."""

import datetime as dt

import pytest

from cadreforge.accounts.models import Role
from cadreforge.audit.models import AuditEntry
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.matching import services
from cadreforge.matching.models import Preference
from cadreforge.programs import host_contacts
from cadreforge.programs import services as programs
from cadreforge.programs.models import Batch, HostUnit

from ..builders import make_participant, make_program, make_user


@pytest.fixture
def batch(db):
    program = make_program("host-test", name="驻点招商测试")
    batch = program.batches.get(number=1)
    Batch.objects.filter(pk=batch.pk).update(start_date=dt.date(2030, 3, 1), end_date=dt.date(2030, 6, 8))
    batch.refresh_from_db()
    for code, city in (("P1", "上海"), ("P2", "苏州")):
        host = programs.get_or_create_host_unit(name=f"{city}经济技术开发区", city=city)
        programs.create_post(None, program, code=code, host=host, title=f"{city}招商岗")
    make_participant(program, "K1", name="王海")
    make_participant(program, "K2", name="赵云")
    return batch


@pytest.fixture
def shanghai_contact(batch):
    contact = make_user(Role.HOST_CONTACT, username="sh-contact")
    host_contacts.set_host_contacts(None, HostUnit.objects.get(city="上海"), [contact])
    return contact


def _participant(batch, code):
    return batch.program.participants.get(code=code).pk


def test_a_host_contact_sees_their_units_posts_and_ranks_cadres(batch, shanghai_contact, login):
    client = login(shanghai_contact)
    home = client.get("/matching/host/").content.decode()
    assert "上海经济技术开发区" in home and "驻点招商测试" in home and "P1 上海招商岗" in home
    assert "P2" not in home

    rankings = client.get("/matching/host-test/1/host-rankings/").content.decode()
    assert "P1" in rankings and "P2" not in rankings

    response = client.post(
        "/matching/host-test/1/host-rankings/P1/",
        {"choice_1": _participant(batch, "K2"), "choice_2": _participant(batch, "K1")},
    )
    assert response.status_code == 302
    ranked = Preference.objects.filter(side="host", post__code="P1").order_by("rank")
    assert [p.participant.code for p in ranked] == ["K2", "K1"]
    entry = AuditEntry.objects.filter(action="match.host_ranking").latest("pk")
    assert entry.actor_id == shanghai_contact.pk


def test_another_units_post_and_another_program_are_not_found(batch, shanghai_contact, login):
    other = make_program("other-host", name="他人计划")
    programs.create_post(None, other, code="Q1", host=HostUnit.objects.get(city="苏州"))
    client = login(shanghai_contact)
    assert client.get("/matching/host-test/1/host-rankings/P2/").status_code == 404
    assert client.post("/matching/host-test/1/host-rankings/P2/", {}).status_code == 404
    assert client.get("/matching/other-host/1/host-rankings/").status_code == 404
    assert client.get("/matching/host-test/1/").status_code == 404  # the matching runs are the managers'
    assert client.get("/programs/host-test/").status_code == 404


def test_the_service_refuses_a_contact_ranking_another_units_post(batch, shanghai_contact):
    suzhou_post = batch.program.posts.get(code="P2")
    with pytest.raises(PermissionDenied):
        services.set_host_ranking(shanghai_contact, batch, suzhou_post, [])
    assert not Preference.objects.filter(post=suzhou_post).exists()


def test_only_host_contact_accounts_can_be_linked_and_linking_is_audited(batch):
    host = HostUnit.objects.get(city="苏州")
    manager = make_user(Role.PROGRAM_MANAGER, username="mgr")
    cadre = make_user(Role.CADRE, username="cadre-x")
    with pytest.raises(DomainError, match="cadre-x不是“派驻单位联系人”角色"):
        host_contacts.set_host_contacts(manager, host, [cadre])
    assert not host.contacts.exists()

    contact = make_user(Role.HOST_CONTACT, username="sz-contact")
    host_contacts.set_host_contacts(manager, host, [contact])
    assert list(host.contacts.all()) == [contact]
    entry = AuditEntry.objects.filter(action="host.contacts").latest("pk")
    assert entry.actor_id == manager.pk


def test_a_cadre_may_not_link_contacts(batch):
    with pytest.raises(PermissionDenied):
        host_contacts.set_host_contacts(make_user(Role.CADRE), HostUnit.objects.get(city="苏州"), [])


def test_the_host_page_is_only_for_host_contacts(batch, login):
    assert login(Role.PROGRAM_MANAGER).get("/matching/host/").status_code == 404
    unlinked = login(Role.HOST_CONTACT).get("/matching/host/").content.decode()
    assert "尚未关联派驻单位" in unlinked
