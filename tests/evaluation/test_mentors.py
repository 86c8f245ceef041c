"""Growth mentors (成长导师) and shadowing logs: who pairs, who writes, who reads, and what a log may say."""

import datetime as dt

import pytest

from cadreforge.accounts.models import Role
from cadreforge.audit.models import AuditEntry
from cadreforge.core.errors import DomainError, NotFound, PermissionDenied
from cadreforge.evaluation import mentors
from cadreforge.evaluation.models import MentorPairing, ShadowingLog
from tests.builders import make_participant, make_program, make_user

pytestmark = pytest.mark.django_db
START, END = dt.date(2022, 3, 1), dt.date(2022, 5, 31)
TODAY = dt.date(2022, 6, 30)


@pytest.fixture
def world():
    program = make_program("huaian-shadow")
    other = make_program("other-shadow")
    xu_user, li_user = make_user(Role.CADRE), make_user(Role.CADRE)
    xu = make_participant(program, "GB001", name="徐鹏飞", user=xu_user, unit="招商局")
    li = make_participant(program, "GB002", name="李青", user=li_user)
    stranger = make_participant(other, "O001", name="外计划干部")
    manager = make_user(Role.PROGRAM_MANAGER, programs_granted=[program])
    xu_pairing = _pair(manager, xu)
    li_pairing = _pair(manager, li, mentor_name="王导师")
    other_pairing = _pair(None, stranger, mentor_name="赵导师")
    return {
        "program": program, "manager": manager, "xu_user": xu_user, "xu": xu, "xu_pairing": xu_pairing,
        "li_pairing": li_pairing, "other_pairing": other_pairing,
    }  # fmt: skip


def _pair(actor, participant, **kw):
    fields = {
        "mentor_name": "周导师",
        "mentor_post": "区土地储备中心业务骨干",
        "place": "区土地储备中心",
        "start_date": START,
        "end_date": END,
        "goals": "熟悉土地挂牌上市等业务全流程",
    }
    return mentors.pair_mentor(actor, participant, **(fields | kw))


def _log(world, **kw):
    fields = {"date": dt.date(2022, 3, 8), "activity": "学习土地挂牌上市流程", "hours": "8", "today": TODAY}
    return mentors.add_log(world["xu_user"], world["xu_pairing"], **(fields | kw))


# Pairing


def test_manager_pairs_and_the_pairing_is_audited(world):
    pairing = world["xu_pairing"]
    assert pairing.mentor_name == "周导师" and pairing.participant.code == "GB001"
    assert AuditEntry.objects.filter(action="mentor.pair", object_id=str(pairing.pk)).exists()


def test_a_cadre_on_file_as_mentor_lends_name_and_post(world):
    mentor = make_participant(world["program"], "GB009", name="孙科长", unit="土地储备中心", position="科长")
    pairing = _pair(world["manager"], world["xu"], mentor_name="", mentor_post="", mentor_cadre=mentor.cadre)
    assert pairing.mentor_name == "孙科长" and pairing.mentor_post == "土地储备中心 科长"


def test_a_cadre_cannot_mentor_themselves(world):
    with pytest.raises(DomainError, match="不能担任自己的成长导师"):
        _pair(world["manager"], world["xu"], mentor_cadre=world["xu"].cadre, start_date=dt.date(2022, 4, 1))


def test_pairing_needs_a_mentor_and_ordered_dates(world):
    with pytest.raises(DomainError, match="导师姓名不能为空"):
        _pair(world["manager"], world["xu"], mentor_name=" ", start_date=dt.date(2022, 4, 1))
    with pytest.raises(DomainError, match="结束日期（2022-02-01）早于开始日期"):
        _pair(world["manager"], world["xu"], end_date=dt.date(2022, 2, 1), start_date=dt.date(2022, 4, 1))
    assert MentorPairing.objects.filter(participant=world["xu"]).count() == 1


def test_a_cadre_or_another_programs_manager_cannot_pair(world):
    with pytest.raises(PermissionDenied):
        _pair(world["xu_user"], world["xu"], start_date=dt.date(2022, 4, 1))
    with pytest.raises(PermissionDenied):
        _pair(make_user(Role.PROGRAM_MANAGER), world["xu"], start_date=dt.date(2022, 4, 1))


