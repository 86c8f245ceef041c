import pytest

from cadreforge.accounts.models import Role
from cadreforge.programs import services as programs
from cadreforge.programs.models import HostUnit
from cadreforge.secondment.services import assign_post

from ..builders import make_participant, make_program


@pytest.fixture
def posts(db):
    penglai = make_program("penglai", name="蓬莱计划")
    other = make_program("other", name="另一计划")
    suzhou = programs.get_or_create_host_unit(name="苏州工业园区", city="苏州", kind=HostUnit.Kind.DEV_ZONE)
    shenzhen = programs.get_or_create_host_unit(
        name="深圳湾科技园", city="深圳", kind=HostUnit.Kind.SCIENCE_PARK
    )
    g1 = programs.create_post(None, penglai, code="G01", host=suzhou, capacity=3)
    programs.create_post(None, penglai, code="G02", host=shenzhen)
    programs.create_post(None, other, code="Z09", host=suzhou)
    assign_post(None, make_participant(penglai, "P001"), g1)
    assign_post(None, make_participant(penglai, "P002"), g1)
    return penglai


def test_post_list_shows_capacity_and_cadres_posted(login, posts):
    html = login(Role.SYSTEM_ADMIN).get("/posts/").content.decode()
    for text in ("蓬莱计划", "G01", "苏州", "苏州工业园区", "开发园区", "深圳湾科技园", "科技园", "Z09"):
        assert text in html, text
    assert 'data-assigned="G01">2<' in html and 'data-assigned="G02">0<' in html


def test_post_list_filters_by_program_and_city(login, posts):
    client = login(Role.SYSTEM_ADMIN)
    by_program = client.get("/posts/", {"program": "penglai"}).content.decode()
    assert "G01" in by_program and "Z09" not in by_program
    by_city = client.get("/posts/", {"program": "penglai", "city": "深圳"}).content.decode()
    assert "G02" in by_city and "G01" not in by_city


def test_manager_sees_only_posts_of_granted_programs(login, posts):
    html = login(Role.PROGRAM_MANAGER, programs_granted=[posts]).get("/posts/").content.decode()
    assert "G01" in html and "Z09" not in html
