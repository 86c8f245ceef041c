"""Placing enterprises on chain links and taking them off: the gaps follow, only managers of the home
region may do it (page and API), and every change is audited."""

import pytest
from django.test import Client

from cadreforge.accounts.models import Role
from cadreforge.api.services import create_token
from cadreforge.audit.models import AuditEntry
from cadreforge.chains import services as chains
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.pipeline import chainmap
from cadreforge.pipeline.models import Enterprise, LinkEnterprise
from cadreforge.pipeline.services import get_or_create_enterprise
from cadreforge.programs.models import Program
from tests.builders import make_program, make_user

HUAIBEI = "安徽省淮北市"


@pytest.fixture
def world(db):
    cluster = chains.get_or_create_cluster("新型煤化工合成材料产业集群", region=HUAIBEI)
    chain = chains.get_or_create_chain("高分子材料产业链", cluster=cluster)
    upstream = chains.get_or_create_link(chain, "煤制烯烃", "up")
    chains.get_or_create_link(chain, "集成电路封装材料", "down")
    chainmap.place_enterprise(None, upstream, get_or_create_enterprise("淮北烯烃化工有限公司"), role="local")
    huaibei = make_program("huaibei")
    loudi = make_program("loudi")
    Program.objects.filter(pk=huaibei.pk).update(region=HUAIBEI)
    Program.objects.filter(pk=loudi.pk).update(region="湖南省娄底市")
    return {"chain": chain, "huaibei": huaibei, "loudi": loudi}


def _link(world, name="集成电路封装材料"):
    return world["chain"].links.get(name=name)


def _gaps(world) -> list[str]:
    return [g["link"].name for g in chainmap.chain_gaps(world["chain"])]


def test_a_local_enterprise_placed_on_a_gap_closes_it_and_removing_it_reopens_it(world):
    manager = make_user(Role.PROGRAM_MANAGER, programs_granted=[world["huaibei"]])
    assert _gaps(world) == ["集成电路封装材料"]
    placement = chainmap.place_enterprise_by_name(
        manager, _link(world), "淮北华芯封装材料有限公司", role="local"
    )
    assert _gaps(world) == []
    assert chainmap.region_map(HUAIBEI)["gap_count"] == 0
    chainmap.remove_enterprise(manager, placement)
    assert _gaps(world) == ["集成电路封装材料"]
    actions = list(AuditEntry.objects.filter(actor=manager).values_list("action", flat=True).order_by("id"))
    assert actions == ["chain.place", "chain.remove"]


def test_a_target_enterprise_does_not_close_a_gap_but_is_listed_under_its_city(world):
    chainmap.place_enterprise_by_name(None, _link(world), "苏州电子材料有限公司", role="target", city="苏州")
    gaps = chainmap.chain_gaps(world["chain"])
    assert [g["link"].name for g in gaps] == ["集成电路封装材料"]
    assert [c["city"] for c in gaps[0]["cities"]] == ["苏州"]


@pytest.mark.parametrize("who", ["other_region_manager", "cadre", "leader"])
def test_only_managers_of_the_home_region_may_place(world, who):
    user = {
        "other_region_manager": lambda: make_user(Role.PROGRAM_MANAGER, programs_granted=[world["loudi"]]),
        "cadre": lambda: make_user(Role.CADRE),
        "leader": lambda: make_user(Role.LEADER),
    }[who]()
    with pytest.raises(PermissionDenied):
        chainmap.place_enterprise_by_name(user, _link(world), "某封装材料有限公司", role="local")
    assert not Enterprise.objects.filter(name="某封装材料有限公司").exists()  # nothing added on refusal
    placement = LinkEnterprise.objects.get()
    with pytest.raises(PermissionDenied):
        chainmap.remove_enterprise(user, placement)
    assert LinkEnterprise.objects.count() == 1


def test_an_unknown_role_is_refused_in_chinese(world):
    with pytest.raises(DomainError, match="未知的环节企业类别"):
        chainmap.place_enterprise_by_name(None, _link(world), "某封装材料有限公司", role="boss")
    assert _gaps(world) == ["集成电路封装材料"]
    assert not Enterprise.objects.filter(name="某封装材料有限公司").exists()


# --- the pages -----------------------------------------------------------------------------------------

pages = pytest.mark.urls("tests.pipeline.urls")


@pages
def test_a_region_manager_places_from_the_chain_map_and_the_gap_closes(login, world):
    client = login(make_user(Role.PROGRAM_MANAGER, programs_granted=[world["huaibei"]]))
    link = _link(world)
    chain_map = client.get("/pipeline/chains/").content.decode()
    assert f"/pipeline/chains/links/{link.pk}/" in chain_map
    assert "其中 1 个缺少本地企业" in chain_map
    response = client.post(
        f"/pipeline/chains/links/{link.pk}/place/",
        {"enterprise": "淮北华芯封装材料有限公司", "role": "local"},
    )
    assert response.status_code == 302
    assert "其中 0 个缺少本地企业" in client.get("/pipeline/chains/").content.decode()
    page = client.get(f"/pipeline/chains/links/{link.pk}/").content.decode()
    placement = LinkEnterprise.objects.get(link=link)
    assert "淮北华芯封装材料有限公司" in page and 'data-gap="0"' in page
    response = client.post(f"/pipeline/chains/links/{link.pk}/remove/{placement.pk}/")
    assert response.status_code == 302
    assert "其中 1 个缺少本地企业" in client.get("/pipeline/chains/").content.decode()


