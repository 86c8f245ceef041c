"""The back office shows cadres' personal data masked only, and audits its writes."""

import pytest
from django.test import Client
from django.urls import reverse

from cadreforge.accounts.models import Role, User
from cadreforge.audit.models import AuditEntry
from cadreforge.org.services import get_or_create_unit
from cadreforge.people.models import Cadre
from cadreforge.people.services import create_cadre

ID_NUMBER = "11010519491231002X"


@pytest.fixture
def admin_client(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = User.objects.create_superuser("root", password="Test-pass-2026!", role=Role.SYSTEM_ADMIN)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def cadre(db):
    unit = get_or_create_unit("市投资促进局")
    return create_cadre(None, name="王程俊", unit=unit, id_number=ID_NUMBER, mobile="13812345678")


def test_the_cadre_page_shows_the_masked_numbers_and_never_the_cipher(admin_client, cadre):
    page = admin_client.get(reverse("admin:people_cadre_change", args=[cadre.pk])).content.decode()
    assert "110***********002X" in page and "138****5678" in page
    assert ID_NUMBER not in page and "13812345678" not in page
    assert cadre.id_number_cipher not in page and cadre.id_number_hash not in page
    assert "id_number_cipher" not in page and "mobile_hash" not in page


def test_the_cadre_list_shows_masked_numbers_only(admin_client, cadre):
    page = admin_client.get(reverse("admin:people_cadre_changelist")).content.decode()
    assert "110***********002X" in page and ID_NUMBER not in page


def _form(cadre, **extra) -> dict:
    data = {
        "name": cadre.name,
        "gender": "",
        "birth_month": "",
        "unit": cadre.unit_id,
        "position": "",
        "rank": "",
        "tags": "[]",
        "user": "",
        "new_id_number": "",
        "new_mobile": "",
    }
    for inline in ("resume", "assessments"):  # the résumé and assessment inlines, left empty
        data |= {f"{inline}-TOTAL_FORMS": "0", f"{inline}-INITIAL_FORMS": "0"}
    return {**data, **extra}


def test_a_new_id_number_typed_in_the_back_office_is_validated_and_stored_encrypted(admin_client, cadre):
    url = reverse("admin:people_cadre_change", args=[cadre.pk])
    refused = admin_client.post(url, _form(cadre, new_id_number="110105194912310021"))
    assert "身份证号校验码不正确" in refused.content.decode()
    admin_client.post(url, _form(cadre, new_id_number="110105198001010032"))
    cadre.refresh_from_db()
    assert cadre.reveal_id_number() == "110105198001010032"
    assert cadre.id_number_masked == "110***********0032"
    assert AuditEntry.objects.filter(action="admin.change", object_id=str(cadre.pk)).exists()


def test_an_unchanged_save_keeps_the_stored_numbers(admin_client, cadre):
    admin_client.post(reverse("admin:people_cadre_change", args=[cadre.pk]), _form(cadre, name="王程俊"))
    assert Cadre.objects.get(pk=cadre.pk).reveal_id_number() == ID_NUMBER
