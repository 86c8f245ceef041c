"""The manager pages of a program's evaluation (schemes, commendations, promotions, mentor pairings) and
the mentee's log page, as a user clicks through them."""

import datetime as dt

import pytest

from cadreforge.accounts.models import Role
from cadreforge.evaluation import mentors, services
from cadreforge.evaluation.models import (
    Commendation,
    KpiScheme,
    MentorPairing,
    PromotionRecommendation,
    ShadowingLog,
)
from tests.builders import make_participant, make_program, make_project, make_user, make_visit

pytestmark = pytest.mark.django_db
BASE = "/evaluation/programs/eval-manage"


@pytest.fixture
def world():
    program = make_program("eval-manage")
    other = make_program("eval-other")
    cadre_user = make_user(Role.CADRE)
    wang = make_participant(program, "P001", name="王一", user=cadre_user)
    li = make_participant(program, "P002", name="李二")
    make_visit(wang, "甲公司")
    make_visit(li, "乙公司")
    stranger = make_participant(other, "O001")
    pairing = mentors.pair_mentor(
        None, wang, mentor_name="周导师", mentor_post="土地储备中心业务骨干", start_date=dt.date(2022, 3, 1),
        goals="熟悉土地挂牌上市流程",
    )  # fmt: skip
    li_pairing = mentors.pair_mentor(
        None,
        li,
        mentor_name="吴导师",
        mentor_post="招商局副局长",
        start_date=dt.date(2022, 3, 1),
        goals="目标",
    )
    other_pairing = mentors.pair_mentor(
        None, stranger, mentor_name="赵导师", mentor_post="职务", start_date=dt.date(2022, 3, 1), goals="目标"
    )
    return {
        "program": program, "other": other, "cadre_user": cadre_user, "wang": wang, "li": li,
        "pairing": pairing, "li_pairing": li_pairing, "other_pairing": other_pairing,
    }  # fmt: skip


@pytest.fixture
def manager(world, login):
    return login(Role.PROGRAM_MANAGER, programs_granted=[world["program"]])


# Mentors


def test_a_cadre_opens_their_own_pairing_but_not_a_colleagues(world, login):
    client = login(world["cadre_user"])
    page = client.get(f"{BASE}/mentors/{world['pairing'].pk}/").content.decode()
    assert "周导师" in page and "填写跟班学习记录" in page
    assert client.get(f"{BASE}/mentors/{world['li_pairing'].pk}/").status_code == 404
    listing = client.get(f"{BASE}/mentors/").content.decode()
    assert "周导师" in listing and "吴导师" not in listing


def test_another_programs_pairing_is_not_found_through_this_program(world, login):
    both = login(Role.PROGRAM_MANAGER, programs_granted=[world["program"], world["other"]])
    assert both.get(f"{BASE}/mentors/{world['other_pairing'].pk}/").status_code == 404
    assert (
        both.get(f"/evaluation/programs/eval-other/mentors/{world['other_pairing'].pk}/").status_code == 200
    )
    only_this = login(Role.PROGRAM_MANAGER, programs_granted=[world["program"]])
    assert (
        only_this.get(f"/evaluation/programs/eval-other/mentors/{world['other_pairing'].pk}/").status_code
        == 404
    )


def test_the_mentee_logs_a_day_from_the_page(world, login):
    client = login(world["cadre_user"])
    data = {"date": "2022-03-08", "hours": "6", "activity": "随导师踏勘地块", "learned": "了解供地流程"}
    response = client.post(f"{BASE}/mentors/{world['pairing'].pk}/logs/", data, follow=True)
    assert "跟班学习记录已保存" in response.content.decode() and "随导师踏勘地块" in response.content.decode()
    assert ShadowingLog.objects.get().hours == 6


def test_a_bad_log_from_the_page_shows_the_reason_and_saves_nothing(world, login):
    client = login(world["cadre_user"])
    data = {"date": "2022-03-08", "hours": "30", "activity": "内容"}
    response = client.post(f"{BASE}/mentors/{world['pairing'].pk}/logs/", data)
    assert response.status_code == 400
    assert "时长应大于0且不超过24小时（现为30）" in response.content.decode()
    assert not ShadowingLog.objects.exists()


def test_only_the_mentee_may_post_a_log(world, manager):
    data = {"date": "2022-03-08", "hours": "6", "activity": "内容"}
    assert manager.post(f"{BASE}/mentors/{world['pairing'].pk}/logs/", data).status_code == 403
    assert not ShadowingLog.objects.exists()


