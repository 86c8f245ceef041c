"""Importing ledger workbooks: all or nothing, every problem listed as `sheet!column row: message`,
idempotent, Traditional/Simplified/suffix variants of an enterprise are one enterprise, round trip."""

import pytest
from django.core.management import call_command

from cadreforge.audit.models import AuditEntry
from cadreforge.core.errors import PermissionDenied, ValidationFailed
from cadreforge.exchange.ledger.exporter import write_export
from cadreforge.exchange.ledger.importer import import_ledger
from cadreforge.pipeline.models import Enterprise, Lead, Project, ProjectStage, Visit
from cadreforge.pipeline.normalise import alias_key
from cadreforge.pipeline.registry import merge_enterprises
from cadreforge.pipeline.services import get_or_create_enterprise
from cadreforge.programs.models import Participant, Program
from cadreforge.reports.selectors import get_funnel
from cadreforge.secondment.models import Assignment

from ..builders import make_user
from .test_ledger_support import good_sheets, write_book

MODELS = [Program, Participant, Assignment, Visit, Lead, Project, ProjectStage, Enterprise]


def problems_of(path) -> list[str]:
    with pytest.raises(ValidationFailed) as info:
        import_ledger(None, path)
    return [str(p) for p in info.value.problems]


def snapshot() -> dict:
    return {
        m.__name__: sorted(m.objects.values_list("pk", *(["updated_at"] if hasattr(m, "updated_at") else [])))
        for m in MODELS
    }


def test_a_good_ledger_is_imported_with_counts_per_sheet(db, tmp_path):
    result = import_ledger(None, write_book(tmp_path / "a.xlsx", good_sheets()))
    assert result.counts["走访"].created == 3
    assert result.counts["干部"].created == 2
    funnel = get_funnel(Program.objects.get(code="penglai-3360"))
    assert funnel["visits"] == 3
    assert funnel["enterprises_visited"] == 2  # 大莊竹業集團有限公司 = 大庄竹业集团
    assert funnel["reached"] == {"inspection": 2, "intent": 1, "signed": 1, "started": 0, "landed": 0}
    assert funnel["amount_yuan"]["signed"] == "300005000.00"
    assert Lead.objects.get(code="L1").expected_amount_yuan == 1000
    assert str(Lead.objects.get(code="L2").expected_amount_yuan) == "123456.78"
    assert Lead.objects.get(code="L2").valuable is False


def test_traditional_simplified_and_suffix_variants_are_one_enterprise(db, tmp_path):
    sheets = good_sheets()
    sheets["走访"].append(["2024-03-09", "C001", "大庄竹业集团股份有限公司", None])
    import_ledger(None, write_book(tmp_path / "a.xlsx", sheets))
    assert Enterprise.objects.filter(name_key="大庄竹业集团").count() == 1
    assert Enterprise.objects.count() == 2


def test_imported_enterprises_get_the_same_keys_as_entered_ones(db, tmp_path):
    import_ledger(None, write_book(tmp_path / "a.xlsx", good_sheets()))
    for enterprise in Enterprise.objects.all():
        assert enterprise.alias_key == alias_key(enterprise.name_key) != ""


def test_a_merged_enterprise_s_records_go_to_the_enterprise_kept(db, tmp_path):
    kept = get_or_create_enterprise("华强电子（深圳）股份有限公司")
    merged = get_or_create_enterprise("深圳华强电子有限公司")
    merge_enterprises(None, kept, merged)
    import_ledger(None, write_book(tmp_path / "a.xlsx", good_sheets()))
    assert Visit.objects.get(date="2024-03-07").enterprise == kept
    assert Lead.objects.get(code="L2").enterprise == kept
    assert not Visit.objects.filter(enterprise=merged).exists()


def test_importing_the_same_file_twice_changes_nothing(db, tmp_path):
    path = write_book(tmp_path / "a.xlsx", good_sheets())
    import_ledger(None, path)
    before, audits = snapshot(), AuditEntry.objects.count()
    result = import_ledger(None, path)
    assert snapshot() == before
    assert all(c.created == 0 and c.updated == 0 for c in result.counts.values())
    assert AuditEntry.objects.count() == audits + 1  # one summary entry for the run
    assert AuditEntry.objects.last().action == "ledger.import"


