import datetime as dt
import email

import pytest
from django.core import mail
from django.core.management import call_command

from cadreforge.secondment.models import Delivery
from cadreforge.secondment.reminders import save_channel, send_weekly_reminders
from cadreforge.secondment.weekly_services import save_weekly_report

from .fakes import FakeRobot, FakeSMTPServer, running
from .helpers import at, study_program

pytestmark = pytest.mark.django_db
D = dt.date
START, END = D(2023, 9, 4), D(2023, 10, 18)
FRIDAY_BEFORE_DUE = D(2023, 9, 8)  # week 1 is due Monday 11 September
DAY_AFTER_DUE = D(2023, 9, 12)


@pytest.fixture(autouse=True)
def _no_waiting(settings):
    settings.CADREFORGE_NOTIFY_BACKOFF = 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def batch():
    return study_program(START, END)


@pytest.fixture
def robot():
    server = running(FakeRobot())
    yield server
    server.shutdown()
    server.server_close()


def test_cadres_get_a_chinese_email_on_the_working_day_before_the_due_day(batch):
    assert send_weekly_reminders(D(2023, 9, 7)) == {"sent": 0, "failed": 0}
    assert send_weekly_reminders(FRIDAY_BEFORE_DUE) == {"sent": 2, "failed": 0}
    first = mail.outbox[0]
    assert first.to == ["cadre1@example.org"]
    assert "9月11日（周一）截止" in first.subject
    assert "学员1同志" in first.body


def test_reminders_go_out_once_however_often_the_job_runs(batch):
    send_weekly_reminders(FRIDAY_BEFORE_DUE)
    send_weekly_reminders(FRIDAY_BEFORE_DUE)
    send_weekly_reminders(D(2023, 9, 11))
    assert len(mail.outbox) == 2
    assert Delivery.objects.filter(status="sent").count() == 2


def test_overdue_reminder_only_for_who_has_not_submitted(batch):
    _, (wang, _) = batch
    save_weekly_report(
        wang.cadre.user, wang, week_start=START, content="本周学习体会", submit=True, now=at(D(2023, 9, 11))
    )
    send_weekly_reminders(DAY_AFTER_DUE)
    overdue = [m for m in mail.outbox if "逾期" in m.subject]
    assert [m.to for m in overdue] == [["cadre2@example.org"]]
    assert "请尽快补交" in overdue[0].body


def test_group_robot_gets_one_message_naming_who_has_not_filed(batch, robot):
    program, _ = batch
    save_channel(None, program, name="竞学群", kind="wecom", webhook_url=robot.url)
    send_weekly_reminders(FRIDAY_BEFORE_DUE)
    assert len(robot.received) == 1
    payload = robot.received[0]
    assert payload["msgtype"] == "text"
    assert "学员1、学员2" in payload["text"]["content"]
    assert "9月11日（周一）截止" in payload["text"]["content"]


def test_failing_robot_is_retried_with_backoff_until_it_answers(batch):
    program, _ = batch
    server = running(FakeRobot(failures=2))
    try:
        save_channel(None, program, name="钉钉群", kind="dingtalk", webhook_url=server.url)
        send_weekly_reminders(FRIDAY_BEFORE_DUE)
    finally:
        server.shutdown()
        server.server_close()
    delivery = Delivery.objects.get(medium="dingtalk")
    assert (delivery.status, delivery.attempts) == ("sent", 3)
    assert "HTTP 500" in delivery.error  # the last failure stays on record
    assert len(server.received) == 3


def test_robot_that_keeps_failing_is_recorded_as_failed_and_retried_next_run(batch):
    program, _ = batch
    server = running(FakeRobot(failures=4))
    try:
        save_channel(None, program, name="群", kind="wecom", webhook_url=server.url)
        assert send_weekly_reminders(FRIDAY_BEFORE_DUE)["failed"] == 1
        delivery = Delivery.objects.get(medium="wecom")
        assert (delivery.status, delivery.attempts) == ("failed", 3)
        send_weekly_reminders(FRIDAY_BEFORE_DUE)
    finally:
        server.shutdown()
        server.server_close()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 5)


def test_email_goes_through_a_real_smtp_connection(batch, settings):
    server = running(FakeSMTPServer())
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        assert send_weekly_reminders(FRIDAY_BEFORE_DUE) == {"sent": 2, "failed": 0}
    finally:
        server.shutdown()
        server.server_close()
    assert sorted(m["to"][0] for m in server.messages) == ["cadre1@example.org", "cadre2@example.org"]
    parsed = email.message_from_bytes(server.messages[0]["data"])
    assert "学习周报" in str(email.header.make_header(email.header.decode_header(parsed["Subject"])))


def test_unreachable_smtp_server_is_recorded_as_failed(batch, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    assert send_weekly_reminders(FRIDAY_BEFORE_DUE) == {"sent": 0, "failed": 2}
    assert Delivery.objects.filter(status="failed", attempts=3).count() == 2


def test_remind_command_and_task_send_the_same_reminders(batch, settings):
    from cadreforge.secondment.tasks import send_weekly_reminders as task

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    result = task.enqueue(FRIDAY_BEFORE_DUE.isoformat())
    assert result.return_value == {"sent": 2, "failed": 0}
    call_command("remind", "--date", "2023-09-12")
    assert [m.subject.startswith("学习周报逾期") for m in mail.outbox].count(True) == 2