def test_the_manager_pairs_and_comments_from_the_pages(world, manager):
    data = {
        "participant": world["li"].pk, "mentor_name": "钱主任", "mentor_post": "项目服务中心主任",
        "place": "项目服务中心", "start_date": "2022-04-01", "end_date": "2022-06-30", "goals": "学习项目代办服务",
    }  # fmt: skip
    response = manager.post(f"{BASE}/mentors/new/", data, follow=True)
    assert "导师结对已保存" in response.content.decode()
    assert MentorPairing.objects.filter(participant=world["li"], mentor_name="钱主任").exists()
    log = mentors.add_log(None, world["pairing"], date=dt.date(2022, 3, 8), activity="内容", hours=4)
    manager.post(f"{BASE}/mentors/{world['pairing'].pk}/logs/{log.pk}/comment/", {"comment": "很有收获"})
    log.refresh_from_db()
    assert log.mentor_comment == "很有收获"


def test_a_pairing_with_bad_dates_is_refused_on_the_form(world, manager):
    data = {"participant": world["li"].pk, "mentor_name": "钱主任", "mentor_post": "主任",
            "start_date": "2022-04-01", "end_date": "2022-03-01", "goals": "目标"}  # fmt: skip
    page = manager.post(f"{BASE}/mentors/new/", data).content.decode()
    assert "结束日期（2022-03-01）早于开始日期（2022-04-01）" in page
    assert not MentorPairing.objects.filter(mentor_name="钱主任").exists()


def test_mentor_api_is_scoped_like_the_pages(world, login):
    cadre = login(world["cadre_user"])
    rows = cadre.get("/api/v1/programs/eval-manage/mentors").json()
    assert [r["cadre"] for r in rows] == ["P001"]
    assert cadre.get(f"/api/v1/programs/eval-manage/mentors/{world['li_pairing'].pk}").status_code == 404
    mentors.add_log(None, world["pairing"], date=dt.date(2022, 3, 8), activity="踏勘", hours="2.5")
    detail = cadre.get(f"/api/v1/programs/eval-manage/mentors/{world['pairing'].pk}").json()
    assert detail["log_hours"] == 2.5 and detail["logs"][0]["activity"] == "踏勘"
    assert cadre.get(f"/api/v1/programs/eval-other/mentors/{world['other_pairing'].pk}").status_code == 404


# KPI schemes


def _scheme_data(**weights) -> dict:
    return {"name": "年度考核", "start_date": "", "end_date": "", "description": ""} | {
        f"w_{k}": v for k, v in weights.items()
    }


def test_the_manager_creates_a_scheme_and_the_ranking_uses_it(world, manager):
    response = manager.post(f"{BASE}/schemes/new/", _scheme_data(visits="5"), follow=True)
    page = response.content.decode()
    assert "考核方案已保存" in page and "走访企业次数 ×5" in page
    assert KpiScheme.objects.get(program=world["program"]).weights.get().weight == 5


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({}, "至少须设置一项指标的权重"),
        ({"visits": "0"}, "指标“走访企业次数”的权重应大于0且不超过1000（现为0）"),
        ({"visits": "-3"}, "权重应大于0"),
        ({"visits": "5000"}, "不超过1000"),
        ({"visits": "abc"}, "指标“走访企业次数”的权重“abc”不是数字"),
        ({"visits": "1.234"}, "最多保留两位小数"),
    ],
)
def test_insane_weights_are_refused_in_chinese_and_nothing_is_saved(world, manager, weights, message):
    page = manager.post(f"{BASE}/schemes/new/", _scheme_data(**weights)).content.decode()
    assert message in page
    assert not KpiScheme.objects.exists()


def test_editing_a_scheme_replaces_its_weights(world, manager):
    scheme = services.save_scheme(
        None, world["program"], name="年度考核", weights={"visits": 2, "outputs": 3}
    )
    form = manager.get(f"{BASE}/schemes/{scheme.pk}/edit/").content.decode()
    assert 'value="2"' in form and 'value="3"' in form
    manager.post(f"{BASE}/schemes/{scheme.pk}/edit/", _scheme_data(visits="4") | {"name": "年度考核（修订）"})
    scheme.refresh_from_db()
    assert scheme.name == "年度考核（修订）"
    assert {w.indicator: w.weight for w in scheme.weights.all()} == {"visits": 4}


