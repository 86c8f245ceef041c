"""Programs (培养计划), their batches (批次), teams (小分队), the cadres taking part, host units (派驻单位) and
posts (岗位). Vocabularies follow spec/ledger-workbook.md."""

from django.conf import settings
from django.db import models

from cadreforge.core.models import TimeStampedModel
from cadreforge.core.text import text_key


class Program(TimeStampedModel):
    class Kind(models.TextChoices):
        SECONDMENT = "secondment", "挂职锻炼"
        STATIONED_INVESTMENT = "stationed_investment", "驻点招商"
        STUDY = "study", "学习锻炼"
        SHADOWING = "shadowing", "跟班学习"
        TRAINING_CLASS = "training_class", "培训班"
        STUDY_TOUR = "study_tour", "考察研修"
        GROWTH_CAMP = "growth_camp", "成长营"
        ENTERPRISE_SERVICE = "enterprise_service", "助企服务"

    code = models.SlugField("计划代码", max_length=64, unique=True)
    name = models.CharField("计划名称", max_length=128)
    kind = models.CharField("类型", max_length=32, choices=Kind.choices)
    organiser = models.CharField("主办单位", max_length=128, blank=True)
    region = models.CharField("所属地区", max_length=128, blank=True)
    description = models.TextField("说明", blank=True)
    version = models.PositiveIntegerField(
        "版本",
        default=1,
        editable=False,
        help_text="每次修改加一；保存时核对，防止覆盖他人的修改（乐观锁）。",
    )

    class Meta:
        verbose_name = "培养计划"
        verbose_name_plural = "培养计划"
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=[
                        "secondment",
                        "stationed_investment",
                        "study",
                        "shadowing",
                        "training_class",
                        "study_tour",
                        "growth_camp",
                        "enterprise_service",
                    ]
                ),
                name="program_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[a-z0-9-]+$"), name="program_code_format"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Batch(TimeStampedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", "计划中"
        SELECTING = "selecting", "选拔中"
        ONGOING = "ongoing", "进行中"
        COMPLETED = "completed", "已结束"

    program = models.ForeignKey(
        Program, verbose_name="计划", on_delete=models.CASCADE, related_name="batches"
    )
    number = models.PositiveSmallIntegerField("批次")
    name = models.CharField("名称", max_length=64, blank=True)
    start_date = models.DateField("开始日期", null=True, blank=True)
    end_date = models.DateField("结束日期", null=True, blank=True)
    quota = models.PositiveIntegerField("计划人数", null=True, blank=True)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.PLANNED)

    class Meta:
        verbose_name = "批次"
        verbose_name_plural = "批次"
        ordering = ["program", "number"]
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="batch_unique_number_in_program"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="batch_number_positive"),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="batch_dates_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["planned", "selecting", "ongoing", "completed"]),
                name="batch_status_valid",
            ),
        ]

    def __str__(self) -> str:
        label = f"第{self.number}批"
        return f"{label}（{self.name}）" if self.name else label


