"""Eligibility, priority tiers, scoring, ties and quotas of a call, through the services."""

import datetime as dt

import pytest

from cadreforge.core.errors import DomainError
from cadreforge.org.models import OrgUnit
from cadreforge.selection import services
from cadreforge.selection.models import Application

LOUDI_PRIORITIES = [
    {"label": "在县市区分管经济工作的优先", "position_keywords": ["副县长", "副市长", "副区长"], "tier": 1},
    {"label": "在省级以上园区主抓产业工作的优先", "unit_kinds": ["zone"], "tier": 1},
    {
        "label": "在市直综合经济部门联系项目工作的优先",
        "unit_keywords": ["发展和改革", "工业和信息化", "商务"],
        "tier": 1,
    },
]


def test_ineligible_application_says_which_rule_it_breaks(call, apply):
    services.update_call(None, call, allowed_ranks=["正科级"], max_age=45, min_years_in_post=2)
    old = apply("年长者", birth_month=dt.date(1980, 1, 1))
    junior = apply("科员甲", rank="科员")
    new = apply("新任者", years=1)
    fine = apply("合格者")
    services.evaluate_call(None, call)
    for app in (old, junior, new, fine):
        app.refresh_from_db()
    assert old.status == Application.Status.INELIGIBLE and "超过45岁" in old.ineligible_reasons[0]
    assert "职级“科员”不在允许范围" in junior.ineligible_reasons[0]
    assert "任现职1.0年，不满2年" in new.ineligible_reasons[0]
    assert fine.ineligible_reasons == [] and fine.rank == 1


def test_three_priorities_as_rows_put_priority_cadres_before_higher_scores(call, apply):
    services.set_priority_rules(None, call, LOUDI_PRIORITIES)
    plain = apply("普通报名", unit="市教育局", position="副局长")
    county = apply("分管副县长", unit="新化县人民政府", position="副县长")
    park = apply("园区主任", unit="娄底经济技术开发区", kind=OrgUnit.Kind.ZONE, position="副主任")
    services.record_panel_score(None, plain, kind="interview", score=99, panelist_name="评委一")
    services.record_panel_score(None, county, kind="interview", score=60, panelist_name="评委一")
    ranking = services.evaluate_call(None, call)
    assert [a.cadre.name for a in ranking][-1] == "普通报名"
    county.refresh_from_db()
    park.refresh_from_db()
    assert county.priority_labels == ["在县市区分管经济工作的优先"]
    assert park.priority_labels == ["在省级以上园区主抓产业工作的优先"]


def test_points_mode_adds_priority_points_to_the_score(call, apply):
    services.update_call(None, call, priority_mode="points")
    services.set_priority_rules(None, call, [{"label": "管过经济工作", "flag": "managed", "points": 7}])
    app = apply("管过者", has_managed_economy=True)
    services.evaluate_call(None, call)
    app.refresh_from_db()
    assert app.priority_points == 7 and app.score == 10 + 7  # 管过 weighs 10, plus the 7 points


def test_panel_scores_are_averaged_and_weighted(call, apply):
    app = apply("甲")
    services.record_panel_score(None, app, kind="interview", score=80, panelist_name="评委一")
    services.record_panel_score(None, app, kind="interview", score=90, panelist_name="评委二")
    services.evaluate_call(None, call)
    app.refresh_from_db()
    assert app.score == pytest.approx(85 * 0.4)


def test_equal_scores_are_ordered_by_declared_tie_breaks(call, apply):
    older = apply("年长", birth_month=dt.date(1985, 1, 1))
    younger = apply("年轻", birth_month=dt.date(1992, 1, 1))
    ranking = services.evaluate_call(None, call)
    assert [a.pk for a in ranking] == [younger.pk, older.pk]


def test_unknown_tie_break_is_refused_in_chinese(call):
    with pytest.raises(DomainError, match="未知的同分排序规则"):
        services.update_call(None, call, tie_breaks=["luck"])


def test_track_and_home_unit_quotas_skip_to_the_next_in_ranking(call, apply):
    services.update_call(None, call, quota=3, track_quotas={"新材料": 1}, unit_quota=1)
    a = apply("材料一", unit="单位甲", track="新材料", has_managed_economy=True)
    apply("材料二", unit="单位乙", track="新材料", has_worked_economy=True)
    apply("健康一", unit="单位甲", track="生命健康", has_worked_economy=True)
    c = apply("健康二", unit="单位丙", track="生命健康", has_studied_economy=True)
    chosen = services.shortlist(None, call, publicity_start=dt.date(2030, 7, 1))
    assert {x.pk for x in chosen} == {a.pk, c.pk}


def test_recommendation_must_name_the_recommender(call):
    from cadreforge.org.services import get_or_create_unit
    from cadreforge.people.services import create_cadre

    cadre = create_cadre(None, name="被推荐者", unit=get_or_create_unit("市商务局"))
    with pytest.raises(DomainError, match="推荐单位"):
        services.submit_application(None, call, cadre, track="新材料", channel="recommended")
    app = services.submit_application(
        None,
        call,
        cadre,
        track="新材料",
        channel="recommended",
        recommender="市商务局党组",
        reason="业务骨干",
    )
    assert app.get_channel_display() == "组织推荐"
