"""Events of secondment life (活动): mobilisation, pre-study talks (谈心谈话), themed Party days, supervision
visits (督导) with their findings; attendance; and the duties checklist (职责清单) of a program.
Imported by models.py."""

from django.conf import settings
from django.db import models

from cadreforge.core.models import TimeStampedModel


class Event(TimeStampedModel):
    class Kind(models.TextChoices):
        MOBILISATION = "mobilisation", "行前动员会"
        TALK = "talk", "学前谈心谈话"
        PARTY_DAY = "party_day", "主题党日"
        SUPERVISION = "supervision", "督导"
        OTHER = "other", "其他活动"

    program = models.ForeignKey(
        "programs.Program", verbose_name="计划", on_delete=models.CASCADE, related_name="secondment_events"
    )
    batch = models.ForeignKey(
        "programs.Batch",
        verbose_name="批次",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    title = models.CharField("标题", max_length=200)
    date = models.DateField("日期")
    location = models.CharField("地点", max_length=128, blank=True)
    summary = models.TextField(
        "概况", blank=True, help_text="所有能查看本计划的人可见；谈话内容请记入谈话记录"
    )

    class Meta:
        app_label = "secondment"
        verbose_name = "活动"
        verbose_name_plural = "活动"
        ordering = ["program", "date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["mobilisation", "talk", "party_day", "supervision", "other"]),
                name="event_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Attendance(TimeStampedModel):
    event = models.ForeignKey(
        Event, verbose_name="活动", on_delete=models.CASCADE, related_name="attendances"
    )
    participant = models.ForeignKey(
        "programs.Participant", verbose_name="干部", on_delete=models.CASCADE, related_name="attendances"
    )
    present = models.BooleanField("出席", default=True)
    note = models.CharField("说明", max_length=200, blank=True, help_text="如请假原因")

    class Meta:
        app_label = "secondment"
        verbose_name = "出席"
        verbose_name_plural = "出席"
        ordering = ["event", "participant"]
        constraints = [
            models.UniqueConstraint(fields=["event", "participant"], name="attendance_unique_participant"),
        ]


class TalkNote(TimeStampedModel):
    """Notes of a pre-study talk with one cadre: confidential to the organisation department."""

    event = models.ForeignKey(Event, verbose_name="谈话", on_delete=models.CASCADE, related_name="talk_notes")
    participant = models.ForeignKey(
        "programs.Participant", verbose_name="谈话对象", on_delete=models.CASCADE, related_name="+"
    )
    notes = models.TextField("谈话记录")
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        app_label = "secondment"
        verbose_name = "谈话记录"
        verbose_name_plural = "谈话记录"
        ordering = ["event", "participant"]
        constraints = [
            models.UniqueConstraint(fields=["event", "participant"], name="talknote_unique_participant"),
        ]


class Finding(TimeStampedModel):
    """A finding of a supervision visit and the follow-up action, tracked until it is closed."""

    event = models.ForeignKey(Event, verbose_name="督导", on_delete=models.CASCADE, related_name="findings")
    description = models.TextField("发现问题")
    action = models.TextField("整改措施", blank=True)
    owner = models.CharField("责任人", max_length=64, blank=True)
    deadline = models.DateField("整改期限", null=True, blank=True)
    closed_on = models.DateField("销号日期", null=True, blank=True)
    closing_note = models.TextField("整改结果", blank=True)

    class Meta:
        app_label = "secondment"
        verbose_name = "督导发现"
        verbose_name_plural = "督导发现"
        ordering = ["event", "id"]

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None


class Duty(TimeStampedModel):
    """One line of a program's duties checklist (职责清单). `measure` says which records prove it: counted
    from the pipeline (visits, leads, projects, talents), from written outputs, or ticked by a manager."""

    class Measure(models.TextChoices):
        VISITS = "visits", "走访企业（次）"
        LEADS = "leads", "报送线索（条）"
        PROJECTS = "projects", "引荐项目（个）"
        TALENTS = "talents", "引进人才（名）"
        OUTPUTS = "outputs", "撰写成果（篇）"
        MANUAL = "manual", "人工确认"

    program = models.ForeignKey(
        "programs.Program", verbose_name="计划", on_delete=models.CASCADE, related_name="duties"
    )
    title = models.CharField("职责", max_length=128)
    measure = models.CharField("衡量方式", max_length=16, choices=Measure.choices)
    target = models.PositiveSmallIntegerField("每人目标", default=1)
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        app_label = "secondment"
        verbose_name = "职责"
        verbose_name_plural = "职责清单"
        ordering = ["program", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "title"], name="duty_unique_title_in_program"),
            models.CheckConstraint(condition=models.Q(target__gte=1), name="duty_target_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class DutyMark(TimeStampedModel):
    """A manager's confirmation that a cadre fulfilled a manual duty, with what proves it."""

    duty = models.ForeignKey(Duty, verbose_name="职责", on_delete=models.CASCADE, related_name="marks")
    participant = models.ForeignKey(
        "programs.Participant", verbose_name="干部", on_delete=models.CASCADE, related_name="duty_marks"
    )
    evidence = models.CharField("佐证", max_length=200)
    date = models.DateField("日期", null=True, blank=True)

    class Meta:
        app_label = "secondment"
        verbose_name = "职责完成确认"
        verbose_name_plural = "职责完成确认"
        constraints = [
            models.UniqueConstraint(fields=["duty", "participant"], name="dutymark_unique_participant"),
        ]
