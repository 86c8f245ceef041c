"""Writes of the API: API tokens, and the work cadres log from their phones (visits, leads) or managers
record (project stages).

Logging rule: a program's writers (`programs.services.ensure_may_write`) log for any cadre of the program;
a cadre (Role.CADRE) logs only as themselves — their own Participant in that program. A cadre cannot pass
`ensure_may_write`, so after our own check the pipeline service runs as the system (actor None) and the
real user is audited here.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from cadreforge.accounts.models import Role, User
from cadreforge.accounts.security import (
    API_TOKEN_KEY,
    failures_lock_out,
    is_locked_out,
    recent_failures_sql,
)
from cadreforge.audit.services import record
from cadreforge.chains.services import get_or_create_chains
from cadreforge.core.errors import DomainError, NotFound, PermissionDenied
from cadreforge.core.money import wan_to_yuan
from cadreforge.core.replica import read_primary
from cadreforge.core.stages import STAGE_KEYS, Stage, parse_stage
from cadreforge.core.text import clean
from cadreforge.pipeline.models import Lead, Project, Visit
from cadreforge.pipeline.services import (
    change_project_stage,
    get_or_create_enterprise,
    record_visit,
    report_lead,
)
from cadreforge.programs.models import Participant, Program
from cadreforge.programs.services import ensure_may_write

from .models import ApiToken
from .tokens import hash_token, new_clear_token, token_prefix

MAX_ACTIVE_TOKENS = 10
# How often last_used_at is refreshed: often enough to show "in use", rarely enough not to write per call.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)
MAX_AMOUNT_YUAN = Decimal("1e16")


# --- tokens -------------------------------------------------------------------------------------------


@transaction.atomic
def create_token(actor: User, *, name: str) -> tuple[ApiToken, str]:
    """Create a token for the actor themself; returns it with the clear token, which is never stored."""
    name = clean(name)
    if not name:
        raise DomainError("令牌名称不能为空")
    if len(name) > 64:
        raise DomainError("令牌名称不能超过64个字")
    if ApiToken.objects.filter(user=actor, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise DomainError(f"每人最多保留{MAX_ACTIVE_TOKENS}个有效令牌，请先撤销不用的令牌")
    clear = new_clear_token()
    token = ApiToken.objects.create(
        user=actor, name=name, prefix=token_prefix(clear), key_hash=hash_token(clear)
    )
    record(actor, "api_token.create", token, {"name": name, "prefix": token.prefix})
    return token, clear


@transaction.atomic
def revoke_token(actor: User, token: ApiToken) -> ApiToken:
    """Revoke one of the actor's own tokens; it stops working at once."""
    if token.user_id != actor.pk:
        raise NotFound("找不到该令牌，或它不属于您。")
    if token.revoked_at is not None:
        raise DomainError(f"令牌“{token.name}”已于此前撤销")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(actor, "api_token.revoke", token, {"name": token.name, "prefix": token.prefix})
    return token


def authenticate_token(
    clear: str, ip: str | None = None, *, writes: bool = False
) -> tuple[User | None, bool]:
    """(the active user a clear token belongs to or None, whether `ip` is locked out of token logins).
    None for an unknown or revoked token or a disabled user, and for any token from a locked-out address.
    The address's recent failures are read with the token and its user in one query; an unknown token
    costs a second read, to tell a failure to count from a refused try while locked out. Refreshes the
    token's last use at most once a minute.

    `writes`: the request changes data. Its time is recorded, and for REPLICA_PIN_SECONDS after it the
    token's reads go to the primary (core/replica.py): a script that posts a visit and then lists the
    visits sees its own visit, whatever the replica's lag. The token keeps no cookie, so the pin is here."""
    user = _token_user(clear, ip) if clear and len(clear) <= 200 else None
    if user is None:
        return None, is_locked_out(API_TOKEN_KEY, ip)
    token_id, stale, pinned = user.api_token_id, user.api_token_stale, user.api_token_pinned
    failures = user.recent_failures
    del user.api_token_id, user.api_token_stale, user.api_token_pinned, user.recent_failures
    if failures_lock_out(failures):
        return None, True
    if not user.is_active:
        return None, False
    if writes:
        _mark_written(token_id, timezone.now())
    elif stale:
        _mark_used(token_id, timezone.now())
    if pinned:
        read_primary()
    return user, False


