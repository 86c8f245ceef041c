"""Who may write a program, and that every write leaves an audit entry."""

import datetime as dt

import pytest

from cadreforge.accounts.models import Role
from cadreforge.audit.models import AuditEntry
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.core.stages import Stage
from cadreforge.pipeline import services as pipeline
from cadreforge.programs import services as programs
from cadreforge.programs.models import Program, ProgramGrant
from cadreforge.secondment import services as secondment
from tests.builders import make_participant, make_program, make_user


@pytest.fixture
def program(db):
    return make_program("p1")


@pytest.mark.parametrize("role", [Role.LEADER, Role.AUDITOR, Role.CADRE, Role.VERIFIER, Role.HOST_CONTACT])
def test_a_reading_role_may_not_write_a_program(program, role):
    with pytest.raises(PermissionDenied, match="您的角色无权修改计划数据"):
        programs.ensure_may_write(make_user(role), program)


def test_a_manager_without_a_grant_may_not_write_the_program(program):
    with pytest.raises(PermissionDenied, match="您无权修改计划“p1”"):
        programs.create_batch(make_user(Role.PROGRAM_MANAGER), program, number=2)
    assert program.batches.count() == 1


def test_a_granted_manager_and_a_system_administrator_may_write(program):
    manager = make_user(Role.PROGRAM_MANAGER, programs_granted=[program])
    programs.ensure_may_write(manager, program)
    programs.ensure_may_write(make_user(Role.SYSTEM_ADMIN), program)
    programs.ensure_may_write(None, program)


def test_a_deactivated_manager_may_not_write(program):
    manager = make_user(Role.PROGRAM_MANAGER, programs_granted=[program])
    manager.is_active = False
    with pytest.raises(PermissionDenied):
        programs.ensure_may_write(manager, program)


def test_a_manager_cannot_grant_themselves_a_program_they_do_not_manage(program):
    manager = make_user(Role.PROGRAM_MANAGER)
    with pytest.raises(PermissionDenied):
        programs.grant_program(manager, manager, program)
    assert not ProgramGrant.objects.filter(user=manager).exists()


def test_a_manager_who_creates_a_program_may_go_on_to_fill_it(db):
    manager = make_user(Role.PROGRAM_MANAGER)
    program = programs.create_program(manager, code="huaibei-2024", name="双百双招", kind="secondment")
    batch = programs.create_batch(manager, program, number=1, name="先锋团")
    assert batch.program == program
    assert ProgramGrant.objects.filter(user=manager, program=program).exists()


@pytest.mark.parametrize("code", ["Huaibei 2024", "淮北", "huaibei_2024", ""])
def test_a_badly_formed_program_code_is_refused_in_chinese(db, code):
    with pytest.raises(DomainError, match="格式不对"):
        programs.create_program(None, code=code, name="双百双招", kind="secondment")
    assert not Program.objects.exists()


def test_a_batch_number_below_one_is_refused_in_chinese(program):
    with pytest.raises(DomainError, match="批次号应为正整数"):
        programs.create_batch(None, program, number=0)


def test_a_participant_code_is_compared_after_trimming(program):
    make_participant(program, "P001")
    cadre = make_participant(make_program("p2"), "Q1").cadre
    with pytest.raises(DomainError, match="干部编号“P001”在计划中已被使用"):
        programs.enrol_cadre(None, program, cadre, code=" P001 ")


def _every_write(program):
    """Each service write once, with the audit action it must leave."""
    wang = make_participant(program, "P001")
    batch = program.batches.get(number=1)
    host = programs.get_or_create_host_unit(name="宜兴经开区", city="无锡")
    enterprise = pipeline.get_or_create_enterprise("大庄竹业集团")
    post_holder = {}
    day = dt.date(2024, 3, 1)
    return [
        ("program.update", lambda: programs.update_program(None, program, name="新名称")),
        ("batch.create", lambda: programs.create_batch(None, program, number=2)),
        ("team.create", lambda: programs.create_team(None, batch, name="第一小分队", leader=wang)),
        (
            "post.create",
            lambda: post_holder.setdefault("post", programs.create_post(None, program, code="G1", host=host)),
        ),
        ("assignment.save", lambda: secondment.assign_post(None, wang, post_holder["post"], start_date=day)),
        (
            "output.save",
            lambda: secondment.record_output(None, program, kind="journal", title="之江秋悟", authors=[wang]),
        ),
        ("visit.create", lambda: pipeline.record_visit(None, wang, enterprise, date=day)),
        ("lead.create", lambda: pipeline.report_lead(None, wang, enterprise, code="L1", date=day)),
        (
            "project.create",
            lambda: pipeline.save_project(
                None, program, code="X1", name="竹业", investor=enterprise, stage=Stage.INTENT
            ),
        ),
        (
            "talent.create",
            lambda: pipeline.record_talent(None, program, name="李工", level="high_level", cadres=[wang]),
        ),
    ]


def test_every_service_write_leaves_an_audit_entry_naming_its_object(program):
    for action, write in _every_write(program):
        before = AuditEntry.objects.count()
        obj = write()
        entries = AuditEntry.objects.filter(action=action).order_by("-id")
        assert AuditEntry.objects.count() > before, action
        assert entries.exists(), action
        if obj is not None:
            assert entries.first().object_id == str(obj.pk), action


def test_a_write_by_a_user_names_them_in_the_audit_log(program):
    manager = make_user(Role.PROGRAM_MANAGER, username="zhang", programs_granted=[program])
    batch = programs.create_batch(manager, program, number=2)
    entry = AuditEntry.objects.get(action="batch.create", object_id=str(batch.pk))
    assert entry.actor == manager and entry.actor_name == "zhang"
