import pytest

from cadreforge.accounts.models import Role
from cadreforge.evaluation import faults, services
from tests.builders import make_participant, make_program, make_user, make_visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    program = make_program("eval-pages")
    cadre_user = make_user(Role.CADRE)
    wang = make_participant(program, "P001", user=cadre_user)
    li = make_participant(program, "P002")
    make_visit(wang, "甲公司")
    make_visit(li, "乙公司")
    make_visit(li, "丙公司")
    services.save_scheme(None, program, name="年度考核", weights={"visits": 2})
    return program, cadre_user, wang


def test_manager_sees_the_board_with_components(setup, login):
    program, _, _ = setup
    client = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    page = client.get("/evaluation/programs/eval-pages/ranking/").content.decode()
    assert "年度考核" in page and "P002" in page and "走访企业次数" in page
    assert page.index("P002") < page.index("P001")  # 4 points before 2


def test_component_without_assessments_shows_no_empty_reason_lines(setup, login):
    program, _, wang = setup
    scheme = program.kpi_schemes.get()
    services.assess(None, scheme, wang, points=3, reason="派驻单位评价优秀")
    client = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    page = client.get("/evaluation/programs/eval-pages/ranking/").content.decode()
    assert "（派驻单位评价优秀）" in page and "（）" not in page


def test_cadre_sees_own_score_and_why_but_not_the_board(setup, login):
    _, cadre_user, _ = setup
    client = login(cadre_user)
    assert client.get("/evaluation/programs/eval-pages/ranking/").url == "/evaluation/mine/"
    page = client.get("/evaluation/mine/").content.decode()
    assert "走访企业次数" in page and "第 2 名（共 2 人）" in page


def test_case_page_is_hidden_from_other_managers(setup, login):
    _, cadre_user, wang = setup
    case = faults.file_case(cadre_user, wang, title="保密事项", facts="经过")
    assert login(cadre_user).get(f"/evaluation/cases/{case.pk}/").status_code == 200
    assert login(Role.PROGRAM_MANAGER).get(f"/evaluation/cases/{case.pk}/").status_code == 404
    assert "保密事项" not in login(Role.LEADER).get("/evaluation/cases/").content.decode()


def test_manager_accepts_a_case_from_its_page(setup, login):
    program, cadre_user, wang = setup
    case = faults.file_case(cadre_user, wang, title="事项", facts="经过")
    client = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    client.post(f"/evaluation/cases/{case.pk}/accept/", {"accept": "yes", "note": "受理"})
    case.refresh_from_db()
    assert case.step == "accepted"
    page = client.get(f"/evaluation/cases/{case.pk}/").content.decode()
    assert "完成核实" in page and "非屡错屡犯" in page


def test_skipping_a_step_from_the_page_shows_the_reason(setup, login):
    program, cadre_user, wang = setup
    case = faults.file_case(cadre_user, wang, title="事项", facts="经过")
    client = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    page = client.post(
        f"/evaluation/cases/{case.pk}/feedback/", {"feedback": "x"}, follow=True
    ).content.decode()
    assert "不能转到" in page


def test_api_ranking_matches_the_report_and_is_refused_to_cadres(setup, login):
    program, cadre_user, _ = setup
    manager = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    data = manager.get("/api/v1/programs/eval-pages/ranking").json()
    assert [(r["cadre"], r["score"], r["rank"]) for r in data["rows"]] == [("P002", 4.0, 1), ("P001", 2.0, 2)]
    assert login(cadre_user).get("/api/v1/programs/eval-pages/ranking").status_code == 403
    mine = login(cadre_user).get("/api/v1/me/scores").json()
    assert mine[0]["rank"] == 2 and mine[0]["components"]["visits"]["value"] == 1


def test_honours_page_lists_commendation_evidence_and_approval_steps(setup, login):
    import datetime as dt

    from tests.builders import make_project

    program, _, wang = setup
    project = make_project(program, "X1", cadres=[wang], name="光伏电池项目")
    c = services.commend(
        None, wang, title="招商引资能手", reason="事迹", date=dt.date(2024, 1, 1), projects=[project]
    )
    services.recommend_promotion(
        None,
        wang,
        from_post="科员",
        to_post="街道党政正职",
        reason="业绩突出",
        commendations=[c],
        chain=("单位推荐",),
    )
    page = (
        login(Role.PROGRAM_MANAGER, programs_granted=[program]).get("/evaluation/honours/").content.decode()
    )
    assert "招商引资能手" in page and "光伏电池项目" in page and "单位推荐：待审批" in page


def test_review_form_names_the_next_level(setup, login):
    program, cadre_user, wang = setup
    case = faults.file_case(cadre_user, wang, title="事项", facts="经过")
    faults.accept_case(None, case)
    criteria = dict.fromkeys(faults.CRITERIA, True)
    faults.verify_case(None, case, criteria=criteria, distinctions={"inexperience": "是"}, findings="核实")
    client = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    client.post(f"/evaluation/cases/{case.pk}/review/", {"level": "1", "opinion": "同意", "agrees": "yes"})
    page = client.get(f"/evaluation/cases/{case.pk}/").content.decode()
    assert "所在单位" in page and "组织部门审核意见" in page