def _token_user(clear: str, ip: str | None) -> User | None:
    """The user of an unrevoked token, with the token's id, whether its last use is stale, whether it
    wrote within the replica pin window, and the address's recent failures as extra attributes: one round
    trip. Raw SQL because on the API's every call building and compiling the same ORM query cost several
    times the query itself; the columns and tables are the models' own, and `User.objects.raw` converts
    the user's fields as the ORM does."""
    q = connection.ops.quote_name
    token, user = ApiToken._meta, User._meta
    col = {f.name: f"t.{q(f.column)}" for f in token.concrete_fields}
    failures_sql, failures_params = recent_failures_sql(API_TOKEN_KEY, ip)
    now = timezone.now()
    stale_before = connection.ops.adapt_datetimefield_value(now - LAST_USED_RESOLUTION)
    pinned_after = connection.ops.adapt_datetimefield_value(
        now - dt.timedelta(seconds=settings.CADREFORGE_REPLICA_PIN_SECONDS)
    )
    sql = (
        f"SELECT {', '.join(f'u.{q(f.column)}' for f in user.concrete_fields)},"
        f" {col['id']} AS api_token_id,"
        f" ({col['last_used_at']} IS NULL OR {col['last_used_at']} <= %s) AS api_token_stale,"
        f" ({col['last_write_at']} IS NOT NULL AND {col['last_write_at']} > %s) AS api_token_pinned,"
        f" ({failures_sql}) AS recent_failures"
        f" FROM {q(token.db_table)} t INNER JOIN {q(user.db_table)} u ON u.{q(user.pk.column)} = {col['user']}"
        f" WHERE {col['key_hash']} = %s AND {col['revoked_at']} IS NULL"
    )
    params = [stale_before, pinned_after, *failures_params, hash_token(clear)]
    return next(iter(User.objects.raw(sql, params)), None)


def note_token_use(token: ApiToken, now: dt.datetime | None = None) -> bool:
    """Refresh the token's last use, at most once per LAST_USED_RESOLUTION: a row write on every API call
    would cost more than the call."""
    now = now or timezone.now()
    if token.last_used_at is not None and token.last_used_at > now - LAST_USED_RESOLUTION:
        return False
    if not _mark_used(token.pk, now):
        return False
    token.last_used_at = now
    return True


def _mark_used(token_id: int, now: dt.datetime) -> bool:
    """The UPDATE is conditional, so concurrent calls that all saw a stale last use write it once."""
    stale = now - LAST_USED_RESOLUTION
    fresh = ApiToken.objects.filter(pk=token_id).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lte=stale)
    )
    return bool(fresh.update(last_used_at=now))


def _mark_written(token_id: int, now: dt.datetime) -> None:
    """A write is also a use: one UPDATE for both, on every write (the pin starts at the latest one)."""
    ApiToken.objects.filter(pk=token_id).update(last_write_at=now, last_used_at=now)


# --- logging work -------------------------------------------------------------------------------------


def _text(value: str | None, label: str, limit: int) -> str:
    value = clean(value)
    if len(value) > limit:
        raise DomainError(f"{label}不能超过{limit}个字")
    return value


def _participant(program: Program, cadre_code: str) -> Participant:
    code = clean(cadre_code)
    participant = program.participants.select_related("cadre", "program").filter(code=code).first()
    if participant is None:
        raise DomainError(f"计划“{program.code}”中没有干部编号为“{code}”的干部")
    return participant


def _ensure_may_log_for(actor: User, participant: Participant) -> User | None:
    """Check the actor may log work for this cadre; returns the actor to pass to pipeline services."""
    if actor.role == Role.CADRE:
        if not actor.is_active or participant.cadre.user_id != actor.pk:
            raise PermissionDenied("干部只能以本人身份登记走访和线索。")
        return None
    ensure_may_write(actor, participant.program)
    return actor


def _not_future(date: dt.date, label: str) -> None:
    if date > timezone.localdate():
        raise DomainError(f"{label}（{date}）不能晚于今天")


