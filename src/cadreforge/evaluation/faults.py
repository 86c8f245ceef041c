"""Fault tolerance (容错纠错): the case as a state machine 申请 → 受理 → 核实 → 认定 → 反馈 → 报备.

The checklist follows the public 容错纠错 rules (中办《关于进一步激励广大干部新时代新担当新作为的意见》 and the
local 容错纠错实施办法 that follow it): the 六个是否 below, and the 三个区分开来 distinctions.
"""

import datetime as dt

from django.db import transaction

from cadreforge.accounts.models import Role, User
from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError, NotFound
from cadreforge.programs.models import Participant
from cadreforge.programs.services import ensure_may_write

from .models import CaseReview, CorrectionAction, FaultToleranceCase

Step = FaultToleranceCase.Step
Decision = FaultToleranceCase.Decision

CRITERIA = {
    "public_interest": "出于公心、为公不为私",
    "no_personal_gain": "没有谋取私利",
    "policy_direction": "符合政策方向、决策程序合理",
    "collective_decision": "经过集体决策或合理决策",
    "losses_remedied": "积极挽回损失或未造成重大损失",
    "not_repeated": "非屡错屡犯",
}
DISTINCTIONS = {
    "inexperience": "把因缺乏经验、先行先试出现的失误错误，同明知故犯的违纪违法行为区分开来",
    "unclear_rules": "把上级尚无明确限制的探索性试验中的失误错误，同上级明令禁止后依然我行我素的违纪违法行为区分开来",
    "public_purpose": "把为推动发展的无意过失，同为谋取私利的违纪违法行为区分开来",
}
NEXT = {
    Step.APPLIED: (Step.ACCEPTED, Step.NOT_ACCEPTED),
    Step.ACCEPTED: (Step.VERIFIED,),
    Step.VERIFIED: (Step.DECIDED,),
    Step.DECIDED: (Step.FED_BACK,),
    Step.FED_BACK: (Step.FILED,),
}


def may_see_case(user: User, case: FaultToleranceCase) -> bool:
    """Confidential: the organisation department of the program (its managers) and the cadre concerned."""
    if not user.is_authenticated or not user.is_active:
        return False
    if case.participant.cadre.user_id == user.pk:
        return True
    if user.role not in (Role.PROGRAM_MANAGER, Role.SYSTEM_ADMIN):
        return False
    return user.role == Role.SYSTEM_ADMIN or case.program.grants.filter(user=user).exists()


def visible_cases(user: User):
    qs = FaultToleranceCase.objects.select_related("program", "participant__cadre")
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.role == Role.SYSTEM_ADMIN:
        return qs
    if user.role == Role.PROGRAM_MANAGER:
        return qs.filter(program__grants__user=user).distinct()
    return qs.filter(participant__cadre__user=user)


def get_visible_case(user: User, pk: int) -> FaultToleranceCase:
    case = visible_cases(user).filter(pk=pk).first()
    if case is None or not may_see_case(user, case):
        raise NotFound("找不到该容错纠错案件，或您无权查看（案件仅组织部门和当事干部可见）。")
    return case


@transaction.atomic
def file_case(actor: User | None, participant: Participant, *, title: str, facts: str) -> FaultToleranceCase:
    """申请: the cadre concerned files for themselves, or the organisation side files for the unit."""
    if actor is not None and participant.cadre.user_id == actor.pk:
        filed_by = FaultToleranceCase.FiledBy.CADRE
    else:
        ensure_may_write(actor, participant.program)
        filed_by = FaultToleranceCase.FiledBy.UNIT
    if not title.strip() or not facts.strip():
        raise DomainError("容错申请须写明事项和事实经过。")
    case = FaultToleranceCase.objects.create(
        program=participant.program,
        participant=participant,
        filed_by=filed_by,
        title=title.strip(),
        facts=facts.strip(),
    )
    record(actor, "faultcase.file", case, {"participant": participant.code, "filed_by": filed_by})
    return case


def _ensure_can_move(actor: User | None, case: FaultToleranceCase, to: str) -> None:
    ensure_may_write(actor, case.program)
    if to not in NEXT.get(case.step, ()):
        raise DomainError(
            f"案件“{case.title}”当前处于“{Step(case.step).label}”，不能转到“{Step(to).label}”。"
        )


def _move(actor: User | None, case: FaultToleranceCase, to: str, changes: dict) -> FaultToleranceCase:
    _ensure_can_move(actor, case, to)
    before = case.step
    case.step = to
    case.save()
    record(actor, "faultcase.step", case, {"from": before, "to": to} | changes)
    return case


@transaction.atomic
def accept_case(actor: User | None, case: FaultToleranceCase, *, accept: bool = True, note: str = ""):
    """受理 (or 不予受理, which ends the case)."""
    if not accept:
        case.feedback = note.strip()
    return _move(actor, case, Step.ACCEPTED if accept else Step.NOT_ACCEPTED, {"note": note})


