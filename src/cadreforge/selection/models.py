"""Selection (干部选拔): a call for applications (征集公告) per batch, its eligibility and priority rules as
data, the applications (个人报名 or 组织推荐), panel scores, and the objections raised during publicity (公示)."""

from django.conf import settings
from django.db import models

from cadreforge.core.models import TimeStampedModel

# Keys a call may list in `tie_breaks`, in the order it wants them applied after tier and score.
TIE_BREAKS = {
    "interview": "面试成绩高者优先",
    "assessment": "考察成绩高者优先",
    "experience": "“学过、干过、管过”项数多者优先",
    "years_in_post": "任现职年限长者优先",
    "younger": "年纪轻者优先",
    "applied_first": "报名在先者优先",
}


class Call(TimeStampedModel):
    """A call for applications (选拔公告) of one batch, with its rules as data."""

    class Status(models.TextChoices):
        OPEN = "open", "报名中"
        PUBLICITY = "publicity", "公示中"
        DECIDED = "decided", "已决定"

    class PriorityMode(models.TextChoices):
        TIERS = "tiers", "按优先档次"
        POINTS = "points", "按优先加分"

    batch = models.OneToOneField(
        "programs.Batch", verbose_name="批次", on_delete=models.CASCADE, related_name="call"
    )
    title = models.CharField("公告标题", max_length=128)
    quota = models.PositiveIntegerField("选拔名额")
    deadline = models.DateField("报名截止日期")
    tracks = models.JSONField("方向/赛道", default=list, blank=True)
    track_quotas = models.JSONField("各方向名额", default=dict, blank=True, help_text="{方向: 名额}")
    unit_quota = models.PositiveIntegerField("每单位最多入选", null=True, blank=True)
    allowed_ranks = models.JSONField("允许的职级", default=list, blank=True)
    max_age = models.PositiveSmallIntegerField("年龄上限", null=True, blank=True)
    age_reference_date = models.DateField("年龄计算基准日", null=True, blank=True)
    min_years_in_post = models.DecimalField(
        "任现职最少年限", max_digits=4, decimal_places=1, null=True, blank=True
    )
    allowed_unit_kinds = models.JSONField("允许的单位类型", default=list, blank=True)
    priority_mode = models.CharField(
        "优先规则方式", max_length=8, choices=PriorityMode.choices, default=PriorityMode.TIERS
    )
    weights = models.JSONField("评分权重", default=dict, blank=True)
    tie_breaks = models.JSONField("同分排序规则", default=list, blank=True)
    publicity_days = models.PositiveSmallIntegerField("公示天数", default=5)
    publicity_start = models.DateField("公示开始日期", null=True, blank=True)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.OPEN)
    code_prefix = models.CharField("干部编号前缀", max_length=16, default="SEL-")

    class Meta:
        verbose_name = "选拔公告"
        verbose_name_plural = "选拔公告"
        ordering = ["batch"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quota__gte=1), name="call_quota_positive"),
            models.CheckConstraint(
                condition=models.Q(status__in=["open", "publicity", "decided"]), name="call_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(priority_mode__in=["tiers", "points"]), name="call_priority_mode_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PriorityRule(TimeStampedModel):
    """One priority (优先条件), e.g. 在县市区分管经济工作的优先. An application meets the rule when every
    condition given is met; empty conditions are not checked."""

    class Flag(models.TextChoices):
        NONE = "", "不限"
        STUDIED = "studied", "学过"
        WORKED = "worked", "干过"
        MANAGED = "managed", "管过"

    call = models.ForeignKey(
        Call, verbose_name="公告", on_delete=models.CASCADE, related_name="priority_rules"
    )
    order = models.PositiveSmallIntegerField("序号", default=1)
    label = models.CharField("优先条件", max_length=64)
    unit_kinds = models.JSONField("单位类型", default=list, blank=True)
    unit_keywords = models.JSONField("单位名称含", default=list, blank=True)
    position_keywords = models.JSONField("职务含", default=list, blank=True)
    tags = models.JSONField("专业领域含", default=list, blank=True)
    flag = models.CharField("经历要求", max_length=8, choices=Flag.choices, default="", blank=True)
    tier = models.PositiveSmallIntegerField("优先档次", default=1, help_text="1为最优先")
    points = models.DecimalField("加分", max_digits=5, decimal_places=1, default=0)

    class Meta:
        verbose_name = "优先规则"
        verbose_name_plural = "优先规则"
        ordering = ["call", "order"]
        constraints = [
            models.UniqueConstraint(fields=["call", "label"], name="priorityrule_unique_label_in_call"),
        ]

    def __str__(self) -> str:
        return self.label


class Application(TimeStampedModel):
    """An application (报名) to a call, by the cadre or by organisational recommendation (组织推荐)."""

    class Channel(models.TextChoices):
        SELF = "self", "个人报名"
        RECOMMENDED = "recommended", "组织推荐"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "已报名"
        INELIGIBLE = "ineligible", "资格不符"
        SHORTLISTED = "shortlisted", "拟入选（公示中）"
        SELECTED = "selected", "入选"
        NOT_SELECTED = "not_selected", "未入选"
        REMOVED = "removed", "公示异议成立，取消"

    call = models.ForeignKey(Call, verbose_name="公告", on_delete=models.CASCADE, related_name="applications")
    cadre = models.ForeignKey(
        "people.Cadre", verbose_name="干部", on_delete=models.PROTECT, related_name="applications"
    )
    track = models.CharField("方向", max_length=64, blank=True)
    channel = models.CharField("报名方式", max_length=16, choices=Channel.choices, default=Channel.SELF)
    recommender = models.CharField("推荐单位/推荐人", max_length=128, blank=True)
    reason = models.TextField("推荐理由", blank=True)
    years_in_post = models.DecimalField("任现职年限", max_digits=4, decimal_places=1, default=0)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    ineligible_reasons = models.JSONField("资格不符原因", default=list, blank=True)
    priority_tier = models.PositiveSmallIntegerField("优先档次", null=True, blank=True)
    priority_points = models.DecimalField("优先加分", max_digits=5, decimal_places=1, default=0)
    priority_labels = models.JSONField("符合的优先条件", default=list, blank=True)
    score = models.DecimalField("综合得分", max_digits=6, decimal_places=2, null=True, blank=True)
    rank = models.PositiveIntegerField("排名", null=True, blank=True)
    participant = models.ForeignKey(
        "programs.Participant",
        verbose_name="入选后参与记录",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )

    class Meta:
        verbose_name = "报名"
        verbose_name_plural = "报名"
        ordering = ["call", "rank", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "cadre"], name="application_unique_cadre_in_call"),
            models.CheckConstraint(
                condition=~models.Q(channel="recommended") | ~models.Q(recommender=""),
                name="application_recommendation_names_recommender",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=[
                        "submitted",
                        "ineligible",
                        "shortlisted",
                        "selected",
                        "not_selected",
                        "removed",
                    ]
                ),
                name="application_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cadre} → {self.call}"


