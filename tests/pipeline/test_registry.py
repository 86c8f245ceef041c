"""The enterprise registry: normalised keys, duplicate suggestions, merge and undo."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cadreforge.accounts.models import Role
from cadreforge.audit.models import AuditEntry
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.core.text import name_key, to_simplified
from cadreforge.core.validators import uscc_check_character
from cadreforge.pipeline import registry
from cadreforge.pipeline.dedup import Name, find_candidates
from cadreforge.pipeline.models import Enterprise, Lead, Project, Visit
from cadreforge.pipeline.normalise import alias_key
from cadreforge.pipeline.services import get_or_create_enterprise
from tests.builders import make_lead, make_participant, make_program, make_project, make_user, make_visit

D = dt.date
TRADITIONAL = "龍華電實業興業發展環保醫藥鋼鐵藝術機械網絡資訊農業"
SUFFIXES = ["", "有限公司", "股份有限公司", "有限責任公司", " Co., Ltd."]


def _uscc(first17: str) -> str:
    return first17 + uscc_check_character(first17)


@settings(max_examples=60, deadline=None)
@given(
    core=st.text(alphabet=TRADITIONAL, min_size=3, max_size=8),
    suffix=st.sampled_from(SUFFIXES),
    spaced=st.booleans(),
)
def test_traditional_suffix_and_spacing_variants_share_one_key(core, suffix, spaced):
    typed = (" ".join(core) if spaced else core) + suffix
    assert name_key(typed) == name_key(to_simplified(core))


@pytest.mark.parametrize(
    ("typed", "alias"),
    [
        ("杭州娃哈哈集团有限公司", "娃哈哈集团"),
        ("浙江省杭州娃哈哈集团", "娃哈哈集团"),
        ("娃哈哈集团（杭州）有限公司", "娃哈哈集团"),
        ("南京银行", "南京银行"),  # too little would be left
    ],
)
def test_region_words_are_stripped_in_the_secondary_key(typed, alias):
    assert alias_key(name_key(typed)) == alias


@settings(max_examples=60, deadline=None)
@given(
    core=st.text(alphabet="天合光能科技新材料智造华东星辰远航", min_size=5, max_size=12),
    position=st.integers(min_value=0, max_value=11),
)
def test_a_one_character_variant_is_suggested_wherever_the_change_is(core, position):
    position %= len(core)
    replacement = "鑫" if core[position] != "鑫" else "淼"
    variant = core[:position] + replacement + core[position + 1 :]
    found = find_candidates([Name(1, core, core), Name(2, variant, variant)])
    assert [(c.a, c.b) for c in found] == [(1, 2)]


def test_names_with_different_credit_codes_are_never_suggested():
    found = find_candidates(
        [Name(1, "天合光能淮安", "天合光能", "A"), Name(2, "天合光能常州", "天合光能", "B")]
    )
    assert found == []


def test_different_enterprises_are_not_suggested():
    names = ["天合光能", "隆基绿能", "宁德时代", "比亚迪股份"]
    assert find_candidates([Name(i, n, n) for i, n in enumerate(names)]) == []


@pytest.fixture
def records(db):
    program = make_program("p1")
    wang = make_participant(program, "P001")
    li = make_participant(program, "P002")
    make_visit(wang, "杭州娃哈哈集团有限公司", D(2024, 3, 1))
    make_visit(wang, "娃哈哈集团", D(2024, 3, 1))  # the same visit under the other name
    make_visit(li, "娃哈哈集团", D(2024, 3, 2))
    make_lead(li, "娃哈哈集团", "L1")
    make_project(program, "X1", investor="娃哈哈集团")
    return program


def test_the_registry_suggests_the_two_names_of_one_enterprise(records):
    suggestions = registry.duplicate_suggestions()
    assert [{s["a"].name, s["b"].name} for s in suggestions] == [{"杭州娃哈哈集团有限公司", "娃哈哈集团"}]


def test_merging_moves_every_record_and_undoing_puts_them_back(records):
    kept = Enterprise.objects.get(name="杭州娃哈哈集团有限公司")
    dup = Enterprise.objects.get(name="娃哈哈集团")
    merge = registry.merge_enterprises(None, kept, dup)
    assert Visit.objects.filter(enterprise=kept).count() == 2  # two cadres' visits; the same-day one once
    assert Visit.objects.filter(enterprise=dup).count() == 0
    assert Lead.objects.get(code="L1").enterprise == kept
    assert Project.objects.get(code="X1").investor == kept
    assert registry.duplicate_suggestions() == []
    assert get_or_create_enterprise("娃哈哈集团") == kept  # new records go to the enterprise kept
    assert AuditEntry.objects.filter(action="enterprise.merge").count() == 1

    registry.undo_merge(None, merge)
    assert Visit.objects.filter(enterprise=kept).count() == 1
    assert Visit.objects.filter(enterprise=dup).count() == 2
    assert Lead.objects.get(code="L1").enterprise == dup
    assert Project.objects.get(code="X1").investor == dup
    dup.refresh_from_db()
    assert dup.merged_into is None
    with pytest.raises(DomainError, match="已撤销"):
        registry.undo_merge(None, merge)


def test_a_manager_cannot_merge_enterprises_of_a_program_not_granted(records):
    manager = make_user(Role.PROGRAM_MANAGER, programs_granted=[make_program("p2")])
    kept = Enterprise.objects.get(name="杭州娃哈哈集团有限公司")
    dup = Enterprise.objects.get(name="娃哈哈集团")
    with pytest.raises(PermissionDenied, match="p1"):
        registry.merge_enterprises(manager, kept, dup)
    assert Visit.objects.filter(enterprise=dup).count() == 2


def test_enterprises_with_different_credit_codes_cannot_be_merged(db):
    a = get_or_create_enterprise("天合光能(淮安)有限公司", uscc=_uscc("91320800MA1MFUBE3"))
    b = get_or_create_enterprise("天合光能股份有限公司", uscc=_uscc("91320400720627545"))
    with pytest.raises(DomainError, match="统一社会信用代码不同"):
        registry.merge_enterprises(None, a, b)