@pages
def test_a_bad_placement_is_shown_on_the_link_page_and_changes_nothing(login, world):
    client = login(make_user(Role.PROGRAM_MANAGER, programs_granted=[world["huaibei"]]))
    link = _link(world)
    response = client.post(
        f"/pipeline/chains/links/{link.pk}/place/",
        {"enterprise": "某封装材料有限公司", "uscc": "123", "role": "local"},
    )
    assert response.status_code == 400
    assert "统一社会信用代码" in response.content.decode()
    assert not LinkEnterprise.objects.filter(link=link).exists()


@pages
def test_the_link_page_is_not_found_for_a_manager_of_another_region(login, world):
    client = login(make_user(Role.PROGRAM_MANAGER, programs_granted=[world["loudi"]]))
    link = _link(world)
    assert "维护企业" not in client.get("/pipeline/chains/").content.decode()
    assert client.get(f"/pipeline/chains/links/{link.pk}/").status_code == 404
    response = client.post(
        f"/pipeline/chains/links/{link.pk}/place/", {"enterprise": "某企业", "role": "local"}
    )
    assert response.status_code == 404
    placement = LinkEnterprise.objects.get()
    assert (
        client.post(f"/pipeline/chains/links/{placement.link_id}/remove/{placement.pk}/").status_code == 404
    )
    assert LinkEnterprise.objects.count() == 1


@pages
@pytest.mark.parametrize("role", [Role.CADRE, Role.LEADER, Role.VERIFIER])
def test_roles_that_may_not_write_read_the_map_but_may_not_place(login, world, role):
    client = login(make_user(role, programs_granted=[world["huaibei"]] if role == Role.VERIFIER else ()))
    link = _link(world)
    chain_map = client.get("/pipeline/chains/")
    assert chain_map.status_code == 200 and "维护企业" not in chain_map.content.decode()
    assert client.get(f"/pipeline/chains/links/{link.pk}/").status_code == 403
    response = client.post(
        f"/pipeline/chains/links/{link.pk}/place/", {"enterprise": "某企业", "role": "local"}
    )
    assert response.status_code == 403
    assert LinkEnterprise.objects.count() == 1


# --- the API -------------------------------------------------------------------------------------------


def _api(user) -> Client:
    _, clear = create_token(user, name="测试")
    return Client(HTTP_AUTHORIZATION=f"Bearer {clear}")


def test_a_region_manager_places_and_removes_through_the_api(world):
    client = _api(make_user(Role.PROGRAM_MANAGER, programs_granted=[world["huaibei"]]))
    link = _link(world)
    url = f"/api/v1/programs/huaibei/chain-links/{link.pk}"
    assert client.get(url).json()["gap"] is True
    response = client.post(
        f"{url}/enterprises",
        {"enterprise": "淮北华芯封装材料有限公司", "role": "local"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["gap"] is False and [p["enterprise"] for p in data["locals"]] == ["淮北华芯封装材料有限公司"]
    response = client.delete(f"{url}/enterprises/{data['locals'][0]['enterprise_id']}")
    assert response.status_code == 200 and response.json()["gap"] is True


def test_the_api_refuses_out_of_region_links_and_roles_that_may_not_write(world):
    link = _link(world)
    body = {"enterprise": "某企业", "role": "local"}
    loudi = _api(make_user(Role.PROGRAM_MANAGER, programs_granted=[world["loudi"]]))
    response = loudi.post(
        f"/api/v1/programs/loudi/chain-links/{link.pk}/enterprises", body, content_type="application/json"
    )
    assert response.status_code == 404
    response = loudi.post(
        f"/api/v1/programs/huaibei/chain-links/{link.pk}/enterprises", body, content_type="application/json"
    )
    assert response.status_code == 404
    verifier = _api(make_user(Role.VERIFIER, programs_granted=[world["huaibei"]]))
    response = verifier.post(
        f"/api/v1/programs/huaibei/chain-links/{link.pk}/enterprises", body, content_type="application/json"
    )
    assert response.status_code == 403
    manager = _api(make_user(Role.PROGRAM_MANAGER, programs_granted=[world["huaibei"]]))
    response = manager.post(
        f"/api/v1/programs/huaibei/chain-links/{link.pk}/enterprises",
        {"enterprise": "某企业", "role": "boss"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "未知的环节企业类别" in response.json()["detail"]
    assert LinkEnterprise.objects.count() == 1


def test_unknown_links_and_enterprises_answer_404_through_the_api(world):
    client = _api(make_user(Role.PROGRAM_MANAGER, programs_granted=[world["huaibei"]]))
    huge = 2**70
    assert client.get(f"/api/v1/programs/huaibei/chain-links/{huge}").status_code == 422
    link = _link(world, "煤制烯烃")
    url = f"/api/v1/programs/huaibei/chain-links/{link.pk}/enterprises"
    assert client.delete(f"{url}/{huge}").status_code == 422
    assert client.delete(f"{url}/999999").status_code == 404
    assert LinkEnterprise.objects.count() == 1