def test_a_changed_cell_updates_only_that_row(db, tmp_path):
    import_ledger(None, write_book(tmp_path / "a.xlsx", good_sheets()))
    sheets = good_sheets()
    sheets["线索"][1][5] = "否"
    result = import_ledger(None, write_book(tmp_path / "b.xlsx", sheets))
    assert (result.counts["线索"].updated, result.counts["线索"].unchanged) == (1, 1)
    assert Lead.objects.get(code="L1").valuable is False


def test_dry_run_writes_nothing(db, tmp_path):
    result = import_ledger(None, write_book(tmp_path / "a.xlsx", good_sheets()), dry_run=True)
    assert result.counts["走访"].created == 3
    assert not Program.objects.exists() and not Visit.objects.exists() and not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("sheet", "row", "col", "value", "expected"),
    [
        (
            "走访",
            1,
            0,
            "2024/03/05",
            "走访!走访日期 2: 日期“2024/03/05”格式不正确，应为YYYY-MM-DD、YYYY年M月D日或Excel日期",
        ),
        ("干部", 1, 4, "110105194912310021", "干部!身份证号 2: 身份证号校验码不正确"),
        ("干部", 1, 5, "12345", "干部!手机号 2: 手机号应为11位中国大陆手机号码（以13-19开头）"),
        ("走访", 1, 1, "C999", "走访!干部编号 2: 干部编号“C999”未在干部工作表中定义"),
        ("派驻", 1, 1, "G9", "派驻!岗位编号 2: 岗位编号“G9”未在岗位工作表中定义"),
        ("项目", 1, 3, "L9", "项目!来源线索编号 2: 线索编号“L9”未在线索工作表中定义"),
        ("项目", 1, 7, "2024-05-01", "项目!签约日期 2: 签约日期（2024-04-01）早于考察日期（2024-05-01）"),
        ("项目", 2, 8, "2024-05-01", "项目!签约日期 3: 当前阶段为考察，不应填写签约日期"),
        (
            "计划",
            1,
            2,
            "出国考察",
            "计划!类型 2: 未知的类型“出国考察”，应为：挂职锻炼、驻点招商、学习锻炼、跟班学习、培训班、考察研修、成长营、助企服务",
        ),
        (
            "项目",
            1,
            6,
            "谈判中",
            "项目!当前阶段 2: 未知的项目阶段“谈判中”，应为：考察、意向、签约、开工、投产",
        ),
        ("线索", 1, 5, "也许", "线索!有价值 2: “也许”应为是/否（也可填Y/N、1/0、TRUE/FALSE）"),
        ("干部", 2, 0, "C001", "干部!干部编号 3: 干部编号与第2行重复"),
        ("干部", 1, 1, None, "干部!姓名 2: 必填，不能为空"),
    ],
)
def test_each_kind_of_problem_is_reported_where_it_is(db, tmp_path, sheet, row, col, value, expected):
    sheets = good_sheets()
    sheets[sheet][row][col] = value
    problems = problems_of(write_book(tmp_path / "bad.xlsx", sheets))
    assert expected in problems
    assert not Program.objects.exists()


def test_the_bad_uscc_check_character_is_reported(db, tmp_path):
    sheets = good_sheets()
    sheets["走访"][0].append("统一社会信用代码")
    sheets["走访"][1].append("91350100M000100Y4A")
    problems = problems_of(write_book(tmp_path / "bad.xlsx", sheets))
    assert problems == ["走访!统一社会信用代码 2: 统一社会信用代码校验码不正确"]


def test_a_missing_required_column_and_a_second_program_row_are_reported(db, tmp_path):
    sheets = good_sheets()
    sheets["计划"].append(["other", "另一个计划", "培训班", ""])
    sheets["岗位"] = [[h for h in sheets["岗位"][0] if h != "城市"]]
    problems = problems_of(write_book(tmp_path / "bad.xlsx", sheets))
    assert "计划: 应恰好有一行计划数据，实际有2行" in problems
    assert "岗位!城市 1: 缺少必填列“城市”" in problems


