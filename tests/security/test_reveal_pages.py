"""查看完整信息 on the cadre page and through the API: shown once, to a permitted role, with a reason,
marked X-Personal-Data: revealed and never cached; everything else stays masked (the pii_scan guard of
this folder fails any other response that carries the full number)."""

import pytest

from cadreforge.accounts.models import Role
from cadreforge.api.services import create_token
from cadreforge.audit.models import AuditEntry
from cadreforge.core.validators import id_check_character, mask_id_number

from ..builders import make_participant, make_program, make_user

ID_NUMBER = "11010519491231002" + id_check_character("11010519491231002")
MOBILE = "13812345678"


@pytest.fixture
def wang(db):
    program = make_program("penglai-3360", name="蓬莱挂职")
    return make_participant(program, "P001", name="王一", id_number=ID_NUMBER, mobile=MOBILE)


def _manager(login, wang):
    return login(Role.PROGRAM_MANAGER, programs_granted=[wang.program])


def test_the_detail_page_offers_the_button_to_a_permitted_role_and_stays_masked(login, wang):
    page = _manager(login, wang).get(f"/cadres/{wang.cadre_id}/")
    html = page.content.decode()
    assert "查看完整信息" in html and f"/cadres/{wang.cadre_id}/reveal/" in html
    assert mask_id_number(ID_NUMBER) in html and ID_NUMBER not in html
    assert "<script>" not in html  # the reason form folds open without inline script (CSP)


@pytest.mark.parametrize("role", [Role.LEADER, Role.SYSTEM_ADMIN, Role.AUDITOR])
def test_roles_that_may_not_unmask_see_no_button_and_get_403(login, wang, role):
    client = login(role)
    assert "查看完整信息" not in client.get(f"/cadres/{wang.cadre_id}/").content.decode()
    response = client.post(f"/cadres/{wang.cadre_id}/reveal/", {"field": "id_number", "reason": "好奇"})
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="cadre.reveal").exists()
    assert AuditEntry.objects.filter(action="cadre.reveal_denied", actor=client.user).exists()


def test_revealing_with_a_reason_shows_the_number_once_uncached_and_audited(login, wang):
    client = _manager(login, wang)
    response = client.post(f"/cadres/{wang.cadre_id}/reveal/", {"field": "id_number", "reason": "办理保险"})
    assert response.status_code == 200
    assert ID_NUMBER in response.content.decode()
    assert response["X-Personal-Data"] == "revealed"
    assert response["Cache-Control"] == "no-store"
    entry = AuditEntry.objects.get(action="cadre.reveal")
    assert entry.actor == client.user and entry.changes["reason"] == "办理保险"
    # The detail page after it is masked again.
    assert ID_NUMBER not in client.get(f"/cadres/{wang.cadre_id}/").content.decode()


def test_an_empty_reason_shows_the_form_again_with_a_chinese_error_and_no_number(login, wang):
    client = _manager(login, wang)
    response = client.post(f"/cadres/{wang.cadre_id}/reveal/", {"field": "mobile", "reason": "  "})
    html = response.content.decode()
    assert response.status_code == 200 and "须填写理由" in html
    assert MOBILE not in html and "X-Personal-Data" not in response
    assert not AuditEntry.objects.filter(action="cadre.reveal").exists()


def test_the_reveal_page_of_a_cadre_outside_the_grant_answers_404(login, wang):
    other = make_participant(make_program("xiaoshan"), "X001", name="李二", id_number=ID_NUMBER[:0] or "")
    client = _manager(login, wang)
    assert client.get(f"/cadres/{other.cadre_id}/reveal/").status_code == 404
    response = client.post(f"/cadres/{other.cadre_id}/reveal/", {"field": "id_number", "reason": "核对"})
    assert response.status_code == 404


def _bearer(client_class, user):
    _, clear = create_token(user, name="测试")
    return client_class(HTTP_AUTHORIZATION=f"Bearer {clear}")


def test_the_api_reveals_with_a_reason_marked_and_uncached(client, wang):
    from django.test import Client

    manager = make_user(Role.PROGRAM_MANAGER, programs_granted=[wang.program])
    api = _bearer(Client, manager)
    url = "/api/v1/programs/penglai-3360/cadres/P001/reveal"
    response = api.post(url, {"field": "id_number", "reason": "核对身份"}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json() == {"code": "P001", "name": "王一", "field": "id_number", "value": ID_NUMBER}
    assert response["X-Personal-Data"] == "revealed" and response["Cache-Control"] == "no-store"
    assert AuditEntry.objects.filter(action="cadre.reveal", actor=manager).count() == 1
    listed = api.get("/api/v1/programs/penglai-3360/cadres").json()["items"][0]
    assert listed["id_number_masked"] == mask_id_number(ID_NUMBER)


def test_the_api_refuses_an_empty_reason_a_role_without_permission_and_an_unknown_cadre(wang):
    from django.test import Client

    url = "/api/v1/programs/penglai-3360/cadres/{}/reveal"
    manager = _bearer(Client, make_user(Role.PROGRAM_MANAGER, programs_granted=[wang.program]))
    empty = manager.post(
        url.format("P001"), {"field": "mobile", "reason": ""}, content_type="application/json"
    )
    assert empty.status_code == 400 and "须填写理由" in empty.json()["detail"]
    missing = manager.post(
        url.format("P999"), {"field": "mobile", "reason": "核对"}, content_type="application/json"
    )
    assert missing.status_code == 404
    leader = _bearer(Client, make_user(Role.LEADER))
    denied = leader.post(
        url.format("P001"), {"field": "mobile", "reason": "核对"}, content_type="application/json"
    )
    assert denied.status_code == 403 and MOBILE not in denied.content.decode()
    assert not AuditEntry.objects.filter(action="cadre.reveal").exists()
