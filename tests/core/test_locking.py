"""The optimistic-locking helper: a save from an older version is refused and changes nothing."""

import pytest

from cadreforge.core.errors import DomainError
from cadreforge.core.locking import StaleEdit, claim_version, parse_version
from cadreforge.programs.models import Program

from ..builders import make_program


def test_claiming_the_current_version_increments_it(db):
    program = make_program("penglai-3360")
    assert program.version == 1
    assert claim_version(program, 1, "计划") == 2
    assert Program.objects.get(pk=program.pk).version == 2


def test_claiming_without_a_version_still_increments(db):
    program = make_program("penglai-3360")
    claim_version(program, None, "计划")
    assert Program.objects.get(pk=program.pk).version == 2


def test_two_editors_of_the_same_version_cannot_both_claim_it(db):
    program = make_program("penglai-3360")
    first, second = Program.objects.get(pk=program.pk), Program.objects.get(pk=program.pk)
    claim_version(first, 1, "计划“蓬莱”")
    with pytest.raises(
        StaleEdit, match="计划“蓬莱”已被他人修改（您编辑的是第1版，当前为第2版），请刷新后再试"
    ):
        claim_version(second, 1, "计划“蓬莱”")
    assert Program.objects.get(pk=program.pk).version == 2
    assert second.version == 1


@pytest.mark.parametrize("raw, expected", [(None, None), ("", None), ("3", 3), (7, 7)])
def test_a_sent_version_is_read_as_a_positive_integer(raw, expected):
    assert parse_version(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "0", "-2", "1.5"])
def test_a_malformed_version_is_refused_in_chinese(raw):
    with pytest.raises(DomainError, match="版本号"):
        parse_version(raw)
