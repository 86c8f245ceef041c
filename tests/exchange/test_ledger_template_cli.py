"""The template (drop-downs, 说明 sheet) and the CLI verbs' exit codes and output."""

import subprocess
import sys

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from cadreforge.exchange.ledger import schema
from cadreforge.pipeline.models import Visit
from cadreforge.programs.models import Program

from .test_ledger_support import good_sheets, write_book


def test_the_template_has_every_sheet_headers_dropdowns_and_instructions(tmp_path):
    call_command("template", "-o", str(tmp_path / "t.xlsx"))
    wb = load_workbook(tmp_path / "t.xlsx")
    assert wb.sheetnames[0] == "说明"
    assert wb.sheetnames[1:] == [s.name for s in schema.SHEETS]
    assert [c.value for c in wb["走访"][1]][:3] == ["走访日期*", "干部编号*", "企业名称*"]
    lists = {
        sheet: [dv.formula1 for dv in wb[sheet].data_validations.dataValidation]
        for sheet in ("计划", "批次", "干部", "岗位", "线索", "项目", "人才", "成果")
    }
    assert '"挂职锻炼,驻点招商,学习锻炼,跟班学习,培训班,考察研修,成长营,助企服务"' in lists["计划"]
    assert '"计划中,选拔中,进行中,已结束"' in lists["批次"]
    assert '"男,女"' in lists["干部"]
    assert any("开发园区" in f for f in lists["岗位"])
    assert '"是,否"' in lists["线索"] and '"是,否"' in lists["成果"]
    assert '"考察,意向,签约,开工,投产"' in lists["项目"]
    assert any("高层次人才" in f for f in lists["人才"])
    text = "\n".join(str(c.value) for row in wb["说明"].iter_rows() for c in row if c.value)
    for words in ("YYYY-MM-DD", "YYYY年M月D日", "万元", "、", "是/否", "走访日期+干部编号+企业名称"):
        assert words in text


def test_the_empty_template_imports_as_a_clear_refusal(db, tmp_path):
    call_command("template", "-o", str(tmp_path / "t.xlsx"))
    with pytest.raises(SystemExit) as exit_info:
        call_command("import", str(tmp_path / "t.xlsx"))
    assert exit_info.value.code == 1


def run_cli(*args, env_db: str) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, "DATABASE_URL": env_db}
    return subprocess.run(
        [sys.executable, "-m", "cadreforge.cli", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_cli_exit_codes_and_messages(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    assert run_cli("migrate", "-v", "0", env_db=db).returncode == 0
    good = write_book(tmp_path / "good.xlsx", good_sheets())
    sheets = good_sheets()
    sheets["走访"][1][1] = "C404"
    sheets["线索"][1][3] = None
    bad = write_book(tmp_path / "bad.xlsx", sheets)

    refused = run_cli("import", str(bad), env_db=db)
    assert refused.returncode != 0
    assert "走访!干部编号 2: 干部编号“C404”未在干部工作表中定义" in refused.stderr.splitlines()
    assert "线索!企业名称 2: 必填，不能为空" in refused.stderr.splitlines()

    dry = run_cli("import", str(good), "--dry-run", env_db=db)
    assert dry.returncode == 0 and "走访：新增3，更新0，未变0" in dry.stdout
    done = run_cli("import", str(good), env_db=db)
    assert done.returncode == 0 and "走访：新增3，更新0，未变0" in done.stdout
    again = run_cli("import", str(good), env_db=db)
    assert "走访：新增0，更新0，未变3" in again.stdout

    exported = run_cli("export", "--program", "penglai-3360", "-o", str(tmp_path / "e.xlsx"), env_db=db)
    assert exported.returncode == 0
    assert load_workbook(tmp_path / "e.xlsx")["走访"].max_row == 4
    missing = run_cli("export", "--program", "nope", "-o", str(tmp_path / "x.xlsx"), env_db=db)
    assert missing.returncode != 0 and "找不到计划“nope”" in missing.stderr


def test_import_command_in_process_writes_the_program(db, tmp_path, capsys):
    call_command("import", str(write_book(tmp_path / "a.xlsx", good_sheets())))
    assert "导入完成" in capsys.readouterr().out
    assert Program.objects.filter(code="penglai-3360").exists() and Visit.objects.count() == 3