def _chains(names: list[str]):
    return get_or_create_chains([_text(n, "产业链名称", 64) for n in names])


@transaction.atomic
def log_visit(
    actor: User,
    program: Program,
    *,
    cadre_code: str,
    enterprise: str,
    date: dt.date,
    uscc: str = "",
    location: str = "",
    chains: list[str] = (),
    notes: str = "",
) -> Visit:
    """Log an enterprise visit by a cadre of the program (the same cadre, enterprise and day is one visit)."""
    participant = _participant(program, cadre_code)
    service_actor = _ensure_may_log_for(actor, participant)
    _not_future(date, "走访日期")
    company = get_or_create_enterprise(
        _text(enterprise, "企业名称", 200), uscc=clean(uscc), location=_text(location, "企业所在地", 128)
    )
    visit = record_visit(
        service_actor,
        participant,
        company,
        date=date,
        location=_text(location, "企业所在地", 128),
        chains=_chains(list(chains)),
        notes=notes or "",
    )
    if service_actor is None:
        record(actor, "visit.log", visit, {"participant": participant.code, "enterprise": company.name})
    return visit


@transaction.atomic
def log_lead(
    actor: User,
    program: Program,
    *,
    code: str,
    cadre_code: str,
    enterprise: str,
    date: dt.date,
    content: str = "",
    chains: list[str] = (),
    expected_amount_wan: str | None = None,
    valuable: bool = True,
) -> Lead:
    """Report an investment lead (by 线索编号: the same code again updates it). A cadre may not overwrite a
    lead reported by someone else."""
    participant = _participant(program, cadre_code)
    service_actor = _ensure_may_log_for(actor, participant)
    code = _text(code, "线索编号", 32)
    if not code:
        raise DomainError("线索编号不能为空")
    existing = program.leads.filter(code=code).first()
    if service_actor is None and existing is not None and existing.participant_id != participant.pk:
        raise PermissionDenied(f"线索“{code}”由其他干部报送，您不能修改。")
    _not_future(date, "报送日期")
    amount = _amount(expected_amount_wan)
    company = get_or_create_enterprise(_text(enterprise, "企业名称", 200))
    lead = report_lead(
        service_actor,
        participant,
        company,
        code=code,
        date=date,
        content=content or "",
        chains=_chains(list(chains)),
        expected_amount_yuan=amount,
        valuable=valuable,
    )
    if service_actor is None:
        record(actor, "lead.log", lead, {"code": code, "participant": participant.code})
    return lead


def _amount(wan: str | None) -> Decimal | None:
    if wan is None or not str(wan).strip():
        return None
    try:
        yuan = wan_to_yuan(wan)
    except ArithmeticError:
        raise DomainError(f"金额“{wan}”不是有效数字") from None
    except ValueError as exc:
        raise DomainError(str(exc)) from None
    if yuan < 0:
        raise DomainError("预计投资额不能为负数")
    if yuan >= MAX_AMOUNT_YUAN:
        raise DomainError(f"预计投资额“{wan}”万元超出可记录范围")
    return yuan


def stage_from_input(text: str) -> Stage:
    """'签约', '簽約', 'signed' → Stage.SIGNED; a Chinese message for anything else."""
    word = clean(text).lower()
    if word in STAGE_KEYS:
        return Stage[word.upper()]
    try:
        return parse_stage(word)
    except ValueError as exc:
        raise DomainError(f"{exc}（或英文 {'/'.join(STAGE_KEYS)}）") from None


def move_project_stage(
    actor: User,
    program: Program,
    project_code: str,
    *,
    stage: str,
    date: dt.date,
    expected_version: int | None = None,
) -> Project:
    """Move a project of the program to a stage on a date (writers of the program only)."""
    ensure_may_write(actor, program)
    code = clean(project_code)
    project = None if "\x00" in code or len(code) > 32 else program.projects.filter(code=code).first()
    if project is None:
        raise NotFound(f"计划“{program.code}”中没有项目编号为“{code[:32]}”的项目")
    target = stage_from_input(stage)
    _not_future(date, "阶段日期")
    return change_project_stage(actor, project, target, date, expected_version=expected_version)
