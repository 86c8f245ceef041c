"""Investment and talent brought home: enterprises, visits (走访), leads (招商线索), projects (招商项目) with
their stage history, and talents attracted (人才)."""

from django.conf import settings
from django.db import models

from cadreforge.core.models import TimeStampedModel
from cadreforge.core.stages import Stage
from cadreforge.core.text import name_key

from .normalise import alias_key

# Tables of this app kept in their own module (the registry's merges and dismissals).
from .registry_models import DuplicateDismissal, EnterpriseMerge  # noqa: F401

AMOUNT = {"max_digits": 18, "decimal_places": 2}


class Enterprise(TimeStampedModel):
    """An enterprise, once: names in Simplified or Traditional, with or without 有限公司, share one key."""

    name = models.CharField("企业名称", max_length=200)
    name_key = models.CharField("名称检索键", max_length=200, unique=True, editable=False)
    uscc = models.CharField("统一社会信用代码", max_length=18, null=True, blank=True, unique=True)
    location = models.CharField("企业所在地", max_length=128, blank=True)
    alias_key = models.CharField(
        "去地名检索键",
        max_length=200,
        blank=True,
        db_index=True,
        editable=False,
        help_text="名称检索键再去掉地名前缀",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name="已并入",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
        help_text="合并后保留原记录以便撤销；其走访、线索、项目已移到该企业",
    )

    class Meta:
        verbose_name = "企业"
        verbose_name_plural = "企业"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name_key=""), name="enterprise_key_not_empty")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        self.alias_key = alias_key(self.name_key)
        super().save(*args, **kwargs)


class Visit(TimeStampedModel):
    """An enterprise visit (走访) by a cadre."""

    program = models.ForeignKey(
        "programs.Program", verbose_name="计划", on_delete=models.CASCADE, related_name="visits"
    )
    participant = models.ForeignKey(
        "programs.Participant", verbose_name="干部", on_delete=models.PROTECT, related_name="visits"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="企业", on_delete=models.PROTECT, related_name="visits"
    )
    date = models.DateField("走访日期")
    location = models.CharField("企业所在地", max_length=128, blank=True)
    chains = models.ManyToManyField("chains.Chain", verbose_name="产业链", blank=True, related_name="visits")
    notes = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = "走访"
        verbose_name_plural = "走访"
        ordering = ["-date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["date", "participant", "enterprise"], name="visit_unique_key"),
        ]
        indexes = [
            models.Index(fields=["program", "date"], name="visit_program_date"),
            # The funnel's visits and distinct enterprises per program, read from the index alone (id
            # included for its COUNT(id)); see docs/scaling.md.
            models.Index(fields=["program", "enterprise", "id"], name="visit_program_enterprise"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.enterprise}"


class Lead(TimeStampedModel):
    """An investment lead (招商线索) reported by a cadre."""

    program = models.ForeignKey(
        "programs.Program", verbose_name="计划", on_delete=models.CASCADE, related_name="leads"
    )
    code = models.CharField("线索编号", max_length=32)
    participant = models.ForeignKey(
        "programs.Participant", verbose_name="报送干部", on_delete=models.PROTECT, related_name="leads"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="企业", on_delete=models.PROTECT, related_name="leads"
    )
    date = models.DateField("报送日期")
    content = models.TextField("线索内容", blank=True)
    chains = models.ManyToManyField("chains.Chain", verbose_name="产业链", blank=True, related_name="leads")
    expected_amount_yuan = models.DecimalField("预计投资额（元）", null=True, blank=True, **AMOUNT)
    valuable = models.BooleanField("有价值", default=True)

    class Meta:
        verbose_name = "招商线索"
        verbose_name_plural = "招商线索"
        ordering = ["-date", "code"]
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="lead_unique_code_in_program"),
            models.CheckConstraint(
                condition=models.Q(expected_amount_yuan__isnull=True) | models.Q(expected_amount_yuan__gte=0),
                name="lead_amount_not_negative",
            ),
        ]
        # The funnel's (valuable) leads per program, counted from the index alone; see docs/scaling.md.
        indexes = [models.Index(fields=["program", "valuable", "id"], name="lead_program_valuable")]

    def __str__(self) -> str:
        return f"{self.code} {self.enterprise}"


