"""The flow map (干部流向): cadres from their home regions to their host cities, drawn from the records."""

import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from cadreforge.accounts.models import Role
from cadreforge.org.models import OrgUnit, Region
from cadreforge.org.services import get_or_create_unit
from cadreforge.people.models import Cadre
from cadreforge.programs import services as programs
from cadreforge.programs.models import Participant
from cadreforge.reports.dashboard import get_dashboard, get_overview
from cadreforge.reports.flows import cadre_flows
from cadreforge.secondment.services import assign_post

from ..builders import make_participant, make_program

pytestmark = pytest.mark.django_db
D = dt.date
PENGLAI, HANGZHOU, SHANGHAI = (120.7586, 37.8108), (120.1551, 30.2741), (121.4737, 31.2304)
START, END = D(2024, 3, 4), D(2024, 12, 31)


def place(name: str, lonlat: tuple[float, float] | None) -> Region:
    lon, lat = (Decimal(str(v)) for v in lonlat) if lonlat else (None, None)
    return Region.objects.create(name=name, longitude=lon, latitude=lat)


def unit_in(*regions: str, unit: str) -> OrgUnit:
    """A department under nested region units, e.g. unit_in("山东省", "蓬莱市", unit="市商务局")."""
    parent = None
    for name in regions:
        parent = get_or_create_unit(name, parent, OrgUnit.Kind.REGION)
    return get_or_create_unit(unit, parent, OrgUnit.Kind.GOVERNMENT)


def cadre(program, code: str, unit: OrgUnit, *, batch: int = 1) -> Participant:
    participant = make_participant(program, code, batch=batch, name=f"干部{code}")
    Cadre.objects.filter(pk=participant.cadre_id).update(unit=unit)
    return participant


def send(participant: Participant, city: str, host: str, start=START, end=END):
    unit = programs.get_or_create_host_unit(name=host, city=city)
    post = programs.create_post(None, participant.program, code=f"G-{participant.code}", host=unit)
    return assign_post(None, participant, post, start_date=start, end_date=end)


@pytest.fixture
def program():
    Region.objects.all().delete()  # only the places named here have coordinates (not those of migrations)
    place("蓬莱市", PENGLAI)
    place("杭州", HANGZHOU)
    place("上海", SHANGHAI)
    program = make_program("flow", batches=2, name="流向测试计划")
    penglai = unit_in("山东省", "烟台市", "蓬莱市", unit="市商务局")
    send(cadre(program, "A1", penglai), "杭州", "杭州高新技术产业开发区")
    # The same city spelt 杭州市 meets 杭州.
    send(
        cadre(program, "A2", penglai, batch=2),
        "杭州市",
        "浙江大学国家大学科技园",
        start=D(2025, 3, 3),
        end=D(2025, 12, 31),
    )
    send(cadre(program, "A3", penglai), "上海", "上海交通大学国家大学科技园")
    send(cadre(program, "A4", penglai), "某市", "某市开发区")  # a host city without coordinates
    send(
        cadre(program, "B1", unit_in("安徽省", "淮北市", "相山区", unit="区招商局")), "上海", "上海闵行开发区"
    )
    cadre(program, "C1", penglai)  # no post: no flow
    return program


