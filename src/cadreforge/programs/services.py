"""Writes of programs, batches, teams, participants, grants, host units and posts.

Every function takes the acting user first (None for the system: CLI and demo loader), checks that the
actor may write the program, and audits the change.
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction

from cadreforge.accounts.models import User
from cadreforge.audit.services import record
from cadreforge.chains.models import Chain
from cadreforge.core.errors import DomainError, PermissionDenied
from cadreforge.core.locking import claim_version
from cadreforge.core.services import first_message
from cadreforge.core.text import clean, text_key
from cadreforge.people.models import Cadre

from .models import Batch, HostUnit, Participant, Post, Program, ProgramGrant, Team


def ensure_may_write(actor: User | None, program: Program | None = None) -> None:
    """The system (None) may write anything; a user needs a writing role and, unless they see every
    program, a grant for this program."""
    if actor is None:
        return
    if not actor.is_active or not actor.may_write:
        raise PermissionDenied("您的角色无权修改计划数据。")
    if program is not None and not actor.sees_all_programs and not program.grants.filter(user=actor).exists():
        raise PermissionDenied(f"您无权修改计划“{program.code}”。")


_PROGRAM_CODE = re.compile(r"^[a-z0-9-]+$")


def _full_clean(obj) -> None:
    """Model validation, with Django's ValidationError turned into a DomainError (Chinese message)."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise DomainError(first_message(exc)) from exc


@transaction.atomic
def create_program(
    actor, *, code: str, name: str, kind: str, organiser: str = "", region: str = "", description: str = ""
) -> Program:
    """Create a program. A creator who sees only granted programs is granted the new one, so that they
    can go on to add its batches and cadres."""
    ensure_may_write(actor)
    code = clean(code)
    if not _PROGRAM_CODE.match(code):
        raise DomainError(f"计划代码“{code}”格式不对：只能由小写字母、数字和连字符组成，如 penglai-3360")
    if Program.objects.filter(code=code).exists():
        raise DomainError(f"计划代码“{code}”已被使用")
    if kind not in Program.Kind.values:
        raise DomainError(f"未知的计划类型“{kind}”")
    program = Program(
        code=code,
        name=clean(name),
        kind=kind,
        organiser=clean(organiser),
        region=clean(region),
        description=description.strip(),
    )
    _full_clean(program)
    program.save()
    record(actor, "program.create", program, {"code": code, "name": program.name, "kind": kind})
    if actor is not None and not actor.sees_all_programs:
        grant = ProgramGrant.objects.create(user=actor, program=program)
        record(actor, "grant.create", grant, {"user": actor.username, "program": program.code})
    return program


@transaction.atomic
def update_program(actor, program: Program, *, expected_version: int | None = None, **fields) -> Program:
    """Change a program's fields. `expected_version` is the version the editor loaded (forms and the API
    send it): if someone saved in between, StaleEdit is raised and nothing changes."""
    ensure_may_write(actor, program)
    if {"version", "code"} & set(fields):
        raise DomainError("计划代码和版本号不能直接修改")
    fields = {k: clean(v) if k in ("name", "organiser", "region") else v for k, v in fields.items()}
    if "name" in fields and not fields["name"]:
        raise DomainError(f"计划“{program.code}”的名称不能为空")
    before = {k: getattr(program, k) for k in fields}
    for key, value in fields.items():
        setattr(program, key, value)
    _full_clean(program)
    claim_version(program, expected_version, f"计划“{program.name}”")
    program.save()
    record(actor, "program.update", program, {"before": before, "after": fields, "version": program.version})
    return program


@transaction.atomic
def create_batch(
    actor,
    program: Program,
    *,
    number: int,
    name: str = "",
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    quota: int | None = None,
    status: str = Batch.Status.PLANNED,
) -> Batch:
    ensure_may_write(actor, program)
    if number < 1:
        raise DomainError(f"批次号应为正整数，而不是{number}")
    if program.batches.filter(number=number).exists():
        raise DomainError(f"计划“{program.code}”已有第{number}批")
    if start_date and end_date and end_date < start_date:
        raise DomainError("批次结束日期早于开始日期")
    batch = Batch.objects.create(
        program=program,
        number=number,
        name=clean(name),
        start_date=start_date,
        end_date=end_date,
        quota=quota,
        status=status,
    )
    record(actor, "batch.create", batch, {"program": program.code, "number": number})
    return batch


