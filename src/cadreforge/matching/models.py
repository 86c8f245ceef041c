"""Matching (人岗匹配): preferences of cadres and hosts, post requirements and exclusions, and the match runs
(方案) whose assignments carry the reasons of their score, can be overridden with a reason and published."""

from django.conf import settings
from django.db import models

from cadreforge.core.models import TimeStampedModel


class PostRequirement(TimeStampedModel):
    """What a post requires of its holder beyond its chains: the ranks (职级) it accepts."""

    post = models.OneToOneField(
        "programs.Post", verbose_name="岗位", on_delete=models.CASCADE, related_name="requirement"
    )
    required_ranks = models.JSONField("要求职级", default=list, blank=True)

    class Meta:
        verbose_name = "岗位要求"
        verbose_name_plural = "岗位要求"

    def __str__(self) -> str:
        return f"{self.post.code}：{'、'.join(self.required_ranks) or '不限'}"


class Preference(TimeStampedModel):
    """A cadre's wish for a post (干部志愿) or a host's wish for a cadre (派驻单位意向); rank 1 first."""

    class Side(models.TextChoices):
        CADRE = "cadre", "干部志愿"
        HOST = "host", "派驻单位意向"

    side = models.CharField("来源", max_length=8, choices=Side.choices)
    participant = models.ForeignKey(
        "programs.Participant",
        verbose_name="干部",
        on_delete=models.CASCADE,
        related_name="match_preferences",
    )
    post = models.ForeignKey(
        "programs.Post", verbose_name="岗位", on_delete=models.CASCADE, related_name="match_preferences"
    )
    rank = models.PositiveSmallIntegerField("顺位")

    class Meta:
        verbose_name = "志愿"
        verbose_name_plural = "志愿"
        ordering = ["side", "participant", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["side", "participant", "post"], name="preference_unique_pair"),
            models.CheckConstraint(condition=models.Q(rank__gte=1), name="preference_rank_positive"),
            models.CheckConstraint(
                condition=models.Q(side__in=["cadre", "host"]), name="preference_side_valid"
            ),
        ]


class Exclusion(TimeStampedModel):
    """A cadre who must not hold a post, or any post of a host unit (回避 or another reason)."""

    participant = models.ForeignKey(
        "programs.Participant", verbose_name="干部", on_delete=models.CASCADE, related_name="match_exclusions"
    )
    post = models.ForeignKey(
        "programs.Post",
        verbose_name="岗位",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="match_exclusions",
    )
    host = models.ForeignKey(
        "programs.HostUnit",
        verbose_name="派驻单位",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="match_exclusions",
    )
    reason = models.CharField("原因", max_length=128)

    class Meta:
        verbose_name = "回避/排除"
        verbose_name_plural = "回避/排除"
        ordering = ["participant", "id"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "post"], name="exclusion_unique_pair"),
            models.UniqueConstraint(fields=["participant", "host"], name="exclusion_unique_host_pair"),
            models.CheckConstraint(
                condition=(models.Q(post__isnull=False) & models.Q(host__isnull=True))
                | (models.Q(post__isnull=True) & models.Q(host__isnull=False)),
                name="exclusion_post_or_host",
            ),
        ]

    def __str__(self) -> str:
        target = self.post.code if self.post_id else str(self.host)
        return f"{self.participant.code} × {target}：{self.reason}"


class MatchRun(TimeStampedModel):
    """One result of the engine for a batch (匹配方案), kept for explanation; published once."""

    class Mode(models.TextChoices):
        OPTIMAL = "optimal", "总体最优"
        STABLE = "stable", "稳定匹配（干部优先申请）"

    class Status(models.TextChoices):
        DRAFT = "draft", "草案"
        PUBLISHED = "published", "已发布"

    batch = models.ForeignKey(
        "programs.Batch", verbose_name="批次", on_delete=models.CASCADE, related_name="match_runs"
    )
    mode = models.CharField("模式", max_length=8, choices=Mode.choices)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT)
    max_per_unit_at_host = models.PositiveSmallIntegerField(
        "同一单位派驻同一单位最多人数", null=True, blank=True
    )
    total_score = models.IntegerField("总分", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="运行人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    published_at = models.DateTimeField("发布时间", null=True, blank=True)

    class Meta:
        verbose_name = "匹配方案"
        verbose_name_plural = "匹配方案"
        ordering = ["batch", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(mode__in=["optimal", "stable"]), name="matchrun_mode_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "published"]), name="matchrun_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch.program.code} {self.batch} {self.get_mode_display()}#{self.pk}"


class MatchAssignment(TimeStampedModel):
    """One cadre's place in a run: the post (or none), the score and its reasons (in Chinese)."""

    run = models.ForeignKey(MatchRun, verbose_name="方案", on_delete=models.CASCADE, related_name="rows")
    participant = models.ForeignKey(
        "programs.Participant", verbose_name="干部", on_delete=models.CASCADE, related_name="+"
    )
    post = models.ForeignKey(
        "programs.Post",
        verbose_name="岗位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    score = models.IntegerField("匹配分", default=0)
    reasons = models.JSONField("理由", default=list, blank=True)
    override_reason = models.CharField("人工调整理由", max_length=200, blank=True)

    class Meta:
        verbose_name = "匹配结果"
        verbose_name_plural = "匹配结果"
        ordering = ["run", "participant__code"]
        constraints = [
            models.UniqueConstraint(fields=["run", "participant"], name="matchassignment_unique_participant"),
        ]
