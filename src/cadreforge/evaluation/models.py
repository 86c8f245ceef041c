"""Tables of evaluation (考核激励): KPI schemes and manual assessments, fault-tolerance cases (容错纠错),
commendations (表彰) and promotion recommendations (提拔推荐) with their approval chains."""

from django.conf import settings
from django.db import models

from cadreforge.core.models import TimeStampedModel


class Indicator(models.TextChoices):
    """What a KPI indicator counts; every value is computed from records (see selectors.INDICATOR_VALUES)."""

    VISITS = "visits", "走访企业次数"
    VALUABLE_LEADS = "valuable_leads", "有价值线索数"
    PROJECTS_SIGNED = "projects_signed", "签约及以上项目数"
    PROJECTS_1E8 = "projects_1e8", "签约项目（1亿至10亿元）数"
    PROJECTS_1E9 = "projects_1e9", "签约项目（10亿至50亿元）数"
    PROJECTS_5E9 = "projects_5e9", "签约项目（50亿元及以上）数"
    AMOUNT_SIGNED = "amount_signed_yi", "签约金额（亿元）"
    TALENTS = "talents", "引进人才数"
    OUTPUTS = "outputs", "成果数"
    WEEKLY_ON_TIME = "weekly_on_time", "周报按时率（%）"
    QUIZ_AVERAGE = "quiz_average", "测试平均分"


class KpiScheme(TimeStampedModel):
    """A KPI scheme (考核方案) of a program; with dates it is a competition period (e.g. 双百日竞赛) and only
    records dated inside it count."""

    program = models.ForeignKey(
        "programs.Program", verbose_name="计划", on_delete=models.CASCADE, related_name="kpi_schemes"
    )
    name = models.CharField("方案名称", max_length=128)
    start_date = models.DateField("竞赛开始", null=True, blank=True)
    end_date = models.DateField("竞赛结束", null=True, blank=True)
    description = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "考核方案"
        verbose_name_plural = "考核方案"
        ordering = ["program", "name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="kpischeme_unique_name"),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="kpischeme_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class KpiWeight(models.Model):
    """One weighted indicator of a scheme: points = value × weight."""

    scheme = models.ForeignKey(
        KpiScheme, verbose_name="方案", on_delete=models.CASCADE, related_name="weights"
    )
    indicator = models.CharField("指标", max_length=32, choices=Indicator.choices)
    weight = models.DecimalField("权重（每单位得分）", max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = "考核指标"
        verbose_name_plural = "考核指标"
        ordering = ["scheme", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "indicator"], name="kpiweight_unique_indicator"),
        ]

    def __str__(self) -> str:
        return f"{self.scheme} {self.get_indicator_display()} ×{self.weight}"


class ManualAssessment(TimeStampedModel):
    """Points given or taken by hand (人工评价：加分或扣分), with the reason. A deduction linked to a
    fault-tolerance case that ended exempt (容错免责) is ignored by the score."""

    scheme = models.ForeignKey(
        KpiScheme, verbose_name="方案", on_delete=models.CASCADE, related_name="assessments"
    )
    participant = models.ForeignKey(
        "programs.Participant", verbose_name="干部", on_delete=models.CASCADE, related_name="assessments"
    )
    points = models.DecimalField("分值", max_digits=8, decimal_places=2)
    reason = models.CharField("理由", max_length=200)
    fault_case = models.ForeignKey(
        "evaluation.FaultToleranceCase",
        verbose_name="关联容错案件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessments",
    )

    class Meta:
        verbose_name = "人工评价"
        verbose_name_plural = "人工评价"
        ordering = ["scheme", "participant", "id"]

    def __str__(self) -> str:
        return f"{self.scheme} {self.participant} {self.points}"


