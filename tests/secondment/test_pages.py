import datetime as dt

import pytest
from django.urls import reverse

from cadreforge.accounts.models import Role
from cadreforge.secondment.models import WeeklyReport
from cadreforge.secondment.weekly_services import save_weekly_report
from tests.builders import make_output

from .helpers import at, study_program

pytestmark = pytest.mark.django_db
D = dt.date
START, END = D(2023, 9, 4), D(2023, 9, 17)  # two report weeks, long past


@pytest.fixture
def batch():
    return study_program(START, END)


def test_cadre_writes_and_submits_a_report_from_my_weekly_reports(batch, login):
    program, (wang, _) = batch
    client = login(wang.cadre.user)
    page = client.get(reverse("secondment:my-weekly")).content.decode()
    assert page.count("缺报") == 2
    url = reverse("secondment:my-weekly-edit", args=[program.code, "2023-09-04"])
    client.post(url, {"content": "草稿内容", "submit": ""})
    assert WeeklyReport.objects.get().status == "draft"
    response = client.post(url, {"content": "学习了杭州的产业链招商经验。", "submit": "on"}, follow=True)
    assert "周报已提交" in response.content.decode()
    report = WeeklyReport.objects.get()
    assert (report.status, report.characters) == ("submitted", 14)
    assert "迟交" in client.get(reverse("secondment:my-weekly")).content.decode()


def test_cadre_cannot_open_the_compliance_board(batch, login):
    program, (wang, _) = batch
    client = login(wang.cadre.user)
    assert client.get(reverse("secondment:weekly-board", args=[program.code])).status_code == 404
    assert client.get(reverse("secondment:index")).status_code == 302


def test_board_shows_who_has_not_filed_this_week(batch, login, monkeypatch):
    program, (wang, _) = batch
    save_weekly_report(
        wang.cadre.user,
        wang,
        week_start=D(2023, 9, 11),
        content="第二周",
        submit=True,
        now=at(D(2023, 9, 17)),
    )
    # Monday 18 September: the second week's report is due today.
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: D(2023, 9, 18))
    client = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    page = client.get(reverse("secondment:weekly-board", args=[program.code])).content.decode()
    not_filed = page.split('id="not-filed"')[1].split("</section>")[0]
    assert "学员2" in not_filed and "学员1" not in not_filed
    assert 'data-figure="missing">2<' in page  # the first week of both


def test_board_of_a_batch_long_over_lists_nobody_as_not_filing_this_week(batch, login):
    program, _ = batch
    client = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    page = client.get(reverse("secondment:weekly-board", args=[program.code])).content.decode()
    not_filed = page.split('id="not-filed"')[1].split("</section>")[0]
    assert "学员" not in not_filed
    assert "学习周报已全部到期（最后一期截止2023年9月18日）" in not_filed
    assert 'data-figure="missing">4<' in page  # the missing reports still count


def test_manager_reviews_and_leader_only_reads(batch, login):
    program, (wang, _) = batch
    report = save_weekly_report(
        wang.cadre.user, wang, week_start=START, content="体会", submit=True, now=at(START)
    )
    url = reverse("secondment:weekly-review", args=[program.code, report.pk])
    manager = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    manager.post(url, {"comment": "很好", "rating": "4"})
    report.refresh_from_db()
    assert (report.review_comment, report.rating) == ("很好", 4)
    leader_page = login(Role.LEADER).get(url).content.decode()
    assert "很好" in leader_page and "保存审阅意见" not in leader_page


def test_other_cadre_cannot_open_a_report(batch, login):
    program, (wang, li) = batch
    report = save_weekly_report(
        wang.cadre.user, wang, week_start=START, content="体会", submit=True, now=at(START)
    )
    client = login(li.cadre.user)
    assert client.get(reverse("secondment:weekly-review", args=[program.code, report.pk])).status_code == 404


def test_outputs_page_credits_co_authors_in_equal_shares(batch, login):
    program, (wang, li) = batch
    make_output(program, "调研报告", authors=[wang, li], characters=30_000)
    make_output(program, "咨政建议", kind="proposal", authors=[li], characters=5_000, adopted=True)
    page = login(Role.LEADER).get(reverse("secondment:outputs", args=[program.code])).content.decode()
    assert 'data-person="S001">15000<' in page
    assert 'data-person="S002">20000<' in page
    assert 'data-figure="adopted">1<' in page
