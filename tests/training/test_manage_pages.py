"""Managers' pages that build training: courses, sessions, enrolment, attendance, camp platform items and the
study-hour requirements. Each form: valid input writes (audited), invalid input shows a Chinese message
and writes nothing, a program out of scope is a 404, a cadre is refused."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from cadreforge.accounts.models import Role
from cadreforge.audit.models import AuditEntry
from cadreforge.training import lessons, services
from cadreforge.training.models import Attendance, Course, Enrolment, PlatformItem, RankRequirement, Session

from ..builders import make_participant, make_program, make_user


@pytest.fixture
def outsider(db):
    """A program manager of another program."""
    return make_user(Role.PROGRAM_MANAGER, programs_granted=[make_program("other-program")])


COURSE = {
    "code": "zhaoshang",
    "title": "招商引资实务班",
    "institution": "上海交通大学",
    "mode": "classroom",
    "track": "数字经济",
    "hours": "16",
    "topics": "招商引资、产业链",
    "start_date": "2024-05-06",
    "end_date": "2024-05-08",
    "description": "",
}


def test_a_manager_creates_a_course_with_topics_and_it_is_audited(login, manager, program):
    response = login(manager).post(reverse("training:course-new", args=[program.code]), COURSE)
    course = Course.objects.get(program=program, code="zhaoshang")
    assert response.status_code == 302 and response["Location"] == reverse(
        "training:course", args=[course.pk]
    )
    assert course.institution == "上海交通大学" and course.hours == Decimal("16")
    assert course.topics == ["招商引资", "产业链"] and course.track == "数字经济"
    assert AuditEntry.objects.filter(action="course.create", actor=manager).exists()


def test_a_course_ending_before_it_starts_is_refused_with_a_message(login, manager, program):
    response = login(manager).post(
        reverse("training:course-new", args=[program.code]), {**COURSE, "end_date": "2024-05-01"}
    )
    assert response.status_code == 400
    assert "结束日期不能早于开始日期" in response.content.decode()
    assert not Course.objects.filter(code="zhaoshang").exists()


def test_a_course_code_with_chinese_is_refused_naming_the_field_and_what_it_may_hold(login, manager, program):
    response = login(manager).post(
        reverse("training:course-new", args=[program.code]), {**COURSE, "code": "招商 2024"}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "课程编号只能由英文字母、数字、连字符" in page
    assert "有效“字段”" not in page and not Course.objects.exists()


def test_a_duplicate_course_code_is_refused(login, manager, program, course):
    response = login(manager).post(
        reverse("training:course-new", args=[program.code]), {**COURSE, "code": course.code}
    )
    assert "本计划已有课程编号“yingshang”" in response.content.decode()
    assert Course.objects.filter(program=program).count() == 1


def test_course_pages_are_404_out_of_scope_and_refused_to_a_cadre(
    login, outsider, cadre_user, participant, course
):
    other = login(outsider)
    assert other.get(reverse("training:course-new", args=[course.program.code])).status_code == 404
    assert other.post(reverse("training:course-edit", args=[course.pk]), COURSE).status_code == 404
    cadre = login(cadre_user)
    assert cadre.get(reverse("training:course-new", args=[course.program.code])).status_code == 403
    assert cadre.post(reverse("training:course-edit", args=[course.pk]), COURSE).status_code == 403
    assert Course.objects.count() == 1 and Course.objects.get().title == "优化营商环境专题班"


def test_a_manager_edits_a_course_but_not_its_code(login, manager, course):
    data = {**COURSE, "code": "changed", "mode": "forum", "hours": "30"}
    response = login(manager).post(reverse("training:course-edit", args=[course.pk]), data)
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.code == "yingshang" and course.mode == "forum" and course.hours == Decimal("30")
    entry = AuditEntry.objects.get(action="course.update")
    assert entry.changes["mode"] == ["classroom", "forum"]


def test_an_online_course_with_videos_cannot_turn_into_a_class(login, manager, program):
    from django.core.files.base import ContentFile

    from cadreforge.training.media import tiny_webm

    online = services.create_course(None, program, code="cloud", title="云课堂", mode="online")
    lessons.upload_video(
        None, online, title="一", file=ContentFile(tiny_webm(2), name="a.webm"), content_type="video/webm",
        duration_seconds=2,
    )  # fmt: skip
    response = login(manager).post(
        reverse("training:course-edit", args=[online.pk]), {**COURSE, "title": "云课堂", "mode": "classroom"}
    )
    assert "已有视频课，不能改为非线上形式" in response.content.decode()
    online.refresh_from_db()
    assert online.mode == "online"


SESSION = {
    "kind": "site_visit",
    "title": "参观临港新片区",
    "date": "2024-04-02",
    "place": "上海临港",
    "hours": "4",
    "speaker": "",
    "speaker_kind": "",
}


def test_a_manager_adds_an_itinerary_stop_and_a_lecture_with_its_speaker(login, manager, course):
    client = login(manager)
    url = reverse("training:session-new", args=[course.pk])
    assert client.post(url, SESSION).status_code == 302
    lecture = {**SESSION, "kind": "lecture", "title": "产业链招商", "place": "", "speaker": "王教授"}
    assert client.post(url, {**lecture, "speaker_kind": "theorist", "date": "2024-04-03"}).status_code == 302
    stop, talk = course.sessions.order_by("number")
    assert (stop.number, stop.kind, stop.place, stop.hours) == (1, "site_visit", "上海临港", Decimal("4"))
    assert (talk.number, talk.speaker, talk.speaker_kind) == (2, "王教授", "theorist")
    assert AuditEntry.objects.filter(action="session.create").count() == 2


def test_a_session_outside_the_course_dates_or_a_stop_without_place_is_refused(login, manager, course):
    client = login(manager)
    url = reverse("training:session-new", args=[course.pk])
    late = client.post(url, {**SESSION, "date": "2024-06-01"})
    assert "日期不在课程的起止日期内" in late.content.decode()
    nowhere = client.post(url, {**SESSION, "place": ""})
    assert "现场考察须填写考察地点" in nowhere.content.decode()
    assert not Session.objects.exists()


def test_session_pages_are_404_out_of_scope_and_refused_to_a_cadre(
    login, outsider, cadre_user, participant, course
):
    url = reverse("training:session-new", args=[course.pk])
    assert login(outsider).post(url, SESSION).status_code == 404
    assert login(cadre_user).post(url, SESSION).status_code == 403
    assert not Session.objects.exists()


def test_a_manager_enrols_chosen_cadres_of_the_program(login, manager, program, course, participant):
    second = make_participant(program, "PX-002", name="林晓")
    client = login(manager)
    page = client.get(reverse("training:course-enrol", args=[course.pk])).content.decode()
    assert "徐鹏飞" in page and "林晓" in page
    response = client.post(reverse("training:course-enrol", args=[course.pk]), {"cadres": [second.cadre.pk]})
    assert response.status_code == 302
    assert list(course.enrolments.values_list("cadre__name", flat=True)) == ["林晓"]
    assert AuditEntry.objects.filter(action="course.enrol").exists()


def test_enrolling_nobody_or_a_cadre_of_another_program_writes_nothing(login, manager, course, participant):
    stranger = make_participant(make_program("elsewhere"), "Q1", name="外人")
    client = login(manager)
    url = reverse("training:course-enrol", args=[course.pk])
    assert "请至少选择一名干部" in client.post(url, {}).content.decode()
    assert client.post(url, {"cadres": [stranger.cadre.pk]}).status_code == 400
    assert not Enrolment.objects.exists()


def test_enrol_page_is_404_out_of_scope_and_refused_to_a_cadre(
    login, outsider, cadre_user, participant, course
):
    url = reverse("training:course-enrol", args=[course.pk])
    assert login(outsider).post(url, {"cadres": [participant.cadre.pk]}).status_code == 404
    assert login(cadre_user).post(url, {"cadres": [participant.cadre.pk]}).status_code == 403
    assert not Enrolment.objects.exists()


@pytest.fixture
def session(course):
    return services.add_session(None, course, title="开班", date=dt.date(2024, 4, 1), hours=Decimal("4"))


def test_a_manager_records_attendance_and_the_page_lists_who_signed(
    login, manager, program, session, participant
):
    second = make_participant(program, "PX-002", name="林晓")
    client = login(manager)
    url = reverse("training:session-attendance", args=[session.pk])
    assert client.post(url, {"cadres": [participant.cadre.pk, second.cadre.pk]}).status_code == 302
    rows = Attendance.objects.filter(session=session)
    assert rows.count() == 2 and set(rows.values_list("method", flat=True)) == {"manual"}
    page = client.get(url).content.decode()
    assert "徐鹏飞（管理员登记）" in page and "所有学员均已签到" in page


def test_attendance_of_nobody_is_refused_with_a_message(login, manager, session, participant):
    response = login(manager).post(reverse("training:session-attendance", args=[session.pk]), {})
    assert response.status_code == 400 and "请至少选择一名出席干部" in response.content.decode()
    assert not Attendance.objects.exists()


def test_attendance_page_is_404_out_of_scope_and_refused_to_a_cadre(
    login, outsider, cadre_user, participant, session
):
    url = reverse("training:session-attendance", args=[session.pk])
    assert login(outsider).post(url, {"cadres": [participant.cadre.pk]}).status_code == 404
    assert login(cadre_user).post(url, {"cadres": [participant.cadre.pk]}).status_code == 403
    assert not Attendance.objects.exists()


PLATFORM = {
    "platform": "journal",
    "title": "潮闻第3期",
    "date": "2024-06-30",
    "issue": "3",
    "track": "数字经济",
}


def test_a_manager_records_a_journal_issue_with_its_members(login, manager, program, participant):
    response = login(manager).post(
        reverse("training:platform-new", args=[program.code]), {**PLATFORM, "members": [participant.cadre.pk]}
    )
    assert response.status_code == 302
    item = PlatformItem.objects.get()
    assert (item.platform, item.issue, item.track) == ("journal", 3, "数字经济")
    assert list(item.members.values_list("name", flat=True)) == ["徐鹏飞"]
    page = login(manager).get(reverse("training:program", args=[program.code])).content.decode()
    assert "潮闻第3期" in page


def test_a_journal_issue_without_its_number_is_refused(login, manager, program):
    response = login(manager).post(
        reverse("training:platform-new", args=[program.code]), {**PLATFORM, "issue": ""}
    )
    assert "刊物（潮闻）须填写期号" in response.content.decode()
    assert not PlatformItem.objects.exists()


def test_platform_page_is_404_out_of_scope_and_refused_to_a_cadre(
    login, outsider, cadre_user, participant, program
):
    url = reverse("training:platform-new", args=[program.code])
    assert login(outsider).post(url, PLATFORM).status_code == 404
    assert login(cadre_user).post(url, PLATFORM).status_code == 403
    assert not PlatformItem.objects.exists()


def test_the_system_admin_sets_a_rank_requirement(login):
    client = login(Role.SYSTEM_ADMIN)
    response = client.post(reverse("training:requirements"), {"rank": "科员", "annual_hours": "50"})
    assert response.status_code == 302
    assert RankRequirement.objects.get(rank="科员").annual_hours == Decimal("50")
    assert "科员：50.0 学时/年" in client.get(reverse("training:requirements")).content.decode()


def test_a_negative_requirement_is_refused(login):
    response = login(Role.SYSTEM_ADMIN).post(
        reverse("training:requirements"), {"rank": "科员", "annual_hours": "-1"}
    )
    assert response.status_code == 400 and "确保该值大于或等于0" in response.content.decode()
    assert not RankRequirement.objects.exists()


def test_only_the_system_admin_may_set_requirements(login, manager, cadre_user):
    for client in (login(manager), login(cadre_user), login(Role.LEADER)):
        assert (
            client.post(reverse("training:requirements"), {"rank": "科员", "annual_hours": "50"}).status_code
            == 403
        )
    assert not RankRequirement.objects.exists()


def test_the_course_page_offers_the_manager_links_but_not_a_reader(login, manager, course):
    html = login(manager).get(reverse("training:course", args=[course.pk])).content.decode()
    for name in ("course-edit", "session-new", "course-enrol"):
        assert reverse(f"training:{name}", args=[course.pk]) in html
    reader = login(Role.LEADER).get(reverse("training:course", args=[course.pk])).content.decode()
    assert reverse("training:course-edit", args=[course.pk]) not in reader


def test_management_pages_have_no_inline_script(login, manager, program, course, session, participant):
    client = login(manager)
    for url in (
        reverse("training:course-new", args=[program.code]),
        reverse("training:session-new", args=[course.pk]),
        reverse("training:course-enrol", args=[course.pk]),
        reverse("training:session-attendance", args=[session.pk]),
        reverse("training:platform-new", args=[program.code]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<script>" not in response.content.decode()