class FaultToleranceCase(TimeStampedModel):
    """A fault-tolerance case (容错纠错). Confidential: only the organisation department (program managers
    of the program) and the cadre concerned see it."""

    class Step(models.TextChoices):
        APPLIED = "applied", "申请"
        ACCEPTED = "accepted", "受理"
        VERIFIED = "verified", "核实"
        DECIDED = "decided", "认定"
        FED_BACK = "fed_back", "反馈"
        FILED = "filed", "报备"
        NOT_ACCEPTED = "not_accepted", "不予受理"

    class FiledBy(models.TextChoices):
        CADRE = "cadre", "干部本人"
        UNIT = "unit", "所在单位"

    class Decision(models.TextChoices):
        EXEMPT = "exempt", "免责"
        LIGHTEN = "lighten", "从轻减轻"
        REFUSE = "refuse", "不予容错"

    program = models.ForeignKey(
        "programs.Program", verbose_name="计划", on_delete=models.CASCADE, related_name="fault_cases"
    )
    participant = models.ForeignKey(
        "programs.Participant", verbose_name="干部", on_delete=models.CASCADE, related_name="fault_cases"
    )
    filed_by = models.CharField("申请方", max_length=8, choices=FiledBy.choices)
    title = models.CharField("事项", max_length=200)
    facts = models.TextField("事实经过")
    step = models.CharField("办理步骤", max_length=16, choices=Step.choices, default=Step.APPLIED)
    criteria = models.JSONField("容错情形核查", default=dict, blank=True)
    distinctions = models.JSONField("三个区分开来", default=dict, blank=True)
    findings = models.TextField("核实情况", blank=True)
    decision = models.CharField("认定结论", max_length=8, choices=Decision.choices, blank=True)
    decision_reason = models.TextField("认定理由", blank=True)
    feedback = models.TextField("反馈意见", blank=True)
    filed_with = models.CharField("报备机关", max_length=128, blank=True)

    class Meta:
        verbose_name = "容错纠错案件"
        verbose_name_plural = "容错纠错案件"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision="") | ~models.Q(decision_reason=""),
                name="faultcase_decision_has_reason",
            ),
        ]

    def __str__(self) -> str:
        # Not the title: the string lands in the audit log, admin deletion lists and history, which people
        # outside the case read; the title and facts are shown only where may_see_case allows.
        return f"容错纠错案件{self.pk}号"


class CaseReview(models.Model):
    """One level's review opinion (单位 → 组织部门 → 纪检监察机关)."""

    class Level(models.IntegerChoices):
        UNIT = 1, "所在单位"
        ORGANISATION = 2, "组织部门"
        DISCIPLINE = 3, "纪检监察机关"

    case = models.ForeignKey(
        FaultToleranceCase, verbose_name="案件", on_delete=models.CASCADE, related_name="reviews"
    )
    level = models.PositiveSmallIntegerField("审核层级", choices=Level.choices)
    opinion = models.TextField("审核意见")
    agrees = models.BooleanField("同意容错", default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, on_delete=models.SET_NULL
    )
    date = models.DateField("日期")

    class Meta:
        verbose_name = "案件审核"
        verbose_name_plural = "案件审核"
        ordering = ["case", "level"]
        constraints = [models.UniqueConstraint(fields=["case", "level"], name="casereview_unique_level")]

    def __str__(self) -> str:
        return f"{self.case} {self.get_level_display()}"


class CorrectionAction(models.Model):
    """A correction (纠错整改) the case requires, tracked until it is closed."""

    case = models.ForeignKey(
        FaultToleranceCase, verbose_name="案件", on_delete=models.CASCADE, related_name="corrections"
    )
    description = models.CharField("整改措施", max_length=200)
    due_date = models.DateField("完成时限", null=True, blank=True)
    closed_on = models.DateField("完成日期", null=True, blank=True)
    result = models.CharField("整改结果", max_length=200, blank=True)

    class Meta:
        verbose_name = "纠错整改"
        verbose_name_plural = "纠错整改"
        ordering = ["case", "id"]

    def __str__(self) -> str:
        return f"{self.case} 整改措施{self.pk}号"


class Commendation(TimeStampedModel):
    """A commendation (表彰) with the records that justify it."""

    participant = models.ForeignKey(
        "programs.Participant", verbose_name="干部", on_delete=models.CASCADE, related_name="commendations"
    )
    title = models.CharField("称号", max_length=128)
    reason = models.TextField("事迹")
    date = models.DateField("日期")
    scheme = models.ForeignKey(
        KpiScheme, verbose_name="竞赛/考核", null=True, blank=True, on_delete=models.SET_NULL
    )
    projects = models.ManyToManyField("pipeline.Project", verbose_name="佐证项目", blank=True)
    evidence = models.TextField("其他佐证", blank=True)

    class Meta:
        verbose_name = "表彰"
        verbose_name_plural = "表彰"
        ordering = ["-date", "id"]

    def __str__(self) -> str:
        return f"{self.participant} {self.title}"


