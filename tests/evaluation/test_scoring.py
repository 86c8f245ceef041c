import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command

from cadreforge.core.stages import Stage
from cadreforge.evaluation import services
from cadreforge.evaluation.scoring import rank_rows
from cadreforge.evaluation.selectors import get_ranking
from tests.builders import make_lead, make_participant, make_program, make_project, make_visit

pytestmark = pytest.mark.django_db

WEIGHTS = {
    "visits": 1,
    "valuable_leads": 2,
    "projects_1e8": 10,
    "projects_1e9": 30,
    "amount_signed_yi": "0.5",
}


@pytest.fixture
def program():
    return make_program("eval-test", batches=2)


def test_score_adds_weighted_indicators_counted_from_records(program):
    wang = make_participant(program, "P001")
    make_visit(wang, "甲公司")
    make_visit(wang, "乙公司")
    make_lead(wang, "甲公司")
    make_lead(wang, "乙公司", valuable=False)
    make_project(program, "X1", stage=Stage.SIGNED, cadres=[wang], amount_wan="20000")  # 2亿
    make_project(program, "X2", stage=Stage.STARTED, cadres=[wang], amount_wan="120000")  # 12亿
    make_project(program, "X3", stage=Stage.INTENT, cadres=[wang], amount_wan="500000")  # not signed
    services.save_scheme(None, program, name="年度考核", weights=WEIGHTS)

    row = get_ranking(program)["rows"][0]

    c = row["components"]
    assert c["visits"]["value"] == 2 and c["visits"]["points"] == 2
    assert c["valuable_leads"]["value"] == 1 and c["valuable_leads"]["points"] == 2
    assert c["projects_1e8"]["value"] == 1 and c["projects_1e9"]["value"] == 1
    assert c["amount_signed_yi"]["value"] == 14 and c["amount_signed_yi"]["points"] == 7
    assert row["score"] == 2 + 2 + 10 + 30 + 7


def test_competition_period_counts_only_records_dated_inside_it(program):
    wang = make_participant(program, "P001")
    make_visit(wang, "甲公司", date=dt.date(2024, 3, 1))
    make_visit(wang, "乙公司", date=dt.date(2024, 9, 1))
    services.save_scheme(
        None,
        program,
        name="双百日竞赛",
        weights={"visits": 1},
        start_date=dt.date(2024, 8, 1),
        end_date=dt.date(2024, 11, 8),
    )
    assert get_ranking(program)["rows"][0]["score"] == 1


def test_equal_scores_share_a_rank_and_the_next_rank_is_skipped():
    rows = [{"cadre": c, "score": s} for c, s in [("B", 5.0), ("A", 5.0), ("C", 9.0), ("D", 1.0)]]
    ranked = rank_rows(rows)
    assert [(r["cadre"], r["rank"]) for r in ranked] == [("C", 1), ("A", 2), ("B", 2), ("D", 4)]


def test_manual_assessment_is_a_component_with_its_reason(program):
    wang = make_participant(program, "P001")
    scheme = services.save_scheme(None, program, name="年度考核", weights={"visits": 1})
    services.assess(None, scheme, wang, points=3, reason="派驻单位评价优秀")
    manual = get_ranking(program)["rows"][0]["components"]["manual"]
    assert manual["points"] == 3
    assert manual["items"][0]["reason"] == "派驻单位评价优秀"


def test_ranking_command_prints_the_spec_json_for_one_batch(program):
    first = make_participant(program, "P001", batch=1)
    make_participant(program, "P002", batch=2)
    make_visit(first, "甲公司")
    services.save_scheme(None, program, name="年度考核", weights={"visits": 1})
    out = StringIO()
    call_command("report", "ranking", "--program", "eval-test", "--batch", "1", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"scheme", "rows"}
    assert data["scheme"] == "年度考核"
    assert [(r["cadre"], r["score"], r["rank"]) for r in data["rows"]] == [("P001", 1.0, 1)]
    assert set(data["rows"][0]) == {"cadre", "score", "rank", "components"}
