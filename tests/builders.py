"""Test helpers: build realistic records in a line or two, through the same services the product uses.

program = make_program("penglai-3360", batches=2)
wang = make_participant(program, "P001", batch=1)
make_project(program, "X1", stage=Stage.SIGNED, cadres=[wang], amount_wan="30000")
"""

import datetime as dt
import itertools
from decimal import Decimal

from cadreforge.accounts.models import Role, User
from cadreforge.core.money import wan_to_yuan
from cadreforge.core.stages import Stage
from cadreforge.org.services import get_or_create_unit
from cadreforge.people.services import create_cadre
from cadreforge.pipeline import services as pipeline
from cadreforge.programs import services as programs
from cadreforge.programs.models import Participant, Program
from cadreforge.secondment import services as secondment

PASSWORD = "Test-pass-2026!"
_seq = itertools.count(1)


def make_user(role: str = Role.PROGRAM_MANAGER, username: str | None = None, programs_granted=()) -> User:
    user = User.objects.create_user(username or f"{role}-{next(_seq)}", password=PASSWORD, role=role)
    for program in programs_granted:
        programs.grant_program(None, user, program)
    return user


def make_program(
    code: str = "test-program",
    *,
    batches: int = 1,
    kind: str = Program.Kind.SECONDMENT,
    name: str | None = None,
) -> Program:
    program = programs.create_program(None, code=code, name=name or f"测试计划{code}", kind=kind)
    for n in range(1, batches + 1):
        programs.create_batch(None, program, number=n)
    return program


def make_participant(
    program: Program,
    code: str | None = None,
    *,
    batch: int | None = 1,
    name: str | None = None,
    unit: str = "市投资促进局",
    user: User | None = None,
    **cadre_fields,
) -> Participant:
    code = code or f"C{next(_seq):04d}"
    cadre = create_cadre(None, name=name or f"干部{code}", unit=get_or_create_unit(unit), **cadre_fields)
    if user is not None:
        cadre.user = user
        cadre.save(update_fields=["user"])
    batch_obj = program.batches.get(number=batch) if batch else None
    return programs.enrol_cadre(None, program, cadre, code=code, batch=batch_obj)


def make_visit(participant: Participant, enterprise: str, date: dt.date | None = None):
    ent = pipeline.get_or_create_enterprise(enterprise)
    return pipeline.record_visit(None, participant, ent, date=date or dt.date(2024, 3, 1))


def make_lead(
    participant: Participant,
    enterprise: str,
    code: str | None = None,
    *,
    valuable: bool = True,
    date: dt.date | None = None,
):
    ent = pipeline.get_or_create_enterprise(enterprise)
    return pipeline.report_lead(
        None,
        participant,
        ent,
        code=code or f"L{next(_seq):05d}",
        date=date or dt.date(2024, 3, 2),
        valuable=valuable,
    )


def make_project(
    program: Program,
    code: str | None = None,
    *,
    stage: Stage = Stage.INSPECTION,
    cadres=(),
    investor: str | None = None,
    amount_wan: str | None = None,
    stage_dates=None,
    name: str = "",
):
    code = code or f"X{next(_seq):05d}"
    ent = pipeline.get_or_create_enterprise(investor or f"测试投资方{code}有限公司")
    amount: Decimal | None = wan_to_yuan(amount_wan) if amount_wan is not None else None
    return pipeline.save_project(
        None,
        program,
        code=code,
        name=name or f"项目{code}",
        investor=ent,
        stage=stage,
        stage_dates=stage_dates or {},
        cadres=list(cadres),
        amount_yuan=amount,
    )


def make_output(
    program: Program,
    title: str,
    *,
    kind: str = "research",
    authors=(),
    characters: int = 0,
    adopted: bool = False,
):
    return secondment.record_output(
        None, program, kind=kind, title=title, authors=list(authors), characters=characters, adopted=adopted
    )