class PromotionRecommendation(TimeStampedModel):
    """A promotion recommendation (提拔推荐) from one post to another, with evidence and approval steps."""

    class Status(models.TextChoices):
        PENDING = "pending", "审批中"
        APPROVED = "approved", "已批准"
        REJECTED = "rejected", "未批准"

    participant = models.ForeignKey(
        "programs.Participant", verbose_name="干部", on_delete=models.CASCADE, related_name="promotions"
    )
    from_post = models.CharField("现任职务", max_length=128)
    to_post = models.CharField("拟任职务", max_length=128)
    reason = models.TextField("推荐理由")
    projects = models.ManyToManyField("pipeline.Project", verbose_name="佐证项目", blank=True)
    commendations = models.ManyToManyField(Commendation, verbose_name="佐证表彰", blank=True)
    evidence = models.TextField("其他佐证", blank=True)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.PENDING)

    class Meta:
        verbose_name = "提拔推荐"
        verbose_name_plural = "提拔推荐"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.participant} → {self.to_post}"


class ApprovalStep(models.Model):
    """One step of a promotion's approval chain, decided in order."""

    class Decision(models.TextChoices):
        PENDING = "pending", "待审批"
        APPROVED = "approved", "同意"
        REJECTED = "rejected", "不同意"

    recommendation = models.ForeignKey(
        PromotionRecommendation, verbose_name="提拔推荐", on_delete=models.CASCADE, related_name="steps"
    )
    order = models.PositiveSmallIntegerField("顺序")
    name = models.CharField("环节", max_length=64)
    decision = models.CharField("意见", max_length=16, choices=Decision.choices, default=Decision.PENDING)
    comment = models.CharField("批注", max_length=200, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审批人", null=True, blank=True, on_delete=models.SET_NULL
    )
    date = models.DateField("日期", null=True, blank=True)

    class Meta:
        verbose_name = "审批环节"
        verbose_name_plural = "审批环节"
        ordering = ["recommendation", "order"]
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "order"], name="approvalstep_unique_order"),
        ]

    def __str__(self) -> str:
        return f"{self.recommendation_id} {self.order}. {self.name}"


class MentorPairing(TimeStampedModel):
    """A growth-mentor pairing (成长导师结对): a cadre of a program learns alongside a mentor — a cadre on
    file, or a leader from outside named with their post — for a time, towards written goals."""

    participant = models.ForeignKey(
        "programs.Participant", verbose_name="学员", on_delete=models.CASCADE, related_name="mentor_pairings"
    )
    mentor_cadre = models.ForeignKey(
        "people.Cadre",
        verbose_name="导师（在册干部）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mentees",
    )
    mentor_name = models.CharField("导师姓名", max_length=64)
    mentor_post = models.CharField("导师单位及职务", max_length=128)
    place = models.CharField("跟班单位", max_length=128, blank=True)
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期", null=True, blank=True)
    goals = models.TextField("培养目标")

    class Meta:
        verbose_name = "成长导师结对"
        verbose_name_plural = "成长导师结对"
        ordering = ["participant__program", "participant__code", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="mentorpairing_dates_ordered",
            ),
            models.CheckConstraint(condition=~models.Q(mentor_name=""), name="mentorpairing_has_mentor"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor_name} → {self.participant}"


class ShadowingLog(TimeStampedModel):
    """One day of shadowing (跟班学习记录): what the mentee did and learned, the hours, and the mentor's
    comment (导师点评), entered by the organisation department."""

    pairing = models.ForeignKey(
        MentorPairing, verbose_name="结对", on_delete=models.CASCADE, related_name="logs"
    )
    date = models.DateField("日期")
    activity = models.TextField("跟班内容")
    learned = models.TextField("收获体会", blank=True)
    hours = models.DecimalField("时长（小时）", max_digits=3, decimal_places=1)
    mentor_comment = models.TextField("导师点评", blank=True)
    commented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="点评录入人", null=True, blank=True, on_delete=models.SET_NULL
    )
    commented_on = models.DateField("点评日期", null=True, blank=True)

    class Meta:
        verbose_name = "跟班学习记录"
        verbose_name_plural = "跟班学习记录"
        ordering = ["pairing", "-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0) & models.Q(hours__lte=24), name="shadowinglog_hours_in_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pairing.participant} {self.date}"
