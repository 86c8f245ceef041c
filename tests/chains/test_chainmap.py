"""The chain map: links with their local enterprises, gaps, and target enterprises per gap."""

import datetime as dt

import pytest

from cadreforge.accounts.models import Role
from cadreforge.chains import services as chains
from cadreforge.pipeline import chainmap
from cadreforge.pipeline.services import get_or_create_enterprise
from tests.builders import make_participant, make_program, make_user, make_visit


@pytest.fixture
def polymer(db):
    cluster = chains.get_or_create_cluster("新型煤化工合成材料产业集群", region="安徽省淮北市")
    chain = chains.get_or_create_chain("高分子材料产业链", cluster=cluster)
    ic = chains.get_or_create_chain("集成电路产业链", cluster=cluster)
    chains.link_neighbours(chain, [ic])
    upstream = chains.get_or_create_link(chain, "煤制烯烃", "up")
    packaging = chains.get_or_create_link(chain, "集成电路封装材料", "down")
    chainmap.place_enterprise(None, upstream, get_or_create_enterprise("淮北烯烃化工有限公司"), role="local")
    for name, city in [("宜兴封装材料有限公司", "无锡"), ("苏州电子材料有限公司", "苏州")]:
        chainmap.place_enterprise(None, packaging, get_or_create_enterprise(name), role="target", city=city)
    return chain


def test_a_link_without_a_local_enterprise_is_a_gap_with_its_targets_by_city(polymer):
    program = make_program("huaibei")
    make_visit(make_participant(program, "H001"), "苏州电子材料有限公司", dt.date(2023, 3, 8))
    gaps = chainmap.chain_gaps(polymer)
    assert [g["link"].name for g in gaps] == ["集成电路封装材料"]
    cities = {
        c["city"]: [(t["enterprise"].name, t["last_visit"]) for t in c["targets"]] for c in gaps[0]["cities"]
    }
    assert cities == {
        "无锡": [("宜兴封装材料有限公司", None)],
        "苏州": [("苏州电子材料有限公司", dt.date(2023, 3, 8))],
    }


def test_the_region_map_counts_links_and_gaps_and_names_neighbours(polymer):
    data = chainmap.region_map("安徽省淮北市")
    assert (data["link_count"], data["gap_count"]) == (2, 1)
    polymer_row = next(c for c in data["clusters"][0]["chains"] if c["chain"] == polymer)
    assert polymer_row["neighbours"] == ["集成电路产业链"]
    assert [row["link"].name for row in polymer_row["links"]] == ["煤制烯烃", "集成电路封装材料"]
    assert data["tree"]["children"][0]["name"] == "新型煤化工合成材料产业集群"


@pytest.mark.urls("tests.pipeline.urls")
def test_the_chain_map_page_draws_from_json_and_shows_the_gap(login, polymer):
    page = login(make_user(Role.CADRE)).get("/pipeline/chains/").content.decode()
    assert 'id="chain-tree-data"' in page and "pipeline/chainmap.js" in page
    assert "<script>" not in page.replace('<script id="chain-tree-data" type="application/json">', "")
    assert "缺链" in page
    gaps = login(make_user(Role.CADRE)).get(f"/pipeline/chains/{polymer.pk}/gaps/").content.decode()
    assert "宜兴封装材料有限公司" in gaps and "尚未走访" in gaps
