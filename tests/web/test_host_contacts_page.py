"""派驻单位联系人 page: a program manager links the host unit's own accounts to it, from the post list."""

import pytest
from django.urls import reverse

from cadreforge.accounts.models import Role
from cadreforge.audit.models import AuditEntry
from cadreforge.programs import services as programs
from cadreforge.programs.host_contacts import contact_posts
from tests.builders import make_program, make_user


@pytest.fixture
def yixing(db):
    program = make_program("xiaoshan-2024")
    host = programs.get_or_create_host_unit(name="宜兴经济技术开发区", city="无锡", kind="dev_zone")
    programs.create_post(None, program, code="G1", host=host)
    return program, host


def test_a_manager_links_a_contact_who_then_sees_the_units_posts(yixing, login):
    program, host = yixing
    manager = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    contact = make_user(Role.HOST_CONTACT, "yixing-zhang")
    url = reverse("web:host-contacts", args=[host.pk])

    assert url in manager.get(reverse("web:post-list")).content.decode()
    page = manager.get(url).content.decode()
    assert "yixing-zhang" in page and "G1" in page

    answer = manager.post(url, {"contacts": [contact.pk]}, follow=True)
    assert "宜兴经济技术开发区的联系人已保存" in answer.content.decode()
    assert list(host.contacts.all()) == [contact]
    assert [p.code for p in contact_posts(contact)] == ["G1"]
    entry = AuditEntry.objects.get(action="host.contacts")
    assert entry.actor == manager.user and entry.changes == {"before": [], "after": ["yixing-zhang"]}

    manager.post(url, {})
    assert not host.contacts.exists()


def test_only_host_contact_accounts_are_offered_and_another_is_refused(yixing, login):
    program, host = yixing
    manager = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    cadre = make_user(Role.CADRE, "some-cadre")
    url = reverse("web:host-contacts", args=[host.pk])

    assert "some-cadre" not in manager.get(url).content.decode()
    answer = manager.post(url, {"contacts": [cadre.pk]})
    assert answer.status_code == 200 and "有效的选项" in answer.content.decode()
    assert not host.contacts.exists()


def test_a_manager_of_another_program_gets_not_found_and_a_leader_forbidden(yixing, login):
    _program, host = yixing
    url = reverse("web:host-contacts", args=[host.pk])
    other = login(Role.PROGRAM_MANAGER, programs_granted=[make_program("other-2024")])
    assert other.get(url).status_code == 404
    assert other.post(url, {}).status_code == 404
    leader = login(Role.LEADER)
    assert leader.get(url).status_code == 403
    assert url not in leader.get(reverse("web:post-list")).content.decode()
    assert not AuditEntry.objects.filter(action="host.contacts").exists()