@transaction.atomic
def verify_case(
    actor: User | None, case: FaultToleranceCase, *, criteria: dict, distinctions: dict, findings: str
) -> FaultToleranceCase:
    """核实: every criterion answered yes/no, the 三个区分开来 recorded, findings written."""
    _ensure_can_move(actor, case, Step.VERIFIED)
    missing = [label for key, label in CRITERIA.items() if not isinstance(criteria.get(key), bool)]
    if missing:
        raise DomainError("核实须逐项回答容错情形：" + "；".join(missing))
    if not any(str(distinctions.get(k, "")).strip() for k in DISTINCTIONS):
        raise DomainError("核实须记录“三个区分开来”的分析。")
    if not findings.strip():
        raise DomainError("核实须写明核实情况。")
    case.criteria = {k: criteria[k] for k in CRITERIA}
    case.distinctions = {k: str(distinctions.get(k, "")).strip() for k in DISTINCTIONS}
    case.findings = findings.strip()
    return _move(actor, case, Step.VERIFIED, {"criteria": case.criteria})


@transaction.atomic
def add_review(
    actor: User | None, case: FaultToleranceCase, level: int, *, opinion: str, agrees: bool, date: dt.date
) -> CaseReview:
    """Review opinions in order: 所在单位, then 组织部门, then 纪检监察机关 — after 核实, before 认定."""
    ensure_may_write(actor, case.program)
    if case.step != Step.VERIFIED:
        raise DomainError("审核意见须在核实之后、认定之前录入。")
    done = set(case.reviews.values_list("level", flat=True))
    expected = next(lvl for lvl in CaseReview.Level.values if lvl not in done) if len(done) < 3 else None
    if expected is None or level != expected:
        raise DomainError(
            "审核须依次由所在单位、组织部门、纪检监察机关进行"
            + (f"，下一步应为“{CaseReview.Level(expected).label}”。" if expected else "，三级审核已完成。")
        )
    review = CaseReview.objects.create(
        case=case,
        level=level,
        opinion=opinion.strip(),
        agrees=agrees,
        date=date,
        recorded_by=actor if actor and actor.pk else None,
    )
    record(actor, "faultcase.review", case, {"level": CaseReview.Level(level).label, "agrees": agrees})
    return review


@transaction.atomic
def decide_case(actor: User | None, case: FaultToleranceCase, *, decision: str, reason: str):
    """认定: exempt, lighten or refuse, with reasons; exemption needs every criterion met and all three
    reviews agreeing."""
    _ensure_can_move(actor, case, Step.DECIDED)
    if decision not in Decision.values:
        raise DomainError(f"未知的认定结论“{decision}”。")
    if not reason.strip():
        raise DomainError("认定结论须写明理由。")
    if case.reviews.count() < 3:
        raise DomainError("认定前须完成所在单位、组织部门、纪检监察机关三级审核。")
    if decision == Decision.EXEMPT:
        unmet = [CRITERIA[k] for k in CRITERIA if not case.criteria.get(k)]
        if unmet or case.reviews.filter(agrees=False).exists():
            raise DomainError("不符合免责条件：" + ("；".join(unmet) or "有审核层级不同意容错"))
    case.decision = decision
    case.decision_reason = reason.strip()
    return _move(actor, case, Step.DECIDED, {"decision": decision})


@transaction.atomic
def feed_back(actor: User | None, case: FaultToleranceCase, *, feedback: str) -> FaultToleranceCase:
    """反馈: the decision told to the cadre and their unit."""
    if not feedback.strip():
        raise DomainError("反馈须写明反馈意见。")
    case.feedback = feedback.strip()
    return _move(actor, case, Step.FED_BACK, {})


@transaction.atomic
def file_with_authority(
    actor: User | None, case: FaultToleranceCase, *, authority: str
) -> FaultToleranceCase:
    """报备: the case reported to the higher organisation and discipline bodies; the end of the steps."""
    if not authority.strip():
        raise DomainError("报备须写明报备机关。")
    case.filed_with = authority.strip()
    return _move(actor, case, Step.FILED, {"filed_with": case.filed_with})


@transaction.atomic
def add_correction(
    actor: User | None, case: FaultToleranceCase, *, description: str, due_date: dt.date | None = None
) -> CorrectionAction:
    ensure_may_write(actor, case.program)
    if not description.strip():
        raise DomainError("整改措施不能为空。")
    action = CorrectionAction.objects.create(case=case, description=description.strip(), due_date=due_date)
    record(actor, "faultcase.correction", case, {"description": action.description})
    return action


@transaction.atomic
def close_correction(actor: User | None, action: CorrectionAction, *, closed_on: dt.date, result: str):
    ensure_may_write(actor, action.case.program)
    if action.closed_on:
        raise DomainError(f"整改措施“{action.description}”已于{action.closed_on}完成。")
    action.closed_on, action.result = closed_on, result.strip()
    action.save()
    record(actor, "faultcase.correction_closed", action.case, {"description": action.description})
    return action


def is_closed(case: FaultToleranceCase) -> bool:
    """A case is closed when its steps ended and every correction is done."""
    ended = case.step in (Step.FILED, Step.NOT_ACCEPTED)
    return ended and not case.corrections.filter(closed_on__isnull=True).exists()


def blocking_cases(participant: Participant) -> list[FaultToleranceCase]:
    """Cases that hold a promotion: still open, or ended without exemption. An exempted case never does."""
    out = []
    for case in FaultToleranceCase.objects.filter(participant__cadre=participant.cadre):
        if case.decision == Decision.EXEMPT or case.step == Step.NOT_ACCEPTED:
            continue
        if not is_closed(case) or case.decision == Decision.REFUSE:
            out.append(case)
    return out
