"""Assigning cadres to posts: a post has a number of places, a cadre holds one post at a time."""

import datetime as dt

import pytest

from cadreforge.core.errors import DomainError
from cadreforge.programs import services as programs
from cadreforge.secondment.models import Assignment
from cadreforge.secondment.services import assign_post
from tests.builders import make_participant, make_program

D = dt.date


@pytest.fixture
def program(db):
    return make_program("p1", batches=2)


def _post(program, code: str, capacity: int = 1):
    host = programs.get_or_create_host_unit(name=f"{code}园区", city="苏州")
    return programs.create_post(None, program, code=code, host=host, capacity=capacity)


def test_a_full_post_refuses_another_cadre_over_the_same_time(program):
    post = _post(program, "G1")
    assign_post(None, make_participant(program, "P1"), post, start_date=D(2024, 3, 1), end_date=D(2024, 6, 1))
    with pytest.raises(DomainError, match="岗位“G1”名额已满（1人）"):
        assign_post(None, make_participant(program, "P2"), post, start_date=D(2024, 5, 1))
    assert Assignment.objects.count() == 1


def test_a_post_with_two_places_takes_two_cadres(program):
    post = _post(program, "G1", capacity=2)
    assign_post(None, make_participant(program, "P1"), post)
    assign_post(None, make_participant(program, "P2"), post)
    with pytest.raises(DomainError, match="名额已满"):
        assign_post(None, make_participant(program, "P3"), post)


def test_a_post_held_in_turn_by_successive_batches_is_not_full(program):
    post = _post(program, "G1")
    first = make_participant(program, "P1", batch=1)
    second = make_participant(program, "P2", batch=2)
    assign_post(None, first, post, start_date=D(2023, 3, 1), end_date=D(2024, 2, 28))
    assign_post(None, second, post, start_date=D(2024, 3, 1), end_date=D(2025, 2, 28))
    assert post.assignments.count() == 2


def test_a_cadre_cannot_hold_a_second_post_over_the_same_time(program):
    wang = make_participant(program, "P1")
    assign_post(None, wang, _post(program, "G1"), start_date=D(2024, 3, 1), end_date=D(2024, 6, 30))
    with pytest.raises(DomainError, match="同一时间只能派驻一个岗位（已派驻G1）"):
        assign_post(None, wang, _post(program, "G2"), start_date=D(2024, 6, 1))


def test_a_cadre_may_move_to_another_post_after_the_first_ends(program):
    wang = make_participant(program, "P1")
    assign_post(None, wang, _post(program, "G1"), start_date=D(2024, 3, 1), end_date=D(2024, 5, 31))
    assign_post(None, wang, _post(program, "G2"), start_date=D(2024, 6, 1))
    assert wang.assignments.count() == 2


def test_reassigning_the_same_post_updates_its_dates(program):
    wang = make_participant(program, "P1")
    post = _post(program, "G1")
    assign_post(None, wang, post, start_date=D(2024, 3, 1))
    assign_post(None, wang, post, start_date=D(2024, 3, 1), end_date=D(2024, 6, 1))
    assert Assignment.objects.get().end_date == D(2024, 6, 1)


def test_a_post_of_another_program_is_refused(program):
    other = make_program("p2")
    with pytest.raises(DomainError, match="岗位与干部不属于同一计划"):
        assign_post(None, make_participant(program, "P1"), _post(other, "G1"))


def test_an_assignment_ending_before_it_starts_is_refused(program):
    with pytest.raises(DomainError, match="派驻结束日期早于开始日期"):
        assign_post(
            None,
            make_participant(program, "P1"),
            _post(program, "G1"),
            start_date=D(2024, 3, 1),
            end_date=D(2024, 1, 1),
        )
