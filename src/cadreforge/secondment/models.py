"""Assignments of cadres to posts (派驻) and the written outputs (成果) they produce."""

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
