"""The evaluation back office: every model registered with Chinese labels, and fault-tolerance cases as
confidential there as on the pages — whatever the superuser flag says."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from cadreforge.accounts.models import Role, User
from cadreforge.audit.models import AuditEntry
from cadreforge.evaluation import faults, mentors, services
from cadreforge.programs.services import grant_program
from tests.builders import PASSWORD, make_participant, make_program

pytestmark = pytest.mark.django_db
SECRET = "应急避难场所工程调整实施"


@pytest.fixture
def world():
    program = make_program("eval-admin")
    wang = make_participant(program, "P001", name="王一")
    case = faults.file_case(None, wang, title=SECRET, facts="为按期完工统筹实施")
    scheme = services.save_scheme(None, program, name="年度考核", weights={"visits": 1})
    assessment = services.assess(None, scheme, wang, points=-2, reason="程序瑕疵", fault_case=case)
    return {"program": program, "wang": wang, "case": case, "assessment": assessment}


def _admin(role: str, username: str, program=None) -> Client:
    user = User.objects.create_superuser(username, password=PASSWORD, role=role)
    if program is not None:
        grant_program(None, user, program)
    client = Client()
    client.force_login(user)
    return client


def test_every_evaluation_model_is_in_the_back_office_in_chinese(world):
    page = _admin(Role.SYSTEM_ADMIN, "root").get(reverse("admin:index")).content.decode()
    for label in ("考核方案", "人工评价", "容错纠错案件", "表彰", "提拔推荐", "成长导师结对", "跟班学习记录"):
        assert label in page


def test_the_system_administrator_sees_the_case(world):
    client = _admin(Role.SYSTEM_ADMIN, "root")
    assert SECRET in client.get(reverse("admin:evaluation_faulttolerancecase_changelist")).content.decode()
    change = client.get(reverse("admin:evaluation_faulttolerancecase_change", args=[world["case"].pk]))
    assert change.status_code == 200 and "为按期完工统筹实施" in change.content.decode()


@pytest.mark.parametrize("role", [Role.SECURITY_ADMIN, Role.AUDIT_ADMIN, Role.LEADER, Role.AUDITOR])
def test_a_superuser_of_another_role_cannot_see_or_open_the_case(world, role):
    client = _admin(role, f"su-{role}")
    listing = client.get(reverse("admin:evaluation_faulttolerancecase_changelist"))
    assert listing.status_code == 403 or SECRET not in listing.content.decode()
    change = client.get(
        reverse("admin:evaluation_faulttolerancecase_change", args=[world["case"].pk]), follow=True
    )
    assert SECRET not in change.content.decode() and "为按期完工统筹实施" not in change.content.decode()
    assert "容错纠错案件" not in client.get(reverse("admin:index")).content.decode()


def test_a_manager_sees_the_cases_of_granted_programs_only(world):
    outsider = _admin(Role.PROGRAM_MANAGER, "pm-out")
    listing = outsider.get(reverse("admin:evaluation_faulttolerancecase_changelist")).content.decode()
    assert SECRET not in listing
    granted = _admin(Role.PROGRAM_MANAGER, "pm-in", program=world["program"])
    assert SECRET in granted.get(reverse("admin:evaluation_faulttolerancecase_changelist")).content.decode()


def test_an_assessment_does_not_reveal_its_case_to_someone_who_may_not_see_it(world):
    url = reverse("admin:evaluation_manualassessment_change", args=[world["assessment"].pk])
    outsider = _admin(Role.PROGRAM_MANAGER, "pm-out")
    page = outsider.get(url).content.decode()
    assert "程序瑕疵" in page and SECRET not in page and 'name="fault_case"' not in page
    root = _admin(Role.SYSTEM_ADMIN, "root")
    assert 'name="fault_case"' in root.get(url).content.decode()


def test_the_case_title_stays_out_of_the_audit_log_and_deletion_lists(world):
    entries = AuditEntry.objects.filter(object_type__icontains="faulttolerancecase")
    assert entries.exists() and not entries.filter(object_repr__contains=SECRET).exists()
    client = _admin(Role.SYSTEM_ADMIN, "root")
    page = client.get(reverse("admin:programs_participant_delete", args=[world["wang"].pk])).content.decode()
    assert "容错纠错案件" in page and SECRET not in page


def test_a_shadowing_log_edited_in_the_back_office_is_audited(world):
    pairing = mentors.pair_mentor(
        None,
        world["wang"],
        mentor_name="周导师",
        mentor_post="骨干",
        start_date=dt.date(2022, 3, 1),
        goals="目标",
    )
    client = _admin(Role.SYSTEM_ADMIN, "root")
    url = reverse("admin:evaluation_mentorpairing_change", args=[pairing.pk])
    assert "周导师" in client.get(url).content.decode()
    data = {
        "participant": world["wang"].pk, "mentor_cadre": "", "mentor_name": "周导师", "mentor_post": "中心主任",
        "place": "", "start_date": "2022-03-01", "end_date": "", "goals": "目标",
        "logs-TOTAL_FORMS": "0", "logs-INITIAL_FORMS": "0", "logs-MIN_NUM_FORMS": "0", "logs-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302
    pairing.refresh_from_db()
    assert pairing.mentor_post == "中心主任"
    assert AuditEntry.objects.filter(action="admin.change", object_id=str(pairing.pk)).exists()
