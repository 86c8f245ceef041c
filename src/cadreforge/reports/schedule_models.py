"""Scheduled briefings (定期简报): when a program's briefing goes out and to whom (BriefingSchedule), and
which period was sent (BriefingSending: one row per schedule and period, so a period is never sent twice
however often or concurrently the job runs). Imported by models.py."""

from django.db import models

from cadreforge.core.models import TimeStampedModel

WEEKDAY_LABELS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


class BriefingSchedule(TimeStampedModel):
    """A weekly (on a weekday) or monthly (on a day) briefing of a program, sent to its group robots and/or
    to e-mail addresses, the e-mail carrying the briefing as a txt or docx attachment."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", "每周"
        MONTHLY = "monthly", "每月"

    class Format(models.TextChoices):
        TXT = "txt", "文本（txt）"
        DOCX = "docx", "Word（docx，含图表）"

    program = models.ForeignKey(
        "programs.Program", verbose_name="计划", on_delete=models.CASCADE, related_name="briefing_schedules"
    )
    name = models.CharField("名称", max_length=64)
    frequency = models.CharField("频率", max_length=16, choices=Frequency.choices)
    weekday = models.PositiveSmallIntegerField(
        "星期", null=True, blank=True, choices=list(enumerate(WEEKDAY_LABELS)), help_text="每周发送时用"
    )
    day_of_month = models.PositiveSmallIntegerField(
        "日期", null=True, blank=True, help_text="每月发送时用，1—31；当月没有这一天时在月末发送"
    )
    hour = models.PositiveSmallIntegerField("发送时刻（时）", default=8, help_text="北京时间 0—23 点")
    batch_number = models.PositiveSmallIntegerField(
        "批次", null=True, blank=True, help_text="为空表示整个计划"
    )
    channels = models.ManyToManyField(
        "secondment.NotificationChannel",
        verbose_name="群机器人",
        blank=True,
        related_name="briefing_schedules",
    )
    emails = models.TextField("电子邮件收件人", blank=True, help_text="每行一个地址")
    email_format = models.CharField("邮件附件格式", max_length=8, choices=Format.choices, default=Format.DOCX)
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "定期简报"
        verbose_name_plural = "定期简报"
        ordering = ["program", "name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="briefing_schedule_unique_name"),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        frequency="weekly", weekday__isnull=False, weekday__lte=6, day_of_month__isnull=True
                    )
                    | models.Q(
                        frequency="monthly",
                        weekday__isnull=True,
                        day_of_month__isnull=False,
                        day_of_month__gte=1,
                        day_of_month__lte=31,
                    )
                ),
                name="briefing_schedule_day_valid",
            ),
            models.CheckConstraint(condition=models.Q(hour__lte=23), name="briefing_schedule_hour_valid"),
            models.CheckConstraint(
                condition=models.Q(email_format__in=["txt", "docx"]), name="briefing_schedule_format_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} · {self.name}"

    @property
    def email_list(self) -> list[str]:
        return [line.strip() for line in self.emails.splitlines() if line.strip()]

    @property
    def when_label(self) -> str:
        """'每周一 8:00' or '每月15日 8:00'."""
        if self.frequency == self.Frequency.WEEKLY:
            return f"每{WEEKDAY_LABELS[self.weekday]} {self.hour}:00"
        return f"每月{self.day_of_month}日 {self.hour}:00"


class BriefingSending(TimeStampedModel):
    """The briefing of one schedule for one period (a week from Monday, or a month), as it was written when
    sent: the text, the robots' markdown and the e-mail attachment. Its messages are secondment Delivery rows
    whose key starts with `briefing:<pk>:`."""

    schedule = models.ForeignKey(
        BriefingSchedule, verbose_name="定期简报", on_delete=models.CASCADE, related_name="sendings"
    )
    period_start = models.DateField("周期开始")
    period_label = models.CharField("周期", max_length=64)
    title = models.CharField("标题", max_length=200)
    text = models.TextField("正文")
    markdown = models.TextField("Markdown 正文")
    attachment_name = models.CharField("附件文件名", max_length=200, blank=True)
    attachment = models.BinaryField("附件", blank=True, default=b"")

    class Meta:
        verbose_name = "定期简报发送"
        verbose_name_plural = "定期简报发送"
        ordering = ["-period_start", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "period_start"], name="briefing_sending_once_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.schedule} · {self.period_label}"

    @property
    def key_prefix(self) -> str:
        return f"briefing:{self.pk}:"