def test_a_program_without_a_scheme_offers_to_create_one(world, manager, login):
    assert "新建考核方案" in manager.get(f"{BASE}/ranking/").content.decode()
    leader = login(Role.LEADER)
    assert "新建考核方案" not in leader.get(f"{BASE}/ranking/").content.decode()
    assert leader.get(f"{BASE}/schemes/new/").status_code == 403


# Commendations and promotions


def test_the_manager_commends_with_evidence_from_the_page(world, manager):
    project = make_project(world["program"], "X1", cadres=[world["wang"]], name="光伏电池项目")
    data = {"participant": world["wang"].pk, "title": "招商引资能手", "reason": "协助招引项目",
            "date": "2022-10-10", "projects": [project.pk], "evidence": ""}  # fmt: skip
    page = manager.post(f"{BASE}/commendations/new/", data, follow=True).content.decode()
    assert "表彰已保存" in page and "光伏电池项目" in page
    assert list(Commendation.objects.get().projects.all()) == [project]


def test_a_project_the_cadre_did_not_refer_is_refused_as_evidence(world, manager):
    project = make_project(world["program"], "X2", cadres=[world["li"]])
    data = {"participant": world["wang"].pk, "title": "能手", "reason": "事迹", "date": "2022-10-10",
            "projects": [project.pk]}  # fmt: skip
    page = manager.post(f"{BASE}/commendations/new/", data).content.decode()
    assert "项目X2不是干部P001引荐的，不能作为其佐证" in page
    assert not Commendation.objects.exists()


def test_editing_a_commendation_keeps_one_record(world, manager):
    c = services.commend(None, world["wang"], title="能手", reason="事迹", date=dt.date(2022, 10, 10))
    data = {"title": "招商引资能手", "reason": "事迹更新", "date": "2022-10-10"}
    manager.post(f"{BASE}/commendations/{c.pk}/edit/", data)
    c.refresh_from_db()
    assert (c.title, c.reason, Commendation.objects.count()) == ("招商引资能手", "事迹更新", 1)


def test_a_promotion_from_the_page_starts_its_chain_and_is_decided_in_order(world, manager):
    c = services.commend(None, world["wang"], title="能手", reason="事迹", date=dt.date(2022, 10, 10))
    data = {"participant": world["wang"].pk, "from_post": "科员", "to_post": "街道党政正职",
            "reason": "招商业绩突出", "commendations": [c.pk], "chain": "单位推荐\n组织部考察"}  # fmt: skip
    page = manager.post(f"{BASE}/promotions/new/", data, follow=True).content.decode()
    assert "提拔推荐已提交" in page and "当前环节：单位推荐" in page
    rec = PromotionRecommendation.objects.get()
    assert [s.name for s in rec.steps.all()] == ["单位推荐", "组织部考察"]
    url = f"{BASE}/promotions/{rec.pk}/decide/"
    manager.post(url, {"decision": "approve", "comment": "同意", "date": "2022-10-11"})
    assert "已有审批意见" in manager.get(f"{BASE}/promotions/{rec.pk}/edit/", follow=True).content.decode()
    manager.post(url, {"decision": "approve", "comment": "同意", "date": "2022-10-12"})
    rec.refresh_from_db()
    assert rec.status == "approved"


def test_a_second_promotion_to_the_same_post_is_refused(world, manager):
    services.recommend_promotion(None, world["wang"], from_post="科员", to_post="副科长", reason="理由")
    data = {"participant": world["wang"].pk, "from_post": "科员", "to_post": "副科长", "reason": "再推",
            "chain": "单位推荐"}  # fmt: skip
    page = manager.post(f"{BASE}/promotions/new/", data).content.decode()
    assert "已有拟任“副科长”的提拔推荐" in page
    assert PromotionRecommendation.objects.count() == 1


def test_another_cadres_commendation_is_refused_as_promotion_evidence(world, manager):
    c = services.commend(None, world["li"], title="能手", reason="事迹", date=dt.date(2022, 10, 10))
    data = {"participant": world["wang"].pk, "from_post": "科员", "to_post": "副科长", "reason": "理由",
            "commendations": [c.pk], "chain": "单位推荐"}  # fmt: skip
    assert "不是干部P001的，不能作为其佐证" in manager.post(f"{BASE}/promotions/new/", data).content.decode()
    assert not PromotionRecommendation.objects.exists()


def test_a_cadre_cannot_open_the_manager_forms(world, login):
    client = login(world["cadre_user"])
    for path in ("commendations/new/", "promotions/new/", "mentors/new/", "schemes/new/"):
        assert client.get(f"{BASE}/{path}").status_code == 403