class Team(TimeStampedModel):
    """A team (小分队) inside a batch, with a leader chosen among its members."""

    batch = models.ForeignKey(Batch, verbose_name="批次", on_delete=models.CASCADE, related_name="teams")
    name = models.CharField("名称", max_length=64)
    leader = models.ForeignKey(
        "Participant", verbose_name="队长", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "小分队"
        verbose_name_plural = "小分队"
        ordering = ["batch", "name"]
        constraints = [models.UniqueConstraint(fields=["batch", "name"], name="team_unique_name_in_batch")]

    def __str__(self) -> str:
        return self.name


class Participant(TimeStampedModel):
    """A cadre taking part in a program (参与干部); `code` is the ledger's 干部编号 within the program."""

    program = models.ForeignKey(
        Program, verbose_name="计划", on_delete=models.CASCADE, related_name="participants"
    )
    cadre = models.ForeignKey(
        "people.Cadre", verbose_name="干部", on_delete=models.PROTECT, related_name="participations"
    )
    code = models.CharField("干部编号", max_length=32)
    batch = models.ForeignKey(
        Batch,
        verbose_name="批次",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participants",
    )
    team = models.ForeignKey(
        Team, verbose_name="小分队", null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    track = models.CharField("方向", max_length=64, blank=True, help_text="如成长营的产业赛道")

    class Meta:
        verbose_name = "参与干部"
        verbose_name_plural = "参与干部"
        ordering = ["program", "code"]
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="participant_unique_code_in_program"),
            models.UniqueConstraint(fields=["program", "cadre"], name="participant_unique_cadre_in_program"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.cadre.name}"


class ProgramGrant(TimeStampedModel):
    """A user's right to manage (or read) one program's records; program managers see only granted programs."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="program_grants"
    )
    program = models.ForeignKey(Program, verbose_name="计划", on_delete=models.CASCADE, related_name="grants")

    class Meta:
        verbose_name = "计划授权"
        verbose_name_plural = "计划授权"
        constraints = [models.UniqueConstraint(fields=["user", "program"], name="grant_unique_user_program")]

    def __str__(self) -> str:
        return f"{self.user} → {self.program.code}"


class HostUnit(TimeStampedModel):
    """A host unit (派驻单位) in a developed region, where cadres are seconded or study."""

    class Kind(models.TextChoices):
        DEV_ZONE = "dev_zone", "开发园区"
        HIGH_TECH_ZONE = "high_tech_zone", "高新区"
        SCIENCE_PARK = "science_park", "科技园"
        UNIVERSITY = "university", "高校院所"
        ASSOCIATION = "association", "协会商会"
        SOE = "soe", "国有企业"
        LISTED_COMPANY = "listed_company", "上市公司"
        PARTY_SCHOOL = "party_school", "党校"
        GOVERNMENT = "government", "政府部门"
        OTHER = "other", "其他"

    name = models.CharField("名称", max_length=128)
    name_key = models.CharField("名称检索键", max_length=128, editable=False)
    city = models.CharField("城市", max_length=32)
    kind = models.CharField("单位类型", max_length=16, choices=Kind.choices, default=Kind.OTHER)
    # The host unit's own people (派驻单位联系人) with an account: they rank cadres for the unit's posts.
    contacts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="联系人账号",
        related_name="host_units",
        blank=True,
        limit_choices_to={"role": "host_contact"},
    )

    class Meta:
        verbose_name = "派驻单位"
        verbose_name_plural = "派驻单位"
        ordering = ["city", "name"]
        constraints = [
            models.UniqueConstraint(fields=["city", "name_key"], name="hostunit_unique_name_in_city"),
        ]

    def __str__(self) -> str:
        return f"{self.city}·{self.name}"

    def save(self, *args, **kwargs):
        self.name_key = text_key(self.name)
        super().save(*args, **kwargs)


class Post(TimeStampedModel):
    """A post (岗位) at a host unit offered to a program; `code` is the ledger's 岗位编号."""

    program = models.ForeignKey(Program, verbose_name="计划", on_delete=models.CASCADE, related_name="posts")
    code = models.CharField("岗位编号", max_length=32)
    host = models.ForeignKey(
        HostUnit, verbose_name="派驻单位", on_delete=models.PROTECT, related_name="posts"
    )
    title = models.CharField("岗位名称", max_length=128, blank=True)
    chains = models.ManyToManyField("chains.Chain", verbose_name="产业链", blank=True, related_name="posts")
    capacity = models.PositiveSmallIntegerField("名额", default=1)
    duties = models.TextField("岗位职责", blank=True)

    class Meta:
        verbose_name = "岗位"
        verbose_name_plural = "岗位"
        ordering = ["program", "code"]
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="post_unique_code_in_program"),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="post_capacity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.host}"

    @property
    def city(self) -> str:
        return self.host.city
