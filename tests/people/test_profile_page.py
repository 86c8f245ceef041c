"""The cadre's page shows the appointment-form items, family members masked unless the role may see them."""

import datetime as dt

import pytest
from django.urls import reverse

from cadreforge.accounts.models import Role
from cadreforge.people.lrmx import FamilyMember
from cadreforge.people.services import update_form_profile
from tests.builders import make_participant, make_program, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def cadre():
    program = make_program("profile-page")
    cadre = make_participant(program, "P001", name="李明华").cadre
    update_form_profile(
        None, cadre, ethnicity="汉族",
        resume=[(dt.date(2011, 7, 1), None, "经开区投资促进局科员")],
        assessments={2022: "优秀"},
        family=[FamilyMember("妻子", "王芳", dt.date(1990, 1, 1), "群众", "淮安市某小学教师")],
    )  # fmt: skip
    cadre.program = program
    return cadre


def test_a_manager_sees_the_items_and_the_family_in_clear(cadre, login):
    manager = make_user(Role.PROGRAM_MANAGER, programs_granted=[cadre.program])
    page = login(manager).get(reverse("web:cadre-detail", args=[cadre.pk])).content.decode()
    assert "2011.07--" in page and "经开区投资促进局科员" in page and "2022年度考核优秀" in page
    assert "王芳" in page and "1990.01" in page
    assert reverse("evaluation:profile-import", args=[cadre.pk]) in page


def test_a_leader_sees_family_members_masked_and_no_import_link(cadre, login):
    page = login(Role.LEADER).get(reverse("web:cadre-detail", args=[cadre.pk])).content.decode()
    assert "王*" in page and "王芳" not in page and "1990.01" not in page
    assert reverse("evaluation:profile-import", args=[cadre.pk]) not in page
