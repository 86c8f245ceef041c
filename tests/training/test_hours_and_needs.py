import datetime as dt
from decimal import Decimal

import pytest

from cadreforge.accounts.models import Role
from cadreforge.chains.services import get_or_create_chain
from cadreforge.core.errors import DomainError
from cadreforge.programs import services as programs
from cadreforge.secondment.services import assign_post
from cadreforge.training import services
from cadreforge.training.models import Attendance
from cadreforge.training.needs import recommend_courses
from cadreforge.training.selectors import study_hours

from ..builders import make_user


def test_a_completed_class_credits_its_hours_against_the_rank_requirement(course, participant):
    services.set_rank_requirement(None, "科员", Decimal("50"))
    services.enrol_participants(None, course)
    enrolment = course.enrolments.get()
    assert study_hours(participant.cadre, 2024)["total"] == 0
    services.complete_enrolment(None, enrolment)
    hours = study_hours(participant.cadre, 2024)
    assert (hours["classes"], hours["total"], hours["required"], hours["met"]) == (24, 24, 50, False)
    assert hours["remaining"] == 26
    assert study_hours(participant.cadre, 2023)["total"] == 0


def test_each_attended_lecture_credits_its_hours(program, participant):
    series = services.create_course(None, program, code="jiangtai", title="干部上讲台", mode="lecture")
    first = services.add_session(
        None, series, title="宏观经济形势", date=dt.date(2024, 5, 1), hours=Decimal("2"), kind="lecture",
        speaker="张教授", speaker_kind="theorist",
    )  # fmt: skip
    services.add_session(
        None, series, title="招商实务", date=dt.date(2024, 6, 1), hours=Decimal("2"), kind="lecture"
    )
    services.record_attendance(None, first, participant.cadre, method=Attendance.Method.QR)
    assert study_hours(participant.cadre, 2024)["lectures"] == 2


def test_classes_complete_by_attendance(course, participant):
    services.enrol_participants(None, course)
    sessions = [
        services.add_session(None, course, title=f"第{i}讲", date=dt.date(2024, 4, i)) for i in range(1, 6)
    ]
    for session in sessions[:3]:
        services.record_attendance(None, session, participant.cadre)
    assert services.complete_by_attendance(None, course) == 0  # 3 of 5 < 80%
    services.record_attendance(None, sessions[3], participant.cadre)
    assert services.complete_by_attendance(None, course) == 1


def test_signing_in_twice_keeps_one_record(course, participant):
    session = services.add_session(None, course, title="开班", date=dt.date(2024, 4, 1))
    services.record_attendance(None, session, participant.cadre)
    services.record_attendance(None, session, participant.cadre)
    assert session.attendances.count() == 1


def test_a_stranger_cannot_sign_in(course):
    from ..builders import make_participant, make_program

    stranger = make_participant(make_program("elsewhere"), "S1")
    session = services.add_session(None, course, title="开班", date=dt.date(2024, 4, 1))
    with pytest.raises(DomainError, match="不能签到"):
        services.record_attendance(None, session, stranger.cadre)


def test_recommendations_fill_what_the_post_needs_and_training_lacks(program, participant, course, manager):
    chain = get_or_create_chain("新能源")
    host = programs.get_or_create_host_unit(name="苏州工业园区", city="苏州")
    post = programs.create_post(None, program, code="G1", host=host, duties="负责营商环境优化和项目服务")
    post.chains.add(chain)
    assign_post(None, participant, post, start_date=dt.date(2024, 1, 1), end_date=None)
    energy = services.create_course(
        None, program, code="xny", title="新能源产业链专题", mode="classroom", track="新能源"
    )
    services.create_course(None, program, code="hy", title="海洋经济", mode="classroom", topics=["海洋经济"])

    result = recommend_courses(manager, participant.cadre)
    assert set(result["gaps"]) == {"新能源", "营商环境"}
    assert [r.course for r in result["courses"]] == [energy, course] or [
        r.course for r in result["courses"]
    ] == [
        course,
        energy,
    ]
    services.enrol_participants(None, course)
    services.complete_enrolment(None, course.enrolments.get())
    after = recommend_courses(manager, participant.cadre)
    assert after["covered"] == ["营商环境"]
    assert [r.course for r in after["courses"]] == [energy]


def test_a_manager_sees_only_courses_of_granted_programs(program, participant, course):
    outsider = make_user(Role.PROGRAM_MANAGER)
    assert recommend_courses(outsider, participant.cadre)["courses"] == []