def test_narrowing_a_pairing_may_not_orphan_its_logs(world):
    _log(world, date=dt.date(2022, 5, 20))
    with pytest.raises(DomainError, match="已有2022-05-20的跟班学习记录"):
        mentors.update_pairing(
            world["manager"], world["xu_pairing"], mentor_name="周导师", mentor_post="骨干",
            start_date=START, end_date=dt.date(2022, 4, 30), goals="目标",
        )  # fmt: skip


# Logs


def test_the_mentee_writes_a_log_of_their_own_pairing(world):
    log = _log(world, learned="弄清了土地出让各环节")
    assert log.hours == 8 and log.pairing == world["xu_pairing"]
    assert AuditEntry.objects.filter(action="mentor.log", object_id=str(log.pk)).exists()


def test_nobody_else_writes_the_mentees_log(world):
    for actor in (world["manager"], make_user(Role.CADRE)):
        with pytest.raises(PermissionDenied, match="只能由学员本人填写"):
            mentors.add_log(actor, world["xu_pairing"], date=dt.date(2022, 3, 8), activity="x", hours=1)
    assert not ShadowingLog.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"date": dt.date(2022, 2, 28)}, "2022-02-28不在结对期间（2022-03-01至2022-05-31）内"),
        ({"date": dt.date(2022, 6, 1)}, "不在结对期间"),
        ({"date": dt.date(2022, 5, 1), "today": dt.date(2022, 4, 1)}, "不能填写未来日期"),
        ({"hours": "0"}, "时长应大于0且不超过24小时"),
        ({"hours": "25"}, "时长应大于0且不超过24小时"),
        ({"hours": "-2"}, "时长应大于0"),
        ({"hours": "三小时"}, "时长“三小时”不是数字"),
        ({"hours": "2.25"}, "最多保留一位小数"),
        ({"activity": "  "}, "跟班内容不能为空"),
    ],
)
def test_a_bad_log_is_refused_with_the_reason_and_nothing_is_saved(world, fields, message):
    with pytest.raises(DomainError, match=message):
        _log(world, **fields)
    assert not ShadowingLog.objects.exists()


def test_one_day_holds_at_most_24_hours(world):
    _log(world, hours="16")
    with pytest.raises(DomainError, match=r"已记录16\.0小时，再加9\.0小时将超过一天24小时"):
        _log(world, hours="9")
    assert _log(world, hours="8").hours == 8


def test_the_manager_enters_the_mentors_comment_and_a_cadre_cannot(world):
    log = _log(world)
    with pytest.raises(PermissionDenied):
        mentors.comment_log(world["xu_user"], log, comment="自己点评自己")
    mentors.comment_log(world["manager"], log, comment="进步很快", today=TODAY)
    log.refresh_from_db()
    assert (
        log.mentor_comment == "进步很快"
        and log.commented_on == TODAY
        and log.commented_by == world["manager"]
    )


# Scope


def test_a_cadre_sees_only_their_own_pairing(world):
    seen = list(mentors.visible_pairings(world["xu_user"]))
    assert seen == [world["xu_pairing"]]
    with pytest.raises(NotFound):
        mentors.get_visible_pairing(world["xu_user"], world["li_pairing"].pk)


def test_a_manager_sees_the_pairings_of_granted_programs_only(world):
    seen = set(mentors.visible_pairings(world["manager"]))
    assert seen == {world["xu_pairing"], world["li_pairing"]}
    with pytest.raises(NotFound):
        mentors.get_visible_pairing(world["manager"], world["other_pairing"].pk)


def test_a_leader_reads_every_program(world):
    assert mentors.visible_pairings(make_user(Role.LEADER)).count() == 3


def test_list_counts_logs_and_hours(world):
    _log(world, hours="8")
    _log(world, date=dt.date(2022, 3, 9), hours="3.5")
    row = mentors.list_pairings(world["manager"], world["program"]).get(pk=world["xu_pairing"].pk)
    assert row.log_count == 2 and row.log_hours == pytest.approx(11.5)
