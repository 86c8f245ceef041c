"""Assignments of cadres to posts (派驻) and the written outputs (成果) they produce."""

from django.conf import settings
from django.db import models

from cadreforge.core.models import TimeStampedModel


class Assignment(TimeStampedModel):
    """A cadre holding a post (派驻). A cadre holds one post at a time within a program."""

    participant = models.ForeignKey(
        "programs.Participant", verbose_name="干部", on_delete=models.CASCADE, related_name="assignments"
    )
    post = models.ForeignKey(
        "programs.Post", verbose_name="岗位", on_delete=models.PROTECT, related_name="assignments"
    )
    start_date = models.DateField("开始日期", null=True, blank=True)
    end_date = models.DateField("结束日期", null=True, blank=True)

    class Status(models.TextChoices):
        PLANNED = "planned", "待出发"
        DEPARTED = "departed", "已出发"
        IN_POST = "in_post", "在岗"
        RETURNED = "returned", "已返回"
        ENDED_EARLY = "ended_early", "提前结束"

    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.PLANNED)
    departed_on = models.DateField("出发日期", null=True, blank=True)
    arrived_on = models.DateField("到岗日期", null=True, blank=True)
    returned_on = models.DateField("返回日期", null=True, blank=True)
    ended_reason = models.CharField("提前结束原因", max_length=200, blank=True)
    host_contact_name = models.CharField("派驻单位联系人", max_length=64, blank=True)
    host_contact_phone = models.CharField("联系人电话", max_length=32, blank=True)

    class Meta:
        verbose_name = "派驻"
        verbose_name_plural = "派驻"
        ordering = ["participant", "start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "post"], name="assignment_unique_participant_post"
            ),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="assignment_dates_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["planned", "departed", "in_post", "returned", "ended_early"]),
                name="assignment_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="ended_early") | ~models.Q(ended_reason=""),
                name="assignment_ended_early_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} → {self.post}"


class WrittenOutput(TimeStampedModel):
    """A written output (成果): a journal issue, summary, research report or policy proposal."""

    class Kind(models.TextChoices):
        SUMMARY = "summary", "综合总结报告"
        RESEARCH = "research", "专题调研报告"
        STUDY_SUMMARY = "study_summary", "述学总结"
        JOURNAL = "journal", "期刊"
        PROPOSAL = "proposal", "咨政建议"
        OTHER = "other", "其他"

    program = models.ForeignKey(
        "programs.Program", verbose_name="计划", on_delete=models.CASCADE, related_name="outputs"
    )
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    title = models.CharField("标题", max_length=200)
    authors = models.ManyToManyField(
        "programs.Participant", verbose_name="作者", blank=True, related_name="outputs"
    )
    characters = models.PositiveIntegerField("字数", default=0)
    date = models.DateField("日期", null=True, blank=True)
    adopted = models.BooleanField("被采纳", default=False)
    adopting_document = models.CharField(
        "采纳文件", max_length=200, blank=True, help_text="如：市委办印发的文件名称及文号"
    )
    issue = models.PositiveSmallIntegerField("期号", null=True, blank=True, help_text="期刊的第几期")

    class Meta:
        verbose_name = "成果"
        verbose_name_plural = "成果"
        ordering = ["program", "date", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "kind", "title"], name="output_unique_title_in_program"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PartyBranch(TimeStampedModel):
    """A temporary Party branch (临时党支部) of the cadres of a batch away from home."""

    batch = models.ForeignKey(
        "programs.Batch", verbose_name="批次", on_delete=models.CASCADE, related_name="party_branches"
    )
    name = models.CharField("名称", max_length=64)
    team = models.OneToOneField(
        "programs.Team",
        verbose_name="对应小分队",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="party_branch",
    )
    secretary = models.ForeignKey(
        "programs.Participant",
        verbose_name="书记",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    members = models.ManyToManyField(
        "programs.Participant", verbose_name="党员", blank=True, related_name="party_branches"
    )

    class Meta:
        verbose_name = "临时党支部"
        verbose_name_plural = "临时党支部"
        ordering = ["batch", "name"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "name"], name="partybranch_unique_name_in_batch")
        ]

    def __str__(self) -> str:
        return self.name


class WeeklyReport(TimeStampedModel):
    """A weekly study report (学习周报) of one cadre for one report week; a row exists once written."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "已提交"

    participant = models.ForeignKey(
        "programs.Participant", verbose_name="干部", on_delete=models.CASCADE, related_name="weekly_reports"
    )
    week_start = models.DateField("周起")
    week_end = models.DateField("周止")
    due_date = models.DateField("截止日")
    content = models.TextField("内容", blank=True)
    characters = models.PositiveIntegerField("字数", default=0)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    review_comment = models.TextField("审阅意见", blank=True)
    rating = models.PositiveSmallIntegerField("评分", null=True, blank=True, help_text="1至5")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审阅人", null=True, blank=True, on_delete=models.SET_NULL
    )
    reviewed_at = models.DateTimeField("审阅时间", null=True, blank=True)

    class Meta:
        verbose_name = "学习周报"
        verbose_name_plural = "学习周报"
        ordering = ["participant", "week_start"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "week_start"], name="weeklyreport_unique_week"),
            models.CheckConstraint(
                condition=models.Q(week_end__gte=models.F("week_start")), name="weeklyreport_week_ordered"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(submitted_at__isnull=False),
                name="weeklyreport_submitted_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="weeklyreport_rating_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} {self.week_start:%Y-%m-%d}周报"


from .events_models import Attendance, Duty, DutyMark, Event, Finding, TalkNote  # noqa: E402, F401
from .notify_models import Delivery, NotificationChannel  # noqa: E402, F401