def page_data(html: str) -> dict:
    """The JSON the page's charts draw from (its json_script "dashboard-data")."""
    found = re.search(r'<script id="dashboard-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def lines_of(flows: dict) -> dict[tuple[str, str], int]:
    return {(line["home"], line["host"]): line["cadres"] for line in flows["lines"]}


def test_lines_count_cadres_from_home_region_to_host_city(program):
    flows = get_dashboard(program)["flows"]
    assert lines_of(flows) == {
        ("蓬莱市", "杭州"): 2,
        ("蓬莱市", "上海"): 1,
        ("蓬莱市", "某市"): 1,
        ("相山区", "上海"): 1,
    }
    first = flows["lines"][0]
    assert (first["home"], first["host"], first["from"], first["to"]) == (
        "蓬莱市",
        "杭州",
        [*PENGLAI],
        [*HANGZHOU],
    )
    points = {(p["name"], p["role"]): (p["coord"], p["cadres"]) for p in flows["places"]}
    assert points[("蓬莱市", "home")] == ([*PENGLAI], 4)
    assert points[("上海", "host")] == ([*SHANGHAI], 2)


def test_places_without_coordinates_are_listed_not_dropped(program):
    flows = get_dashboard(program)["flows"]
    assert flows["unmapped"] == [
        {"name": "相山区", "role": "home", "cadres": 1},
        {"name": "某市", "role": "host", "cadres": 1},
    ]
    unmapped_line = next(line for line in flows["lines"] if line["host"] == "某市")
    assert unmapped_line["to"] is None and unmapped_line["from"] == [*PENGLAI]


def test_a_district_without_coordinates_is_drawn_at_its_city(program):
    place("淮北市", (116.7982, 33.9559))
    flows = get_dashboard(program)["flows"]
    assert lines_of(flows)[("淮北市", "上海")] == 1
    assert [p["name"] for p in flows["unmapped"]] == ["某市"]


def test_batch_and_period_narrow_the_flows(program):
    assert lines_of(get_dashboard(program, 2)["flows"]) == {("蓬莱市", "杭州"): 1}
    # Only A2's assignment (from 3 March 2025) overlaps 2025.
    year_2025 = get_dashboard(program, date_from=D(2025, 1, 1), date_to=D(2025, 12, 31))["flows"]
    assert lines_of(year_2025) == {("蓬莱市", "杭州"): 1}
    assert "batch=2" in get_dashboard(program, 2)["flows"]["lines"][0]["url"]


def test_data_endpoint_equals_the_flow_selector(program, login):
    client = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    page = client.get("/dashboard/flow/data.json?batch=1")
    expected = cadre_flows(
        Participant.objects.filter(program=program, batch__number=1), "/dashboard/flow/flows/?batch=1"
    )
    assert page.json()["flows"] == json.loads(json.dumps(expected, cls=DjangoJSONEncoder))


def test_dashboard_page_draws_the_map_from_our_static_files(program, login):
    client = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    html = client.get("/dashboard/flow/").content.decode()
    assert 'data-dash="flows"' in html and 'data-geo="/static/vendor/china.json"' in html
    assert "未标注坐标" in html and "相山区（派出地，1人）" in html
    assert "/dashboard/flow/flows/?home=%E8%93%AC%E8%8E%B1%E5%B8%82&amp;host=%E6%9D%AD%E5%B7%9E" in html


def test_a_line_drills_down_to_its_cadres_and_assignments(program, login):
    client = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    url = get_dashboard(program)["flows"]["lines"][0]["url"]
    html = client.get(url).content.decode()
    assert "干部A1" in html and "干部A2" in html and "浙江大学国家大学科技园" in html
    assert "干部A3" not in html and "干部B1" not in html
    assert "共 2 名干部、2 条派驻记录" in html
    batch2 = client.get(url + "&batch=2").content.decode()
    assert "干部A2" in batch2 and "干部A1" not in batch2


def test_drill_down_is_scoped_and_needs_both_ends(program, login):
    outsider = login(Role.PROGRAM_MANAGER)
    assert outsider.get("/dashboard/flow/flows/?home=蓬莱市&host=杭州").status_code == 404
    manager = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    missing = manager.get("/dashboard/flow/flows/?home=蓬莱市")
    assert missing.status_code == 400 and "host" in missing.content.decode()


def test_overview_flows_and_drill_down_cover_only_visible_programs(program, login):
    other = make_program("flow2", name="另一计划")
    send(cadre(other, "Z1", unit_in("山东省", "烟台市", "蓬莱市", unit="市商务局")), "杭州", "杭州某园区")
    both = get_overview(type(program).objects.filter(code__in=["flow", "flow2"]))["flows"]
    assert lines_of(both)[("蓬莱市", "杭州")] == 3
    client = login(Role.PROGRAM_MANAGER, programs_granted=[other])
    page = client.get("/dashboard/").content.decode()
    assert 'data-dash="flows"' in page
    assert lines_of(page_data(page)["flows"]) == {("蓬莱市", "杭州"): 1}
    drill = client.get("/dashboard/?home=蓬莱市&host=杭州").content.decode()
    assert "干部Z1" in drill and "干部A1" not in drill and "另一计划" in drill
