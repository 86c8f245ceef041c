"""Secondment life of the demo (after the places are loaded): Loudi batch 2's 45 days at the Hangzhou Party
School — lifecycle, weekly study reports (mostly on time, a few late, two missing), mobilisation, pre-study
talks, a themed Party day and a supervision visit; journal issues and the adopted proposal's document;
Huaibei's vanguard temporary Party branch (secretary 孔彬) and its duties checklist. Idempotent: each part
is skipped when its rows exist."""

import datetime as dt
import zoneinfo

from cadreforge.programs.models import Program
from cadreforge.secondment import events, services
from cadreforge.secondment.models import Assignment, Event, PartyBranch, WeeklyReport, WrittenOutput
from cadreforge.secondment.selectors import participant_slots
from cadreforge.secondment.weekly_services import review_weekly_report, save_weekly_report

from .common import seeded

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")
TOPICS = (
    "随主体班学习习近平经济思想专题，结合娄底“材料谷”建设谈体会",
    "走访杭州经开区企业，梳理新材料产业链招商线索",
    "学习杭州“链长制”经验，思考双峰县产业链招商打法",
    "国庆期间整理调研材料，撰写《之江秋悟》稿件",
    "参加杭州投资项目全生命周期管理专题调研",
    "对接大庄竹业集团，跟进重竹项目签约准备",
    "结业前梳理学习成果，撰写述学总结",
)


def load(log) -> None:
    loudi = Program.objects.filter(code="loudi-hangzhou-study").first()
    if loudi is not None:
        _loudi(log, loudi)
    huaibei = Program.objects.filter(code="huaibei-double-hundred").first()
    if huaibei is not None:
        _huaibei(log, huaibei)


def _loudi(log, program: Program) -> None:
    members = list(program.participants.filter(batch__number=2).order_by("code"))
    if not members or WeeklyReport.objects.filter(participant__in=members).exists():
        return
    batch = members[0].batch
    for member in members:
        assignment = member.assignments.get()
        if assignment.status == Assignment.Status.PLANNED:
            services.move_assignment(None, assignment, "departed", on=batch.start_date - dt.timedelta(days=1))
            services.move_assignment(None, assignment, "in_post", on=batch.start_date)
            services.move_assignment(None, assignment, "returned", on=batch.end_date)
            services.set_host_contact(None, assignment, name="杭州市委党校教务处", phone="0571-00000000")
    _weekly_reports(program, members)
    _events(program, batch, members)
    _outputs(program)
    log("  娄底第二批：学习周报、谈心谈话、主题党日、督导")


def _weekly_reports(program: Program, members) -> None:
    rng = seeded(program.code + ":weekly")
    after = members[0].batch.end_date + dt.timedelta(days=30)
    missing = {(members[3].pk, 4), (members[4].pk, 6)}  # two reports never filed
    for member in members:
        for slot in participant_slots(member, after):
            if (member.pk, slot.number) in missing:
                continue
            late = rng.random() < 0.12
            day = (
                slot.due + dt.timedelta(days=rng.randint(1, 3))
                if late
                else slot.due - dt.timedelta(days=rng.randint(0, 1))
            )
            moment = dt.datetime.combine(day, dt.time(rng.randint(8, 22), rng.randint(0, 59)), tzinfo=BEIJING)
            text = (
                f"第{slot.number}周学习周报。{TOPICS[slot.number - 1]}。"
                + "本周学习收获与下一步打算。" * rng.randint(20, 40)
            )
            report = save_weekly_report(
                None, member, week_start=slot.week_start, content=text, submit=True, now=moment
            )
            if rng.random() < 0.4:
                review_weekly_report(
                    None,
                    report,
                    comment="内容充实，注意结合本地实际。",
                    rating=rng.randint(3, 5),
                    now=moment + dt.timedelta(days=2),
                )