def test_a_file_with_many_problems_lists_all_of_them_and_writes_nothing(db, tmp_path):
    sheets = good_sheets()
    sheets["走访"][1][0] = "昨天"
    sheets["走访"][2][1] = "C404"
    sheets["干部"][1][4] = "110105194912310021"
    sheets["线索"][1][4] = "-5"
    sheets["项目"][1][6] = "签订"
    problems = problems_of(write_book(tmp_path / "bad.xlsx", sheets))
    assert problems == [
        "干部!身份证号 2: 身份证号校验码不正确",
        "走访!走访日期 2: 日期“昨天”格式不正确，应为YYYY-MM-DD、YYYY年M月D日或Excel日期",
        "走访!干部编号 3: 干部编号“C404”未在干部工作表中定义",
        "线索!预计投资额(万元) 2: 金额不能为负数",
        "项目!当前阶段 2: 未知的项目阶段“签订”，应为：考察、意向、签约、开工、投产",
    ]
    assert not any(m.objects.exists() for m in MODELS)
    assert not AuditEntry.objects.exists()


def test_headers_match_with_full_width_brackets_spaces_and_any_order(db, tmp_path):
    sheets = good_sheets()
    header, *rows = sheets["线索"]
    order = [5, 0, 3, 1, 4, 2]
    sheets["线索"] = [[f" {header[i]} " for i in order]] + [[r[i] for i in order] for r in rows]
    sheets["线索"].insert(2, [None] * 6)  # an empty row is skipped
    import_ledger(None, write_book(tmp_path / "a.xlsx", sheets))
    assert Lead.objects.get(code="L1").expected_amount_yuan == 1000


def test_a_user_who_may_not_write_cannot_import(db, tmp_path):
    with pytest.raises(PermissionDenied):
        import_ledger(make_user("leader"), write_book(tmp_path / "a.xlsx", good_sheets()))
    assert not Program.objects.exists()


def records() -> dict:
    return {
        "participants": sorted(
            Participant.objects.values_list(
                "code",
                "cadre__name",
                "cadre__unit__name",
                "batch__number",
                "cadre__tags",
                "cadre__birth_month",
            )
        ),
        "visits": sorted(
            Visit.objects.values_list("date", "participant__code", "enterprise__name", "location", "notes")
        ),
        "leads": sorted(
            Lead.objects.values_list(
                "code", "date", "participant__code", "enterprise__name", "expected_amount_yuan", "valuable"
            )
        ),
        "projects": sorted(
            Project.objects.values_list(
                "code", "name", "investor__name", "stage", "amount_yuan", "source_lead__code"
            )
        ),
        "stages": sorted(ProjectStage.objects.values_list("project__code", "stage", "date")),
        "assignments": sorted(
            Assignment.objects.values_list("participant__code", "post__code", "start_date")
        ),
    }


def test_export_then_import_into_an_empty_database_gives_the_same_records_and_funnel(
    transactional_db, tmp_path
):
    import_ledger(None, write_book(tmp_path / "a.xlsx", good_sheets()))
    program = Program.objects.get(code="penglai-3360")
    funnel, before = get_funnel(program), records()
    write_export(program, tmp_path / "export.xlsx", reveal_personal=True)
    call_command("flush", interactive=False, verbosity=0)
    assert not Program.objects.exists()
    import_ledger(None, tmp_path / "export.xlsx")
    assert get_funnel(Program.objects.get(code="penglai-3360")) == funnel
    assert records() == before
    assert Participant.objects.get(code="C001").cadre.reveal_id_number() == "11010519491231002X"


def test_a_masked_export_reimports_unchanged(db, tmp_path):
    import_ledger(None, write_book(tmp_path / "a.xlsx", good_sheets()))
    write_export(Program.objects.get(code="penglai-3360"), tmp_path / "masked.xlsx")
    result = import_ledger(None, tmp_path / "masked.xlsx")
    assert all(c.created == 0 and c.updated == 0 for c in result.counts.values())
