from cadreforge.core.stages import Stage
from cadreforge.reports.selectors import get_funnel

from .builders import make_participant, make_program, make_project, make_visit


def test_a_project_shared_by_two_cadres_counts_once_for_the_program(db):
    program = make_program(batches=2)
    a, b = make_participant(program, batch=1), make_participant(program, batch=2)
    make_visit(a, "大莊竹業集團有限公司")
    make_visit(b, "大庄竹业集团")
    make_project(program, stage=Stage.SIGNED, cadres=[a, b], amount_wan="30000")
    funnel = get_funnel(program)
    assert funnel["projects"] == 1
    assert funnel["visits"] == 2 and funnel["enterprises_visited"] == 1
    assert funnel["reached"]["intent"] == 1 and funnel["stage_now"]["signed"] == 1
    assert funnel["amount_yuan"] == {"signed": "300000000.00", "landed": "0.00"}
    assert get_funnel(program, 2)["projects"] == 1