class PanelScore(TimeStampedModel):
    """A score (0–100) given by one panel member (评委) to one application; the kinds are averaged."""

    class Kind(models.TextChoices):
        ASSESSMENT = "assessment", "考察"
        INTERVIEW = "interview", "面试"

    application = models.ForeignKey(
        Application, verbose_name="报名", on_delete=models.CASCADE, related_name="panel_scores"
    )
    panelist = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="评委", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    panelist_name = models.CharField("评委姓名", max_length=64)
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    score = models.DecimalField("分数", max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = "评委打分"
        verbose_name_plural = "评委打分"
        ordering = ["application", "kind", "panelist_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "panelist_name"], name="panelscore_unique_per_panelist"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=0) & models.Q(score__lte=100), name="panelscore_in_range"
            ),
        ]


class Objection(TimeStampedModel):
    """An objection (异议) raised during publicity against a shortlisted application, and its resolution."""

    application = models.ForeignKey(
        Application, verbose_name="报名", on_delete=models.CASCADE, related_name="objections"
    )
    raised_by = models.CharField("反映人", max_length=64, blank=True, help_text="可匿名")
    raised_on = models.DateField("反映日期")
    content = models.TextField("反映内容")
    upheld = models.BooleanField("异议成立", null=True, blank=True)
    resolution = models.TextField("核查结论", blank=True)
    resolved_on = models.DateField("办结日期", null=True, blank=True)

    class Meta:
        verbose_name = "公示异议"
        verbose_name_plural = "公示异议"
        ordering = ["application", "raised_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(upheld__isnull=True) | ~models.Q(resolution=""),
                name="objection_resolution_explained",
            ),
        ]
