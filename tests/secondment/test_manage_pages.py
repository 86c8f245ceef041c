"""Manager pages of secondment life: assignment status and host contact, Party branches, events with
attendance, findings and talk notes, notification channels with a test message. Scoped: a manager of
another program, a leader and a cadre get 404."""

import datetime as dt

import pytest
from django.urls import reverse

from cadreforge.accounts.models import Role
from cadreforge.audit.models import AuditEntry
from cadreforge.programs import services as programs
from cadreforge.secondment.events import create_event
from cadreforge.secondment.models import Assignment, Attendance, Delivery, Finding, PartyBranch
from cadreforge.secondment.reminders import save_channel
from cadreforge.secondment.services import assign_post
from tests.builders import make_participant, make_program

from .fakes import FakeRobot, running

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def program():
    return make_program("huaibei-test")


@pytest.fixture
def cadres(program):
    return [
        make_participant(program, "SB-001", name="孔彬"),
        make_participant(program, "SB-002", name="许大鹏"),
    ]


@pytest.fixture
def manager(program, login):
    return login(Role.PROGRAM_MANAGER, programs_granted=[program])


@pytest.fixture
def assignment(program, cadres):
    host = programs.get_or_create_host_unit(name="上海市投资促进中心", city="上海")
    post = programs.create_post(None, program, code="SH-01", host=host)
    return assign_post(None, cadres[0], post, start_date=D(2023, 3, 1), end_date=D(2023, 8, 31))


def _url(name, program, *args):
    return reverse(f"secondment:{name}", args=[program.code, *args])


def test_manager_moves_an_assignment_on_and_it_is_audited(program, assignment, manager):
    url = _url("assignments", program)
    page = manager.post(
        url,
        {"assignment": assignment.pk, "action": "move", "status": "departed", "on": "2023-03-01"},
        follow=True,
    ).content.decode()
    assert "派驻状态已更新" in page and "已出发" in page
    assignment.refresh_from_db()
    assert (assignment.status, assignment.departed_on) == ("departed", D(2023, 3, 1))
    assert AuditEntry.objects.filter(action="assignment.status", actor=manager.user).count() == 1


def test_skipping_a_step_or_ending_early_without_reason_is_refused_in_chinese(program, assignment, manager):
    url = _url("assignments", program)
    page = manager.post(
        url, {"assignment": assignment.pk, "action": "move", "status": "returned", "on": "2023-03-01"}
    ).content.decode()
    assert "不能变为“已返回”" in page
    page = manager.post(
        url, {"assignment": assignment.pk, "action": "move", "status": "ended_early", "on": "2023-04-01"}
    ).content.decode()
    assert "提前结束派驻须填写原因" in page
    assert Assignment.objects.get().status == "planned"
    manager.post(
        url,
        {
            "assignment": assignment.pk,
            "action": "move",
            "status": "ended_early",
            "on": "2023-04-01",
            "reason": "因病",
        },
    )
    assignment.refresh_from_db()
    assert (assignment.status, assignment.end_date, assignment.ended_reason) == (
        "ended_early",
        D(2023, 4, 1),
        "因病",
    )


def test_manager_sets_the_host_contact(program, assignment, manager):
    manager.post(
        _url("assignments", program),
        {"assignment": assignment.pk, "action": "contact", "name": "陈主任", "phone": "021-12345678"},
    )
    assignment.refresh_from_db()
    assert (assignment.host_contact_name, assignment.host_contact_phone) == ("陈主任", "021-12345678")
    assert "陈主任" in manager.get(_url("assignments", program)).content.decode()


def test_assignment_of_another_program_is_not_found(program, assignment, login):
    other = make_program("other-test")
    client = login(Role.PROGRAM_MANAGER, programs_granted=[other])
    response = client.post(
        _url("assignments", other), {"assignment": assignment.pk, "action": "contact", "name": "某人"}
    )
    assert response.status_code == 404
    assert client.get(_url("assignments", program)).status_code == 404
    assert Assignment.objects.get().host_contact_name == ""


@pytest.mark.parametrize("role", [Role.LEADER, Role.CADRE])
def test_manager_pages_are_not_found_for_readers(program, role, login):
    client = login(role)
    for name in ("assignments", "branches", "channels", "event-new"):
        assert client.get(_url(name, program)).status_code == 404


def test_manager_sets_up_a_temporary_party_branch_with_its_secretary(program, cadres, manager):
    batch = program.batches.get(number=1)
    page = manager.post(
        _url("branches", program),
        {"batch": batch.pk, "name": "先锋队临时党支部", "secretary": cadres[0].pk, "members": [cadres[1].pk]},
        follow=True,
    ).content.decode()
    assert "临时党支部已保存" in page
    branch = PartyBranch.objects.get()
    assert branch.secretary == cadres[0]
    assert set(branch.members.all()) == set(cadres)
    assert "书记：孔彬" in page


