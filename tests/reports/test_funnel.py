"""The funnel report (ledger-workbook.md, last section) on small hand-made programs."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadreforge.core.errors import NotFound
from cadreforge.core.stages import Stage
from cadreforge.pipeline.services import record_talent
from cadreforge.reports.selectors import get_funnel
from tests.builders import (
    make_lead,
    make_output,
    make_participant,
    make_program,
    make_project,
    make_visit,
)

ZERO_STAGES = {"inspection": 0, "intent": 0, "signed": 0, "started": 0, "landed": 0}


@pytest.fixture
def penglai(db):
    """Two batches: 王 and 李 in batch 1, 赵 in batch 2, 孙 in no batch."""
    program = make_program("penglai-3360", batches=2)
    wang = make_participant(program, "P1", batch=1)
    li = make_participant(program, "P2", batch=1)
    zhao = make_participant(program, "P3", batch=2)
    sun = make_participant(program, "P4", batch=None)
    make_visit(wang, "大莊竹業集團有限公司")
    make_visit(li, "大庄竹业集团")
    make_visit(zhao, "大庄竹业集团股份有限公司")
    make_visit(zhao, "浙江銘揚文旅建設集團")
    make_lead(wang, "大庄竹业集团", "L1")
    make_lead(li, "大庄竹业集团", "L2", valuable=False)
    make_lead(zhao, "浙江铭扬文旅建设集团", "L3")
    make_project(program, "X1", stage=Stage.LANDED, cadres=[wang], amount_wan="30000")
    make_project(program, "X2", stage=Stage.SIGNED, cadres=[wang, zhao], amount_wan="0.5")
    make_project(program, "X3", stage=Stage.INTENT, cadres=[zhao], amount_wan="100")
    make_project(program, "X4", stage=Stage.INSPECTION, cadres=[sun])
    record_talent(None, program, name="李工", level="high_level", cadres=[wang, li])
    record_talent(None, program, name="周博士", level="scarce", cadres=[zhao])
    make_output(program, "之江秋悟第1期", kind="journal", authors=[wang, zhao], characters=9000, adopted=True)
    make_output(program, "专题调研报告", authors=[li], characters=12000)
    return program


def test_the_program_funnel_counts_every_record_once(penglai):
    assert get_funnel(penglai) == {
        "program": "penglai-3360",
        "batch": None,
        "cadres": 4,
        "visits": 4,
        "enterprises_visited": 2,
        "leads": 3,
        "valuable_leads": 2,
        "projects": 4,
        "stage_now": {"inspection": 1, "intent": 1, "signed": 1, "started": 0, "landed": 1},
        "reached": {"inspection": 4, "intent": 3, "signed": 2, "started": 1, "landed": 1},
        "amount_yuan": {"signed": "300005000.00", "landed": "300000000.00"},
        "talents": 2,
        "outputs": {"count": 2, "characters": 21000, "adopted": 1},
    }


def test_batch_one_counts_the_records_of_its_cadres(penglai):
    funnel = get_funnel(penglai, 1)
    assert funnel["batch"] == 1 and funnel["cadres"] == 2
    assert (funnel["visits"], funnel["enterprises_visited"]) == (2, 1)
    assert (funnel["leads"], funnel["valuable_leads"]) == (2, 1)
    assert funnel["projects"] == 2
    assert funnel["stage_now"] == {**ZERO_STAGES, "signed": 1, "landed": 1}
    assert funnel["reached"] == {"inspection": 2, "intent": 2, "signed": 2, "started": 1, "landed": 1}
    assert funnel["amount_yuan"] == {"signed": "300005000.00", "landed": "300000000.00"}
    assert funnel["talents"] == 1
    assert funnel["outputs"] == {"count": 2, "characters": 21000, "adopted": 1}


def test_batch_two_counts_a_project_shared_with_batch_one_too(penglai):
    funnel = get_funnel(penglai, 2)
    assert funnel["cadres"] == 1
    assert (funnel["visits"], funnel["enterprises_visited"]) == (2, 2)
    assert (funnel["leads"], funnel["valuable_leads"]) == (1, 1)
    assert funnel["projects"] == 2
    assert funnel["stage_now"] == {**ZERO_STAGES, "intent": 1, "signed": 1}
    assert funnel["amount_yuan"] == {"signed": "5000.00", "landed": "0.00"}
    assert funnel["talents"] == 1
    assert funnel["outputs"] == {"count": 1, "characters": 9000, "adopted": 1}


def test_a_project_of_two_cadres_of_one_batch_counts_once_in_that_batch(db):
    program = make_program("p1")
    a, b = make_participant(program, batch=1), make_participant(program, batch=1)
    make_project(program, stage=Stage.SIGNED, cadres=[a, b], amount_wan="10")
    funnel = get_funnel(program, 1)
    assert funnel["projects"] == 1 and funnel["reached"]["signed"] == 1
    assert funnel["amount_yuan"]["signed"] == "100000.00"


def test_an_empty_program_gives_zeros_and_zero_amounts(db):
    funnel = get_funnel(make_program("p1"))
    assert funnel["projects"] == 0 and funnel["stage_now"] == ZERO_STAGES and funnel["reached"] == ZERO_STAGES
    assert funnel["amount_yuan"] == {"signed": "0.00", "landed": "0.00"}
    assert funnel["outputs"] == {"count": 0, "characters": 0, "adopted": 0}


def test_an_unknown_batch_is_not_found_in_chinese(penglai):
    with pytest.raises(NotFound) as exc_info:
        get_funnel(penglai, 3)
    assert exc_info.value.message == "计划“penglai-3360”没有第3批。"


def _run(*args) -> str:
    out = io.StringIO()
    call_command("report", "funnel", *args, stdout=out)
    return out.getvalue()


def test_the_cli_prints_exactly_the_funnel_as_one_json_object(penglai, capsys):
    text = _run("--program", "penglai-3360", "--json") + capsys.readouterr().out
    assert json.loads(text) == get_funnel(penglai)
    assert text.count("\n") == 1


def test_the_cli_prints_a_batch_funnel(penglai, capsys):
    text = _run("--program", "penglai-3360", "--batch", "2", "--json") + capsys.readouterr().out
    assert json.loads(text) == get_funnel(penglai, 2)


def test_the_cli_prints_a_chinese_summary_without_json(penglai, capsys):
    text = _run("--program", "penglai-3360") + capsys.readouterr().out
    assert "走访企业 2 家" in text and "投产金额 300000000.00 元" in text


def test_the_cli_refuses_an_unknown_program_in_chinese(db, capsys):
    with pytest.raises(CommandError, match="找不到计划“nowhere”"):
        _run("--program", "nowhere", "--json")
    assert capsys.readouterr().out == ""


def test_the_cli_refuses_an_unknown_batch_in_chinese(penglai, capsys):
    with pytest.raises(CommandError, match="没有第9批"):
        _run("--program", "penglai-3360", "--batch", "9", "--json")
    assert capsys.readouterr().out == ""
