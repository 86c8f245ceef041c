"""The demo's generators are deterministic and produce valid, distinct values (no database needed)."""

import datetime as dt

from cadreforge.core.text import name_key
from cadreforge.core.validators import validate_id_number, validate_mobile
from cadreforge.exchange.demo.common import (
    EnterpriseNamer,
    NameMaker,
    batch_status_on,
    id_number,
    mobile,
    rank_of,
    seeded,
    split_total,
)


def test_the_same_program_code_generates_the_same_names_every_run():
    first, second = NameMaker(seeded("penglai-3360")), NameMaker(seeded("penglai-3360"))
    assert [first.next() for _ in range(50)] == [second.next() for _ in range(50)]
    assert NameMaker(seeded("other")).next() != NameMaker(seeded("penglai-3360")).next()


def test_names_never_repeat_and_never_take_a_named_persons_name():
    maker = NameMaker(seeded("x"), reserved={"邢晓东"})
    names = [maker.next()[0] for _ in range(700)]
    assert len(set(names)) == 700 and "邢晓东" not in names


def test_enterprise_names_are_distinct_by_the_database_key():
    namer = EnterpriseNamer(seeded("penglai-3360"))
    names = [namer.next("苏州") for _ in range(1873)]
    assert len({name_key(n) for n in names}) == 1873
    assert all(n.startswith("苏州") and n.endswith("公司") for n in names)


def test_generated_id_numbers_and_mobiles_are_valid():
    rng = seeded("ids")
    for gender in ("M", "F") * 50:
        number = id_number(rng, "370684", dt.date(1985, 6, 1), gender)
        assert validate_id_number(number) == number
        assert int(number[16]) % 2 == (1 if gender == "M" else 0)
        assert validate_mobile(mobile(rng))


def test_split_total_sums_exactly():
    sizes = split_total(seeded("s"), 1873, 20)
    assert sum(sizes) == 1873 and len(sizes) == 20 and min(sizes) > 0


def test_rank_follows_the_position():
    assert [rank_of(p) for p in ("招商一科科长", "招商局副局长", "招商专员")] == ["正科级", "副科级", "科员"]


def test_a_batch_status_follows_its_dates_on_the_load_day():
    today, D = dt.date(2026, 11, 23), dt.date
    assert batch_status_on(today, D(2024, 10, 18), D(2025, 10, 17), "ongoing") == "completed"
    assert batch_status_on(today, D(2026, 6, 1), D(2027, 6, 1), "planned") == "ongoing"
    assert batch_status_on(today, D(2022, 1, 1), None, "ongoing") == "ongoing"
    assert batch_status_on(today, D(2027, 3, 1), D(2027, 6, 1), "ongoing") == "planned"
    assert batch_status_on(today, D(2027, 3, 1), None, "selecting") == "selecting"
    assert batch_status_on(today, None, None, "selecting") == "selecting"
