"""The bulk write path of a big ledger (several rows per INSERT statement, new visits' ids in date order,
links inserted apart): what a user sees must not depend on how the rows were batched."""

import pytest
from django.db import connection

from cadreforge.exchange.ledger import bulk, upsert
from cadreforge.exchange.ledger.importer import import_ledger
from cadreforge.pipeline.models import Visit
from cadreforge.programs.models import Program

from .test_ledger_support import good_sheets, write_book


@pytest.fixture
def small_statements(monkeypatch):
    """Two rows per INSERT statement, so even a small ledger is written in several statements and a short
    last one."""
    monkeypatch.setattr(bulk, "CHUNK", 2)


def visits_sheet() -> list[list]:
    return [
        ["走访日期", "干部编号", "企业名称", "产业链"],
        ["2024-03-07", "C002", "深圳华强电子有限公司", "高端装备"],
        ["2024-03-05", "C001", "大莊竹業集團有限公司", "新材料、高端装备"],
        ["2024-03-07", "C001", "华为技术有限公司", None],
        ["2024-03-06", "C002", "大庄竹业集团", "新材料"],
        ["2024-03-07", "C002", "比亚迪股份有限公司", "新材料"],
    ]


def visits_as_listed() -> list[tuple]:
    rows = Visit.objects.filter(program__code="penglai-3360").prefetch_related("chains")
    return [
        (str(v.date), v.participant.code, v.enterprise.name, sorted(c.name for c in v.chains.all()))
        for v in rows
    ]


def test_visits_written_in_several_statements_keep_their_chains_and_list_in_workbook_order(
    db, tmp_path, small_statements
):
    sheets = good_sheets()
    sheets["走访"] = visits_sheet()
    result = import_ledger(None, write_book(tmp_path / "a.xlsx", sheets))
    assert result.counts["走访"].created == 5
    # Newest day first; within a day in the order of the workbook's rows.
    assert visits_as_listed() == [
        ("2024-03-07", "C002", "深圳华强电子有限公司", ["高端装备"]),
        ("2024-03-07", "C001", "华为技术有限公司", []),
        ("2024-03-07", "C002", "比亚迪股份有限公司", ["新材料"]),
        ("2024-03-06", "C002", "大莊竹業集團有限公司", ["新材料"]),
        ("2024-03-05", "C001", "大莊竹業集團有限公司", ["新材料", "高端装备"]),
    ]


def test_reimporting_with_one_chain_changed_updates_only_that_visit(db, tmp_path, small_statements):
    sheets = good_sheets()
    sheets["走访"] = visits_sheet()
    import_ledger(None, write_book(tmp_path / "a.xlsx", sheets))
    sheets["走访"][3][3] = "数字经济"
    result = import_ledger(None, write_book(tmp_path / "b.xlsx", sheets))
    counts = result.counts["走访"]
    assert (counts.created, counts.updated, counts.unchanged) == (0, 1, 4)
    assert ("2024-03-07", "C001", "华为技术有限公司", ["数字经济"]) in visits_as_listed()
    assert len(visits_as_listed()) == 5


def test_a_failure_while_writing_the_links_leaves_nothing_written(
    db, tmp_path, small_statements, monkeypatch
):
    def broken(model, name, pairs):
        raise RuntimeError("写入中断")

    monkeypatch.setattr(upsert, "insert_links", broken)
    sheets = good_sheets()
    sheets["走访"] = visits_sheet()
    with pytest.raises(RuntimeError):
        import_ledger(None, write_book(tmp_path / "a.xlsx", sheets))
    assert not Program.objects.exists()
    assert not Visit.objects.exists()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's connection settings")
def test_an_import_outside_a_transaction_leaves_the_connection_settings_as_they_were(
    transactional_db, tmp_path
):
    def settings() -> tuple:
        with connection.cursor() as cursor:
            return tuple(
                cursor.execute(f"PRAGMA {name}").fetchone()[0] for name in ("cache_size", "temp_store")
            )

    before = settings()
    sheets = good_sheets()
    sheets["走访"] = visits_sheet()
    import_ledger(None, write_book(tmp_path / "a.xlsx", sheets))
    assert Visit.objects.count() == 5
    assert settings() == before