class Project(TimeStampedModel):
    """An investment project (招商项目) referred home. `stage` is the current stage; the history holds a row
    for every stage reached (with its date when known), so "reached" and durations are queries."""

    program = models.ForeignKey(
        "programs.Program", verbose_name="计划", on_delete=models.CASCADE, related_name="projects"
    )
    code = models.CharField("项目编号", max_length=32)
    name = models.CharField("项目名称", max_length=200)
    investor = models.ForeignKey(
        Enterprise, verbose_name="投资方", on_delete=models.PROTECT, related_name="projects"
    )
    source_lead = models.ForeignKey(
        Lead,
        verbose_name="来源线索",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    cadres = models.ManyToManyField(
        "programs.Participant", verbose_name="引荐干部", blank=True, related_name="projects"
    )
    chains = models.ManyToManyField(
        "chains.Chain", verbose_name="产业链", blank=True, related_name="projects"
    )
    # Three amounts, never added together: agreed in the contract, arrived in the account, fixed-asset spend.
    amount_yuan = models.DecimalField("协议投资额（元）", null=True, blank=True, **AMOUNT)
    arrived_yuan = models.DecimalField("到位资金（元）", null=True, blank=True, **AMOUNT)
    fixed_asset_yuan = models.DecimalField("固定资产投资（元）", null=True, blank=True, **AMOUNT)
    stage = models.PositiveSmallIntegerField("当前阶段", choices=Stage.choices)
    version = models.PositiveIntegerField(
        "版本",
        default=1,
        editable=False,
        help_text="每次修改加一；保存时核对，防止覆盖他人的修改（乐观锁）。",
    )

    class Meta:
        verbose_name = "招商项目"
        verbose_name_plural = "招商项目"
        ordering = ["program", "code"]
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="project_unique_code_in_program"),
            models.CheckConstraint(
                condition=models.Q(stage__gte=1, stage__lte=5), name="project_stage_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(amount_yuan__isnull=True) | models.Q(amount_yuan__gte=0),
                name="project_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(arrived_yuan__isnull=True) | models.Q(arrived_yuan__gte=0),
                name="project_arrived_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(fixed_asset_yuan__isnull=True) | models.Q(fixed_asset_yuan__gte=0),
                name="project_fixed_asset_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["program", "stage"], name="project_program_stage")]

    def __str__(self) -> str:
        return self.name


class ProjectStage(models.Model):
    """One stage a project reached (阶段记录), with the date it was reached when known."""

    project = models.ForeignKey(Project, verbose_name="项目", on_delete=models.CASCADE, related_name="stages")
    stage = models.PositiveSmallIntegerField("阶段", choices=Stage.choices)
    date = models.DateField("日期", null=True, blank=True)
    verified_at = models.DateTimeField("核验时间", null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="核验人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "项目阶段记录"
        verbose_name_plural = "项目阶段记录"
        ordering = ["project", "stage"]
        constraints = [
            models.UniqueConstraint(fields=["project", "stage"], name="projectstage_unique_stage"),
            models.CheckConstraint(
                condition=models.Q(stage__gte=1, stage__lte=5), name="projectstage_stage_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {Stage(self.stage).label} {self.date or ''}"

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class Talent(TimeStampedModel):
    """A talent attracted home (引进人才)."""

    class Level(models.TextChoices):
        HIGH_LEVEL = "high_level", "高层次人才"
        SCARCE = "scarce", "急需紧缺人才"
        GRADUATE = "graduate", "高校毕业生"
        HIGH_SALARY = "high_salary", "企业高薪人才"
        OTHER = "other", "其他"

    program = models.ForeignKey(
        "programs.Program", verbose_name="计划", on_delete=models.CASCADE, related_name="talents"
    )
    name = models.CharField("姓名", max_length=64)
    level = models.CharField("层次", max_length=16, choices=Level.choices)
    date = models.DateField("引进日期", null=True, blank=True)
    field = models.CharField("领域", max_length=64, blank=True, default="")
    cadres = models.ManyToManyField(
        "programs.Participant", verbose_name="引荐干部", blank=True, related_name="talents"
    )

    class Meta:
        verbose_name = "引进人才"
        verbose_name_plural = "引进人才"
        ordering = ["program", "-date", "name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name", "level", "date"], name="talent_unique_key"),
        ]

    def __str__(self) -> str:
        return self.name


class StageEvidence(TimeStampedModel):
    """An attachment proving a stage (阶段佐证材料), such as the signed agreement."""

    stage = models.ForeignKey(
        ProjectStage, verbose_name="阶段记录", on_delete=models.CASCADE, related_name="evidence"
    )
    title = models.CharField("材料名称", max_length=128)
    file = models.FileField("文件", upload_to="pipeline/evidence/%Y/%m/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "阶段佐证材料"
        verbose_name_plural = "阶段佐证材料"
        ordering = ["stage", "created_at", "id"]

    def __str__(self) -> str:
        return self.title


class PipelineSettings(TimeStampedModel):
    """Per-program rules of the pipeline (招商设置): progress-light thresholds and the credit rule."""

    class CreditRule(models.TextChoices):
        FIRST_REPORTER = "first", "首报者计全额"
        EQUAL = "equal", "参与干部平分"
        WEIGHTS = "weights", "按申报权重"

    program = models.OneToOneField(
        "programs.Program", verbose_name="计划", on_delete=models.CASCADE, related_name="pipeline_settings"
    )
    yellow_months = models.PositiveSmallIntegerField("黄灯：无进展月数", default=3)
    red_months = models.PositiveSmallIntegerField("红灯：无进展月数", default=6)
    credit_rule = models.CharField(
        "业绩分配规则", max_length=8, choices=CreditRule.choices, default=CreditRule.EQUAL
    )

    class Meta:
        verbose_name = "招商设置"
        verbose_name_plural = "招商设置"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(yellow_months__gte=1, red_months__gt=models.F("yellow_months")),
                name="pipelinesettings_thresholds_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(credit_rule__in=["first", "equal", "weights"]),
                name="pipelinesettings_credit_rule_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} 招商设置"


class CreditWeight(TimeStampedModel):
    """A declared share (申报权重, percent) of one cadre in a project, used by the 按申报权重 rule."""

    project = models.ForeignKey(
        Project, verbose_name="项目", on_delete=models.CASCADE, related_name="weights"
    )
    participant = models.ForeignKey(
        "programs.Participant", verbose_name="干部", on_delete=models.CASCADE, related_name="credit_weights"
    )
    percent = models.DecimalField("权重（%）", max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = "业绩权重"
        verbose_name_plural = "业绩权重"
        constraints = [
            models.UniqueConstraint(fields=["project", "participant"], name="creditweight_unique"),
            models.CheckConstraint(
                condition=models.Q(percent__gt=0, percent__lte=100), name="creditweight_percent_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.participant} {self.percent}%"


class LinkEnterprise(TimeStampedModel):
    """An enterprise placed on a chain link (产业链环节企业): a local one of the home region, or a target
    in a host city to attract for a gap."""

    class Role(models.TextChoices):
        LOCAL = "local", "本地企业"
        TARGET = "target", "目标企业"

    link = models.ForeignKey(
        "chains.Link", verbose_name="环节", on_delete=models.CASCADE, related_name="enterprises"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="企业", on_delete=models.PROTECT, related_name="chain_links"
    )
    role = models.CharField("类别", max_length=8, choices=Role.choices)
    city = models.CharField("所在城市", max_length=32, blank=True)

    class Meta:
        verbose_name = "环节企业"
        verbose_name_plural = "环节企业"
        ordering = ["link", "role", "city", "enterprise"]
        constraints = [
            models.UniqueConstraint(fields=["link", "enterprise"], name="linkenterprise_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=["local", "target"]), name="linkenterprise_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.link} {self.enterprise}"
