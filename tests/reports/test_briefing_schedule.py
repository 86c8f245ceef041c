"""Scheduled briefings: a manager sets when and to whom; the job sends each period once (even run twice),
robots get markdown, e-mail gets the attachment, failures are retried and every message is recorded."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from cadreforge.audit.models import AuditEntry
from cadreforge.core.errors import DomainError
from cadreforge.core.stages import Stage
from cadreforge.reports.briefing import sending as briefing_sending
from cadreforge.reports.briefing.schedules import save_schedule
from cadreforge.reports.briefing.sending import current_period, send_due_briefings
from cadreforge.reports.models import BriefingSchedule, BriefingSending
from cadreforge.secondment.models import Delivery
from cadreforge.secondment.reminders import save_channel, send_weekly_reminders

from ..builders import make_participant, make_program, make_project, make_user, make_visit
from ..secondment.fakes import FakeRobot, running

pytestmark = pytest.mark.django_db
MONDAY_9AM = timezone.make_aware(dt.datetime(2024, 3, 4, 9, 0))  # week 10 of 2024
MONDAY_7AM = timezone.make_aware(dt.datetime(2024, 3, 4, 7, 0))


@pytest.fixture(autouse=True)
def _no_waiting(settings):
    settings.CADREFORGE_NOTIFY_BACKOFF = 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def robot():
    server = running(FakeRobot())
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def program():
    program = make_program("brief-sched", name="蓬莱3360计划")
    cadre = make_participant(program, "P1", name="王海")
    make_visit(cadre, "甲公司", dt.date(2024, 2, 20))
    make_visit(cadre, "乙公司", dt.date(2024, 2, 21))
    make_project(program, "X1", stage=Stage.SIGNED, cadres=[cadre], amount_wan="5000")
    return program


def _weekly(program, channels=(), emails="", fmt="docx", **kw):
    return save_schedule(
        None,
        program,
        name=kw.pop("name", "周报"),
        frequency="weekly",
        weekday=0,
        hour=8,
        channels=list(channels),
        emails=emails,
        email_format=fmt,
        **kw,
    )


def test_weekly_briefing_goes_to_the_robot_as_markdown_once_per_week(program, robot):
    channel = save_channel(None, program, name="工作群", kind="wecom", webhook_url=robot.url)
    _weekly(program, channels=[channel])
    assert send_due_briefings(MONDAY_7AM)["briefings"] == 0  # before 8:00 nothing is due
    assert robot.received == []
    counts = send_due_briefings(MONDAY_9AM)
    assert counts == {"briefings": 1, "sent": 1, "failed": 0, "errors": []}
    payload = robot.received[0]
    assert payload["msgtype"] == "markdown"
    content = payload["markdown"]["content"]
    assert content.startswith("### 蓬莱3360计划工作简报\n> 2024年第10周（3月4日—3月10日） · 截至2024年3月4日")
    assert "累计走访企业2家" in content and "截至2024年3月4日" in content
    # the same week again, later that day and on Friday: nothing more
    assert send_due_briefings(MONDAY_9AM + dt.timedelta(hours=3))["briefings"] == 0
    assert send_due_briefings(MONDAY_9AM + dt.timedelta(days=4))["briefings"] == 0
    assert len(robot.received) == 1
    # next Monday is the next period
    assert send_due_briefings(MONDAY_9AM + dt.timedelta(days=7))["briefings"] == 1
    assert len(robot.received) == 2
    delivery = Delivery.objects.filter(key__startswith="briefing:").order_by("id").first()
    assert delivery.status == "sent" and delivery.channel == channel and "累计走访企业2家" in delivery.body


def test_dingtalk_robot_gets_markdown_with_a_title(program, robot):
    channel = save_channel(None, program, name="钉钉群", kind="dingtalk", webhook_url=robot.url)
    _weekly(program, channels=[channel])
    send_due_briefings(MONDAY_9AM)
    payload = robot.received[0]
    assert payload["msgtype"] == "markdown"
    assert payload["markdown"]["title"].startswith("蓬莱3360计划工作简报")
    assert "累计走访企业2家" in payload["markdown"]["text"]


def test_email_carries_the_text_and_the_docx_with_charts(program):
    from docx import Document

    _weekly(program, emails="leader@example.org\nOffice@Example.org")
    assert send_due_briefings(MONDAY_9AM)["sent"] == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["Office@Example.org", "leader@example.org"]
    message = mail.outbox[0]
    assert message.subject == "蓬莱3360计划工作简报（2024年第10周（3月4日—3月10日））"
    assert "累计走访企业2家" in message.body
    (name, content, mimetype) = message.attachments[0]
    assert name == "briefing-brief-sched-2024-03-04.docx"
    assert mimetype.endswith("wordprocessingml.document")
    doc = Document(io.BytesIO(content))
    assert "累计走访企业2家" in "\n".join(p.text for p in doc.paragraphs)
    assert len(doc.inline_shapes) >= 1


def test_txt_attachment_when_the_schedule_says_txt(program):
    _weekly(program, emails="leader@example.org", fmt="txt")
    send_due_briefings(MONDAY_9AM)
    name, content, _mimetype = mail.outbox[0].attachments[0]
    assert name.endswith(".txt")
    text = content if isinstance(content, str) else content.decode("utf-8")
    assert text.startswith("蓬莱3360计划工作简报")


def test_monthly_on_the_31st_sends_on_the_last_day_of_february(program):
    schedule = save_schedule(
        None, program, name="月报", frequency="monthly", day_of_month=31, hour=17, emails="a@example.org"
    )
    period = current_period(schedule, timezone.make_aware(dt.datetime(2024, 2, 10, 12)))
    assert period.label == "2024年2月"
    assert timezone.localtime(period.send_at) == timezone.make_aware(dt.datetime(2024, 2, 29, 17))
    assert send_due_briefings(timezone.make_aware(dt.datetime(2024, 2, 28, 18)))["briefings"] == 0
    assert send_due_briefings(timezone.make_aware(dt.datetime(2024, 2, 29, 17, 5)))["briefings"] == 1
    assert send_due_briefings(timezone.make_aware(dt.datetime(2024, 2, 29, 23)))["briefings"] == 0
    assert len(mail.outbox) == 1


def test_a_period_claimed_by_a_concurrent_run_is_not_sent_again(program):
    schedule = _weekly(program, emails="leader@example.org")
    period = current_period(schedule, MONDAY_9AM)
    # Another run inserted the period's row between our check and our insert: the constraint refuses ours.
    BriefingSending.objects.create(
        schedule=schedule,
        period_start=period.start,
        period_label=period.label,
        title="t",
        text="t",
        markdown="t",
    )
    sending = briefing_sending._compose(schedule, period, MONDAY_9AM)
    with pytest.raises(IntegrityError), transaction.atomic():
        sending.save()
    assert briefing_sending.claim_period(schedule, period, MONDAY_9AM) is None
    assert send_due_briefings(MONDAY_9AM)["briefings"] == 0
    assert mail.outbox == [] and not Delivery.objects.exists()


def test_claim_racing_past_the_check_queues_nothing(program, monkeypatch):
    """Both runs pass the exists() check; the second insert hits the unique constraint and rolls back."""
    schedule = _weekly(program, emails="leader@example.org")
    period = current_period(schedule, MONDAY_9AM)
    assert len(briefing_sending.claim_period(schedule, period, MONDAY_9AM)) == 1
    real_filter = BriefingSending.objects.filter

    class NeverSeen:
        def exists(self):
            return False

    monkeypatch.setattr(BriefingSending.objects, "filter", lambda *a, **k: NeverSeen())
    assert briefing_sending.claim_period(schedule, period, MONDAY_9AM) is None
    monkeypatch.setattr(BriefingSending.objects, "filter", real_filter)
    assert BriefingSending.objects.count() == 1 and Delivery.objects.count() == 1


def test_a_failing_robot_is_retried_and_the_retry_sends_the_same_markdown(program):
    failing = running(FakeRobot(failures=3))
    try:
        channel = save_channel(None, program, name="工作群", kind="wecom", webhook_url=failing.url)
        _weekly(program, channels=[channel])
        assert send_due_briefings(MONDAY_9AM) == {"briefings": 1, "sent": 0, "failed": 1, "errors": []}
        delivery = Delivery.objects.get(key__startswith="briefing:")
        assert delivery.attempts == 3 and "HTTP 500" in delivery.error
        # the reminders' job retries every failed delivery: the briefing goes out as markdown all the same
        send_weekly_reminders(dt.date(2024, 3, 4))
        delivery.refresh_from_db()
        assert delivery.status == "sent" and delivery.attempts == 4
        assert [p["msgtype"] for p in failing.received] == ["markdown"] * 4
        assert send_due_briefings(MONDAY_9AM + dt.timedelta(hours=1))["briefings"] == 0
    finally:
        failing.shutdown()
        failing.server_close()


def test_failed_email_is_retried_by_the_next_run_with_its_attachment(program, settings):
    _weekly(program, emails="leader@example.org")
    settings.EMAIL_BACKEND = "tests.reports.test_briefing_schedule.BrokenBackend"
    assert send_due_briefings(MONDAY_9AM)["failed"] == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due_briefings(MONDAY_9AM + dt.timedelta(hours=1)) == {
        "briefings": 0,
        "sent": 1,
        "failed": 0,
        "errors": [],
    }
    assert mail.outbox[0].attachments[0][0].endswith(".docx")


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("SMTP 服务器拒绝连接")


def test_inactive_schedules_and_channels_send_nothing(program, robot):
    channel = save_channel(None, program, name="工作群", kind="wecom", webhook_url=robot.url)
    _weekly(program, channels=[channel], active=False)
    assert send_due_briefings(MONDAY_9AM)["briefings"] == 0
    _weekly(program, channels=[channel], name="另一份", emails="a@example.org")
    save_channel(None, program, name="工作群", kind="wecom", webhook_url=robot.url, active=False)
    assert send_due_briefings(MONDAY_9AM)["sent"] == 1
    assert robot.received == [] and len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"frequency": "weekly", "weekday": None}, "请选择星期几"),
        ({"frequency": "monthly", "day_of_month": 32}, "1—31之间的日期"),
        ({"frequency": "weekly", "weekday": 0, "hour": 24}, "0—23点"),
        ({"frequency": "weekly", "weekday": 0, "emails": "not-an-address"}, "格式不正确"),
        ({"frequency": "weekly", "weekday": 0, "emails": ""}, "至少要选择一个群机器人"),
        ({"frequency": "weekly", "weekday": 0, "batch_number": 7}, "没有第7批"),
    ],
)
def test_bad_schedule_is_refused_in_chinese_and_nothing_saved(program, kwargs, message):
    kwargs.setdefault("emails", "a@example.org")
    with pytest.raises(DomainError, match=message):
        save_schedule(None, program, name="周报", **kwargs)
    assert not BriefingSchedule.objects.exists()


def test_robot_of_another_program_is_refused(program):
    other = make_program("other-prog")
    channel = save_channel(None, other, name="外部群", kind="wecom", webhook_url="https://robot.example/x")
    with pytest.raises(DomainError, match="不属于计划"):
        _weekly(program, channels=[channel])


def test_manager_sets_a_schedule_on_the_page_and_it_is_audited(program, login):
    from cadreforge.accounts.models import Role

    channel = save_channel(None, program, name="工作群", kind="wecom", webhook_url="https://robot.example/x")
    client = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    page = client.get("/dashboard/brief-sched/briefings/")
    assert page.status_code == 200 and "尚未设置定期简报" in page.content.decode()
    response = client.post(
        "/dashboard/brief-sched/briefings/",
        {
            "name": "每周简报",
            "frequency": "weekly",
            "weekday": "4",
            "hour": "9",
            "channels": [channel.pk],
            "emails": "leader@example.org",
            "email_format": "docx",
            "active": "on",
        },
    )
    assert response.status_code == 302
    schedule = BriefingSchedule.objects.get()
    assert (schedule.weekday, schedule.hour, list(schedule.channels.all())) == (4, 9, [channel])
    assert schedule.when_label == "每周五 9:00"
    entry = AuditEntry.objects.filter(action="briefing_schedule.create").get()
    assert entry.actor == client.user
    page = client.get("/dashboard/brief-sched/briefings/").content.decode()
    assert 'data-schedule="每周简报"' in page and "每周五 9:00" in page
    # a monthly schedule without its day is refused on the page, nothing saved
    bad = client.post(
        "/dashboard/brief-sched/briefings/",
        {
            "name": "月报",
            "frequency": "monthly",
            "hour": "9",
            "emails": "a@example.org",
            "email_format": "txt",
        },
    )
    assert bad.status_code == 200 and "请填写1—31之间的日期" in bad.content.decode()
    assert BriefingSchedule.objects.count() == 1
    client.post(f"/dashboard/brief-sched/briefings/{schedule.pk}/delete/")
    assert not BriefingSchedule.objects.exists()
    assert AuditEntry.objects.filter(action="briefing_schedule.delete").count() == 1


def test_page_shows_what_was_sent(program, login):
    from cadreforge.accounts.models import Role

    _weekly(program, emails="leader@example.org")
    send_due_briefings(MONDAY_9AM)
    client = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    page = client.get("/dashboard/brief-sched/briefings/").content.decode()
    assert 'data-delivery-status="sent"' in page and "2024年第10周" in page and "leader@example.org" in page


def test_schedules_page_is_404_for_other_programs_and_readers(program, login):
    from cadreforge.accounts.models import Role

    other = make_program("other-prog")
    outsider = login(Role.PROGRAM_MANAGER, programs_granted=[other])
    assert outsider.get("/dashboard/brief-sched/briefings/").status_code == 404
    reader = login(make_user(Role.LEADER, programs_granted=[program]))
    assert reader.get("/dashboard/brief-sched/briefings/").status_code == 404
    schedule = _weekly(program, emails="a@example.org")
    assert outsider.post(f"/dashboard/brief-sched/briefings/{schedule.pk}/delete/").status_code == 404
    assert BriefingSchedule.objects.filter(pk=schedule.pk).exists()


def test_send_due_command_and_task(program):
    _weekly(program, emails="leader@example.org")
    out = io.StringIO()
    call_command("briefing", "send-due", "--now", "2024-03-04T09:00", "--json", stdout=out)
    assert '"briefings": 1' in out.getvalue() and '"sent": 1' in out.getvalue()
    from cadreforge.reports.tasks import send_due_briefings as task

    result = task.call("2024-03-04T10:00")
    assert result["briefings"] == 0 and len(mail.outbox) == 1


def test_one_broken_briefing_does_not_stop_the_others(program, monkeypatch):
    other = make_program("brief-other", name="萧山计划")
    _weekly(program, emails="a@example.org")
    _weekly(other, emails="b@example.org")
    real = briefing_sending.build_briefing

    def broken_for_penglai(prog, *args):
        if prog.code == "brief-sched":
            raise DomainError("计划“brief-sched”没有第2批。")
        return real(prog, *args)

    monkeypatch.setattr(briefing_sending, "build_briefing", broken_for_penglai)
    counts = send_due_briefings(MONDAY_9AM)
    assert counts["briefings"] == 1 and counts["sent"] == 1
    assert counts["errors"] == ["brief-sched/周报：计划“brief-sched”没有第2批。"]
    assert [m.to for m in mail.outbox] == [["b@example.org"]]
    assert not BriefingSending.objects.filter(schedule__program=program).exists()  # retried next run
