"""The database itself refuses bad program rows, even when a service is bypassed."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from cadreforge.programs.models import Batch, HostUnit, Participant, Post, Program
from tests.builders import make_participant, make_program


def _refused(create) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.mark.parametrize("code", ["Penglai-3360", "penglai 3360", "penglai_3360", "蓬莱", ""])
def test_a_program_code_outside_lowercase_digits_and_hyphens_is_refused(db, code):
    _refused(lambda: Program.objects.create(code=code, name="计划", kind=Program.Kind.SECONDMENT))


def test_an_unknown_program_kind_is_refused(db):
    _refused(lambda: Program.objects.create(code="p1", name="计划", kind="holiday"))


def test_a_well_formed_program_is_stored(db):
    Program.objects.create(code="penglai-3360", name="3360工程", kind=Program.Kind.SECONDMENT)
    assert Program.objects.filter(code="penglai-3360").exists()


def test_a_batch_number_is_unique_within_its_program(db):
    program = make_program("p1", batches=1)
    _refused(lambda: Batch.objects.create(program=program, number=1))
    other = make_program("p2", batches=1)
    assert other.batches.get().number == 1


def test_a_batch_number_zero_is_refused(db):
    program = make_program("p1", batches=0)
    _refused(lambda: Batch.objects.create(program=program, number=0))


def test_a_batch_ending_before_it_starts_is_refused(db):
    program = make_program("p1", batches=0)
    _refused(
        lambda: Batch.objects.create(
            program=program, number=1, start_date=dt.date(2024, 3, 1), end_date=dt.date(2024, 2, 28)
        )
    )


def test_a_batch_date_moved_before_its_start_by_a_bulk_update_is_refused(db):
    program = make_program("p1", batches=0)
    Batch.objects.create(program=program, number=1, start_date=dt.date(2024, 3, 1))
    _refused(lambda: Batch.objects.filter(program=program).update(end_date=dt.date(2024, 1, 1)))


def test_a_participant_code_is_unique_within_its_program(db):
    program = make_program("p1")
    first = make_participant(program, "P001")
    second = make_participant(program, "P002")
    _refused(lambda: Participant.objects.filter(pk=second.pk).update(code=first.code))


def test_the_same_participant_code_may_be_used_in_another_program(db):
    make_participant(make_program("p1"), "P001")
    make_participant(make_program("p2"), "P001")
    assert Participant.objects.filter(code="P001").count() == 2


def test_a_post_needs_at_least_one_place(db):
    program = make_program("p1")
    host = HostUnit.objects.create(name="宜兴经开区", city="无锡")
    _refused(lambda: Post.objects.create(program=program, code="G1", host=host, capacity=0))
    post = Post.objects.create(program=program, code="G1", host=host, capacity=1)
    _refused(lambda: Post.objects.filter(pk=post.pk).update(capacity=0))


def test_a_host_unit_name_is_unique_in_its_city_across_scripts(db):
    HostUnit.objects.create(name="蘇州工業園區", city="苏州")
    _refused(lambda: HostUnit.objects.create(name="苏州工业园区", city="苏州"))