def test_supervision_event_with_attendance_and_a_finding_closed(program, cadres, manager):
    response = manager.post(
        _url("event-new", program),
        {"kind": "supervision", "title": "市委组织部督导", "date": "2023-05-10", "location": "上海"},
    )
    event = program.secondment_events.get()
    assert response.url == _url("event-detail", program, event.pk)
    detail = _url("event-detail", program, event.pk)
    manager.post(
        detail, {"action": "attendance", "present": [cadres[0].pk], f"note-{cadres[1].pk}": "外出招商"}
    )
    marks = {a.participant.code: (a.present, a.note) for a in Attendance.objects.all()}
    assert marks == {"SB-001": (True, ""), "SB-002": (False, "外出招商")}
    manager.post(detail, {"action": "finding", "description": "走访记录不全", "owner": "孔彬"})
    finding = Finding.objects.get()
    page = manager.post(
        detail, {"action": "close", "finding": finding.pk, "on": "2023-05-01", "note": "已补"}
    )
    assert "销号日期早于督导日期" in page.content.decode()
    manager.post(detail, {"action": "close", "finding": finding.pk, "on": "2023-05-20", "note": "已补齐记录"})
    finding.refresh_from_db()
    assert finding.closed_on == D(2023, 5, 20)
    events_page = manager.get(_url("events", program)).content.decode()
    assert "出席 1 人，缺席 1 人" in events_page and "已销号" in events_page


def test_talk_notes_are_written_on_the_event_page_and_hidden_from_others(program, cadres, manager, login):
    event = create_event(None, program, kind="talk", title="学前谈心谈话", date=D(2023, 2, 20))
    detail = _url("event-detail", program, event.pk)
    manager.post(detail, {"action": "talk_note", "participant": cadres[0].pk, "notes": "家中老人需照顾"})
    assert "家中老人需照顾" in manager.get(detail).content.decode()
    admin = login(Role.SYSTEM_ADMIN)
    assert "家中老人需照顾" in admin.get(detail).content.decode()
    leader_page = login(Role.LEADER).get(_url("events", program)).content.decode()
    assert "家中老人需照顾" not in leader_page
    assert AuditEntry.objects.filter(action="talk_note.save").count() == 1


def test_event_of_another_program_is_not_found(program, login):
    other = make_program("other-test")
    event = create_event(None, program, kind="party_day", title="主题党日", date=D(2023, 7, 1))
    client = login(Role.PROGRAM_MANAGER, programs_granted=[other])
    assert client.get(_url("event-detail", other, event.pk)).status_code == 404


def test_channel_address_must_be_https_or_local(program, manager):
    page = manager.post(
        _url("channels", program),
        {"kind": "wecom", "name": "竞学群", "webhook_url": "http://example.com/hook"},
    ).content.decode()
    assert "应以 https:// 开头" in page
    assert not program.notification_channels.exists()
    manager.post(
        _url("channels", program),
        {"kind": "dingtalk", "name": "先锋队群", "webhook_url": "https://oapi.dingtalk.com/robot/send?access_token=x",
         "active": "on"},
    )  # fmt: skip
    assert program.notification_channels.get().kind == "dingtalk"


def test_send_test_message_posts_to_the_robot_and_records_a_delivery(program, manager, settings):
    settings.CADREFORGE_NOTIFY_BACKOFF = 0.01
    robot = running(FakeRobot())
    try:
        manager.post(
            _url("channels", program),
            {"kind": "wecom", "name": "竞学群", "webhook_url": robot.url, "active": "on"},
        )
        channel = program.notification_channels.get()
        page = manager.post(_url("channel-test", program, channel.pk), follow=True).content.decode()
    finally:
        robot.shutdown()
        robot.server_close()
    assert "测试消息已发送到“竞学群”" in page
    assert "测试消息" in robot.received[0]["text"]["content"]
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.channel, delivery.attempts) == ("sent", channel, 1)
    assert AuditEntry.objects.filter(action="notification_channel.test").count() == 1


def test_failed_test_message_is_shown_and_recorded_as_failed(program, manager, settings):
    settings.CADREFORGE_NOTIFY_BACKOFF = 0.01
    robot = running(FakeRobot(failures=5))
    try:
        channel = save_channel(None, program, name="竞学群", kind="wecom", webhook_url=robot.url)
        page = manager.post(_url("channel-test", program, channel.pk), follow=True).content.decode()
    finally:
        robot.shutdown()
        robot.server_close()
    assert "测试消息发送失败（尝试3次）" in page and "HTTP 500" in page
    assert Delivery.objects.get().status == "failed"


def test_channel_of_another_program_cannot_be_tested(program, login):
    other = make_program("other-test")
    channel = save_channel(None, program, name="竞学群", kind="wecom", webhook_url="https://example.com/x")
    client = login(Role.PROGRAM_MANAGER, programs_granted=[other])
    assert client.post(_url("channel-test", other, channel.pk)).status_code == 404
    assert not Delivery.objects.exists()


def test_an_event_without_a_place_shows_its_batch_without_a_dangling_separator(program, manager):
    batch = program.batches.first()
    event = create_event(None, program, kind="party_day", title="主题党日", date=D(2023, 7, 1), batch=batch)
    line = f'<p class="muted">{batch}</p>'
    assert line in manager.get(_url("event-detail", program, event.pk)).content.decode()
    events_page = manager.get(_url("events", program)).content.decode()
    assert f"{batch} · 出席" in events_page and " ·  " not in events_page
