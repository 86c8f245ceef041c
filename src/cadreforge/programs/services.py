"""Writes of programs, batches, teams, participants, grants, host units and posts.

Every function takes the acting user first (None for the system: CLI and demo loader), checks that the
actor may write the program, and audits the change.
"""

import datetime as dt

from django.db import transaction

from cadreforge.accounts.models import User
from cadreforge.audit.services import record
from cadreforge.chains.models import Chain
from cadreforge.core.errors import DomainError, PermissionDenied
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


@transaction.atomic
def create_program(
    actor, *, code: str, name: str, kind: str, organiser: str = "", region: str = "", description: str = ""
) -> Program:
    ensure_may_write(actor)
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
    program.full_clean()
    program.save()
    record(actor, "program.create", program, {"code": code, "name": program.name, "kind": kind})
    return program


@transaction.atomic
def update_program(actor, program: Program, **fields) -> Program:
    ensure_may_write(actor, program)
    before = {k: getattr(program, k) for k in fields}
    for key, value in fields.items():
        setattr(program, key, value)
    program.full_clean()
    program.save()
    record(actor, "program.update", program, {"before": before, "after": fields})
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
    if leader is not None and leader.batch_id != batch.id:
        raise DomainError("队长必须是本批次的干部")
    team = Team.objects.create(batch=batch, name=clean(name), leader=leader)
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
    if batch is not None and batch.program_id != program.id:
        raise DomainError("批次不属于该计划")
    if program.participants.filter(code=code).exists():
        raise DomainError(f"干部编号“{code}”在计划中已被使用")
    if program.participants.filter(cadre=cadre).exists():
        raise DomainError(f"干部“{cadre.name}”已在该计划中")
    participant = Participant.objects.create(
        program=program, cadre=cadre, code=clean(code), batch=batch, track=clean(track)
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
    ensure_may_write(actor)
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
    if capacity < 1:
        raise DomainError("岗位名额至少为1")
    if program.posts.filter(code=code).exists():
        raise DomainError(f"岗位编号“{code}”在计划中已被使用")
    post = Post.objects.create(
        program=program,
        code=clean(code),
        host=host,
        capacity=capacity,
        duties=duties.strip(),
        title=clean(title),
    )
    post.chains.set(chains)
    record(actor, "post.create", post, {"program": program.code, "code": code, "host": str(host)})
    return post
