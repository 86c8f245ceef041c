import datetime as dt

import pytest
from django.urls import reverse

from cadreforge.accounts.models import Role
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.secondment import events
from tests.builders import make_user

from .helpers import study_program

pytestmark = pytest.mark.django_db
D = dt.date
SECRET = "家中老人需照顾，担心学习期间无法兼顾"


@pytest.fixture
def talk():
    program, people = study_program(D(2023, 9, 4), D(2023, 10, 18))
    event = events.create_event(None, program, kind="talk", title="学前谈心谈话", date=D(2023, 9, 1))
    events.write_talk_note(None, event, people[0], notes=SECRET)
    return program, people, event


def test_talk_notes_are_shown_to_the_program_manager_and_system_admin(talk, login):
    program, _, event = talk
    manager = make_user(Role.PROGRAM_MANAGER, programs_granted=[program])
    assert [n.notes for n in events.talk_notes(manager, event)] == [SECRET]
    assert SECRET in login(manager).get(reverse("secondment:events", args=[program.code])).content.decode()
    assert (
        SECRET
        in login(Role.SYSTEM_ADMIN).get(reverse("secondment:events", args=[program.code])).content.decode()
    )


@pytest.mark.parametrize("role", [Role.LEADER, Role.AUDITOR])
def test_talk_notes_are_hidden_from_leaders_and_auditors(talk, login, role):
    program, _, event = talk
    client = login(role)
    page = client.get(reverse("secondment:events", args=[program.code]))
    assert page.status_code == 200 and "学前谈心谈话" in page.content.decode()
    assert SECRET not in page.content.decode()
    with pytest.raises(PermissionDenied):
        events.talk_notes(client.user, event)


def test_talk_notes_are_hidden_from_the_cadre_talked_to(talk, login):
    program, people, event = talk
    client = login(people[0].cadre.user)
    assert client.get(reverse("secondment:events", args=[program.code])).status_code == 404
    with pytest.raises(PermissionDenied):
        events.talk_notes(people[0].cadre.user, event)


def test_manager_of_another_program_cannot_read_talk_notes(talk):
    _, _, event = talk
    with pytest.raises(PermissionDenied):
        events.talk_notes(make_user(Role.PROGRAM_MANAGER), event)


def test_supervision_finding_is_tracked_until_closed(talk):
    program = talk[0]
    visit = events.create_event(
        None, program, kind="supervision", title="市委组织部督导", date=D(2023, 9, 20)
    )
    finding = events.add_finding(
        None, visit, description="部分学员周报流于形式", action="逐篇点评", owner="管理专班"
    )
    row = events.list_events(program).get(pk=visit.pk)
    assert row.open_findings == 1
    with pytest.raises(DomainError, match="整改结果"):
        events.close_finding(None, finding, on=D(2023, 9, 27), note="")
    events.close_finding(None, finding, on=D(2023, 9, 27), note="已逐篇点评并反馈")
    assert events.list_events(program).get(pk=visit.pk).open_findings == 0


def test_attendance_is_counted(talk):
    program, people, _ = talk
    day = events.create_event(None, program, kind="party_day", title="主题党日", date=D(2023, 9, 28))
    events.set_attendance(None, day, people[0], present=True)
    events.set_attendance(None, day, people[1], present=False, note="请假")
    row = events.list_events(program).get(pk=day.pk)
    assert (row.present_count, row.absent_count) == (1, 1)
