"""Shortlist → publicity (公示) → objections → decision that enrols the selected; every step audited."""

import datetime as dt

import pytest
from django.core.management import call_command

from cadreforge.audit.models import AuditEntry
from cadreforge.core.errors import DomainError
from cadreforge.selection import services
from cadreforge.selection.models import Application

START = dt.date(2030, 7, 1)


@pytest.fixture
def shortlisted(call, apply):
    best = apply("第一名", has_managed_economy=True, has_worked_economy=True)
    second = apply("第二名", has_worked_economy=True)
    third = apply("第三名", has_studied_economy=True)
    services.shortlist(None, call, publicity_start=START)
    for app in (best, second, third):
        app.refresh_from_db()
    return best, second, third


def test_decision_waits_for_the_end_of_publicity(call, shortlisted):
    with pytest.raises(DomainError, match="公示期至2030-07-05结束"):
        services.decide(None, call, today=dt.date(2030, 7, 5))


def test_unresolved_objection_blocks_the_decision(call, shortlisted):
    best = shortlisted[0]
    services.record_objection(None, best, content="反映其工作经历不实", raised_on=dt.date(2030, 7, 2))
    with pytest.raises(DomainError, match="1条公示异议未办结"):
        services.decide(None, call, today=dt.date(2030, 7, 10))


def test_upheld_objection_removes_the_cadre_and_the_next_in_ranking_takes_the_place(call, shortlisted):
    best, _second, _third = shortlisted
    objection = services.record_objection(None, best, content="经历不实", raised_on=dt.date(2030, 7, 2))
    services.resolve_objection(None, objection, upheld=True, resolution="经核查属实", resolved_on=START)
    services.shortlist(None, call, publicity_start=dt.date(2030, 7, 3))
    chosen = services.decide(None, call, today=dt.date(2030, 7, 20))
    assert {a.cadre.name for a in chosen} == {"第二名", "第三名"}
    best.refresh_from_db()
    assert best.status == Application.Status.REMOVED


def test_decision_enrols_the_selected_in_the_batch_and_is_audited(call, shortlisted):
    services.decide(None, call, today=dt.date(2030, 7, 10))
    participants = call.batch.participants.order_by("code")
    assert [(p.code, p.cadre.name, p.track) for p in participants] == [
        ("T-001", "第一名", "新材料"),
        ("T-002", "第二名", "新材料"),
    ]
    shortlisted[2].refresh_from_db()
    assert shortlisted[2].status == Application.Status.NOT_SELECTED
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "call.create",
        "application.submit",
        "call.shortlist",
        "call.decide",
        "participant.create",
    } <= actions


def test_objection_outside_publicity_is_refused(call, shortlisted):
    with pytest.raises(DomainError, match="公示期内"):
        services.record_objection(None, shortlisted[0], content="迟到的异议", raised_on=dt.date(2030, 8, 1))


def test_report_selection_json_has_the_contract_keys(call, shortlisted, capsys):
    services.decide(None, call, today=dt.date(2030, 7, 10))
    call_command("report", "selection", "--program", "sel-test", "--json")
    import json

    data = json.loads(capsys.readouterr().out)
    assert data == {
        "applicants": 3,
        "recommended": 0,
        "eligible": 3,
        "shortlisted": 2,
        "selected": 2,
        "by_track": {"新材料": {"applicants": 3, "selected": 2}},
    }