@transaction.atomic
def create_team(actor, batch: Batch, *, name: str, leader: Participant | None = None) -> Team:
    ensure_may_write(actor, batch.program)
    name = clean(name)
    if leader is not None and leader.batch_id != batch.id:
        raise DomainError("队长必须是本批次的干部")
    if not name:
        raise DomainError("小分队名称不能为空")
    if batch.teams.filter(name=name).exists():
        raise DomainError(f"{batch}已有小分队“{name}”")
    team = Team.objects.create(batch=batch, name=name, leader=leader)
    if leader is not None:
        leader.team = team
        leader.save(update_fields=["team", "updated_at"])
    record(actor, "team.create", team, {"batch": batch.pk, "leader": leader and leader.code})
    return team


@transaction.atomic
def set_team_members(actor, team: Team, members: list[Participant]) -> None:
    ensure_may_write(actor, team.batch.program)
    for member in members:
        if member.batch_id != team.batch_id:
            raise DomainError(f"干部“{member.cadre.name}”不属于该批次，不能编入小分队")
    Participant.objects.filter(team=team).exclude(pk__in=[m.pk for m in members]).update(team=None)
    Participant.objects.filter(pk__in=[m.pk for m in members]).update(team=team)
    record(actor, "team.members", team, {"members": [m.code for m in members]})


@transaction.atomic
def enrol_cadre(
    actor, program: Program, cadre: Cadre, *, code: str, batch: Batch | None = None, track: str = ""
) -> Participant:
    """Make a cadre take part in a program (with the ledger's 干部编号 `code`)."""
    ensure_may_write(actor, program)
    code = clean(code)
    if not code:
        raise DomainError("干部编号不能为空")
    if batch is not None and batch.program_id != program.id:
        raise DomainError("批次不属于该计划")
    if program.participants.filter(code=code).exists():
        raise DomainError(f"干部编号“{code}”在计划中已被使用")
    if program.participants.filter(cadre=cadre).exists():
        raise DomainError(f"干部“{cadre.name}”已在该计划中")
    participant = Participant.objects.create(
        program=program, cadre=cadre, code=code, batch=batch, track=clean(track)
    )
    record(
        actor,
        "participant.create",
        participant,
        {"program": program.code, "code": code, "batch": batch and batch.number},
    )
    return participant


@transaction.atomic
def grant_program(actor, user: User, program: Program) -> ProgramGrant:
    """Let a user manage a program. Only someone who may write that program may grant it (a manager
    cannot grant themselves a program they do not manage)."""
    ensure_may_write(actor, program)
    grant, created = ProgramGrant.objects.get_or_create(user=user, program=program)
    if created:
        record(actor, "grant.create", grant, {"user": user.username, "program": program.code})
    return grant


def get_or_create_host_unit(*, name: str, city: str, kind: str = HostUnit.Kind.OTHER) -> HostUnit:
    name, city = clean(name), clean(city)
    host = HostUnit.objects.filter(city=city, name_key=text_key(name)).first()
    if host is None:
        if kind not in HostUnit.Kind.values:
            raise DomainError(f"未知的单位类型“{kind}”")
        host = HostUnit.objects.create(name=name, city=city, kind=kind)
    return host


@transaction.atomic
def create_post(
    actor,
    program: Program,
    *,
    code: str,
    host: HostUnit,
    chains: list[Chain] = (),
    capacity: int = 1,
    duties: str = "",
    title: str = "",
) -> Post:
    ensure_may_write(actor, program)
    code = clean(code)
    if not code:
        raise DomainError("岗位编号不能为空")
    if capacity < 1:
        raise DomainError("岗位名额至少为1")
    if program.posts.filter(code=code).exists():
        raise DomainError(f"岗位编号“{code}”在计划中已被使用")
    post = Post.objects.create(
        program=program,
        code=code,
        host=host,
        capacity=capacity,
        duties=duties.strip(),
        title=clean(title),
    )
    post.chains.set(chains)
    record(actor, "post.create", post, {"program": program.code, "code": code, "host": str(host)})
    return post