def _events(program: Program, batch, members) -> None:
    start = batch.start_date
    mobilisation = events.create_event(
        None, program, kind=Event.Kind.MOBILISATION, title="第二批外派竞学行前动员会", date=start - dt.timedelta(days=4),
        batch=batch, location="娄底市委组织部",
    )  # fmt: skip
    talk = events.create_event(
        None,
        program,
        kind=Event.Kind.TALK,
        title="学前谈心谈话",
        date=start - dt.timedelta(days=3),
        batch=batch,
    )
    party_day = events.create_event(
        None, program, kind=Event.Kind.PARTY_DAY, title="“重温入党誓词”主题党日", date=dt.date(2023, 9, 27),
        batch=batch, location="杭州·中共杭州市委党校",
    )  # fmt: skip
    for member in members:
        events.set_attendance(None, mobilisation, member, present=True)
        events.set_attendance(None, talk, member, present=True)
        events.set_attendance(
            None,
            party_day,
            member,
            present=member is not members[-1],
            note="" if member is not members[-1] else "回娄汇报项目，请假",
        )
        events.write_talk_note(
            None,
            talk,
            member,
            notes=f"{member.cadre.name}：了解学习安排，表示将带着本地产业问题去学；家庭和工作交接已安排妥当。",
        )
    supervision = events.create_event(
        None, program, kind=Event.Kind.SUPERVISION, title="市委组织部不定期督导", date=dt.date(2023, 10, 10), batch=batch,
        location="杭州", summary="听取学员学习情况汇报，查阅学习周报和调研成果。",
    )  # fmt: skip
    closed = events.add_finding(
        None,
        supervision,
        description="个别学员周报偏重记录、思考不足",
        action="管理专班逐篇点评，要求结合本地实际",
        owner="管理专班",
        deadline=dt.date(2023, 10, 17),
    )
    events.close_finding(
        None, closed, on=dt.date(2023, 10, 16), note="已逐篇点评并反馈，后两周周报质量明显提升"
    )
    events.add_finding(
        None,
        supervision,
        description="线索跟进机制需与回娄后的招商部门衔接",
        action="结业前形成线索移交清单",
        owner="向波",
        deadline=dt.date(2023, 11, 30),
    )


def _outputs(program: Program) -> None:
    """Journal issue numbers and the adopted proposal's document, through the same service."""
    for output in WrittenOutput.objects.filter(program=program).prefetch_related("authors"):
        changes = {}
        if output.kind == WrittenOutput.Kind.JOURNAL and output.issue is None and "第" in output.title:
            changes["issue"] = int(output.title.split("第")[1].split("期")[0])
        if output.adopted and not output.adopting_document:
            changes["adopting_document"] = "娄底市委、市政府关于优化投资项目管理服务的文件"
        if changes:
            services.record_output(
                None, program, kind=output.kind, title=output.title, authors=list(output.authors.all()),
                characters=output.characters, date=output.date, adopted=output.adopted,
                adopting_document=changes.get("adopting_document", output.adopting_document),
                issue=changes.get("issue", output.issue),
            )  # fmt: skip


def _huaibei(log, program: Program) -> None:
    batch = program.batches.filter(number=1).first()
    team = batch and batch.teams.filter(name="先锋团临时党支部").first()
    if team is None or PartyBranch.objects.filter(batch=batch).exists():
        return
    kong = program.participants.get(code="SB-002")
    services.save_party_branch(
        None, batch, name=team.name, secretary=kong, members=list(team.members.all()), team=team
    )
    duties = [
        ("完善招商引资链图谱", "manual", 1),
        ("联系走访企业", "visits", 5),
        ("邀请客商来淮考察（报送线索）", "leads", 2),
        ("招引人才落户淮北", "talents", 1),
        ("对标先进，提出改进工作的参考方案", "outputs", 1),
    ]
    for order, (title, measure, target) in enumerate(duties, start=1):
        duty = events.save_duty(None, program, title=title, measure=measure, target=target, order=order)
        if measure == "manual":
            for code in ("SB-001", "SB-002", "SB-003"):
                events.mark_duty(
                    None,
                    duty,
                    program.participants.get(code=code),
                    evidence="提交所联系产业链招商图谱",
                    date=dt.date(2023, 3, 20),
                )
    log("  淮北先锋团临时党支部（书记孔彬）与职责清单")
