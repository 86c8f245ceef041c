"""Cadres (干部) and their profile. ID numbers and mobiles are personal information: stored encrypted,
with a keyed hash beside them for lookup, and shown masked."""

from django.conf import settings
from django.db import models

from cadreforge.core import crypto
from cadreforge.core.models import TimeStampedModel
from cadreforge.core.text import text_key
from cadreforge.core.validators import mask_id_number, mask_mobile


class Cadre(TimeStampedModel):
    class Gender(models.TextChoices):
        MALE = "M", "男"
        FEMALE = "F", "女"

    name = models.CharField("姓名", max_length=64)
    name_key = models.CharField("姓名检索键", max_length=64, db_index=True, editable=False)
    gender = models.CharField("性别", max_length=1, choices=Gender.choices, blank=True)
    birth_month = models.DateField("出生年月", null=True, blank=True, help_text="取该月1日")
    unit = models.ForeignKey(
        "org.OrgUnit", verbose_name="工作单位", on_delete=models.PROTECT, related_name="cadres"
    )
    position = models.CharField("职务", max_length=128, blank=True)
    rank = models.CharField("职级", max_length=32, blank=True)
    tags = models.JSONField("专业领域", default=list, blank=True)
    has_studied_economy = models.BooleanField("学过（经济相关学历或培训）", default=False)
    has_worked_economy = models.BooleanField("干过（经济工作经历）", default=False)
    has_managed_economy = models.BooleanField("管过（分管经济工作）", default=False)
    is_reserve = models.BooleanField("后备干部", default=False)
    # Items of the 干部任免审批表 (appointment and removal form); see people/lrmx.py.
    ethnicity = models.CharField("民族", max_length=32, blank=True)
    native_place = models.CharField("籍贯", max_length=64, blank=True)
    birthplace = models.CharField("出生地", max_length=64, blank=True)
    party_join_month = models.DateField("入党时间", null=True, blank=True, help_text="取该月1日")
    work_start_month = models.DateField("参加工作时间", null=True, blank=True, help_text="取该月1日")
    health = models.CharField("健康状况", max_length=32, blank=True)
    professional_title = models.CharField("专业技术职务", max_length=64, blank=True)
    specialty = models.CharField("熟悉专业有何专长", max_length=128, blank=True)
    fulltime_education = models.CharField("全日制教育学历", max_length=32, blank=True)
    fulltime_degree = models.CharField("全日制教育学位", max_length=32, blank=True)
    fulltime_school = models.CharField("全日制教育毕业院校系及专业", max_length=128, blank=True)
    onjob_education = models.CharField("在职教育学历", max_length=32, blank=True)
    onjob_degree = models.CharField("在职教育学位", max_length=32, blank=True)
    onjob_school = models.CharField("在职教育毕业院校系及专业", max_length=128, blank=True)
    other_rewards = models.TextField(
        "其他奖惩情况", blank=True, help_text="系统表彰记录以外的奖惩，填入任免审批表时排在表彰记录之后"
    )
    id_number_cipher = models.TextField("身份证号（密文）", blank=True, editable=False)
    id_number_hash = models.CharField(
        "身份证号检索摘要", max_length=64, blank=True, editable=False, db_index=True
    )
    id_number_masked = models.CharField("身份证号（脱敏）", max_length=18, blank=True, editable=False)
    mobile_cipher = models.TextField("手机号（密文）", blank=True, editable=False)
    mobile_hash = models.CharField("手机号检索摘要", max_length=64, blank=True, editable=False, db_index=True)
    mobile_masked = models.CharField("手机号（脱敏）", max_length=11, blank=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="登录账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cadre",
    )

    class Meta:
        verbose_name = "干部"
        verbose_name_plural = "干部"
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number_hash"],
                condition=~models.Q(id_number_hash=""),
                name="cadre_unique_id_number",
            ),
            models.CheckConstraint(condition=~models.Q(name=""), name="cadre_name_not_empty"),
            models.CheckConstraint(condition=models.Q(gender__in=["", "M", "F"]), name="cadre_gender_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = text_key(self.name)
        super().save(*args, **kwargs)

    # Invariants of one row: the cipher, the hash and the mask always describe the same value.
    def set_id_number(self, value: str) -> None:
        """Store an already validated ID number (see core.validators.validate_id_number)."""
        self.id_number_cipher = crypto.encrypt(value)
        self.id_number_hash = crypto.keyed_hash(value)
        self.id_number_masked = mask_id_number(value)

    def set_mobile(self, value: str) -> None:
        """Store an already validated mobile number."""
        self.mobile_cipher = crypto.encrypt(value)
        self.mobile_hash = crypto.keyed_hash(value)
        self.mobile_masked = mask_mobile(value)

    def reveal_id_number(self) -> str:
        """The clear ID number. Callers must check the permission and audit the reveal."""
        return crypto.decrypt(self.id_number_cipher)

    def reveal_mobile(self) -> str:
        return crypto.decrypt(self.mobile_cipher)

    @property
    def photo(self) -> bytes:
        """The photo's bytes (b"" when none), read from its own table (CadrePhoto) only when asked."""
        data = CadrePhoto.objects.filter(cadre_id=self.pk).values_list("data", flat=True).first()
        return bytes(data) if data else b""  # PostgreSQL hands back a memoryview

    @property
    def has_photo(self) -> bool:
        return CadrePhoto.objects.filter(cadre_id=self.pk).exists()

    @property
    def experience_labels(self) -> list[str]:
        flags = [
            (self.has_studied_economy, "学过"),
            (self.has_worked_economy, "干过"),
            (self.has_managed_economy, "管过"),
        ]
        return [label for on, label in flags if on]


class CadrePhoto(models.Model):
    """The 2-inch photo (照片) of the cadre's 干部任免审批表: JPEG or PNG, checked by people.photo. A table of
    its own, so that loading cadres (lists, joins) never loads pictures; in the database, so that it is
    access-controlled like the profile and goes into `cadreforge backup`."""

    cadre = models.OneToOneField(
        Cadre, verbose_name="干部", primary_key=True, on_delete=models.CASCADE, related_name="photo_record"
    )
    data = models.BinaryField("照片")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "干部照片"
        verbose_name_plural = "干部照片"

    def __str__(self) -> str:
        return f"{self.cadre}的照片"


class ResumeEntry(models.Model):
    """One line of a cadre's résumé (简历): from–to and what they studied or did. An entry without a start
    is a line that could not be dated (kept as read from a form)."""

    cadre = models.ForeignKey(Cadre, verbose_name="干部", on_delete=models.CASCADE, related_name="resume")
    order = models.PositiveSmallIntegerField("顺序")
    start_month = models.DateField("起始年月", null=True, blank=True)
    end_month = models.DateField("截止年月", null=True, blank=True, help_text="空为至今")
    description = models.CharField("学习或工作单位及职务", max_length=500)

    class Meta:
        verbose_name = "简历"
        verbose_name_plural = "简历"
        ordering = ["cadre", "order"]
        constraints = [
            models.UniqueConstraint(fields=["cadre", "order"], name="resumeentry_unique_order"),
            models.CheckConstraint(
                condition=models.Q(start_month__isnull=True)
                | models.Q(end_month__isnull=True)
                | models.Q(end_month__gte=models.F("start_month")),
                name="resumeentry_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.line

    @property
    def line(self) -> str:
        """The résumé line as the form writes it: 2010.09--2014.07  南京大学经济学专业学习."""
        if self.start_month is None:
            return self.description
        end = f"{self.end_month:%Y.%m}" if self.end_month else " " * 7
        return f"{self.start_month:%Y.%m}--{end}  {self.description}"


class AnnualAssessment(models.Model):
    """A year's assessment result (年度考核结果)."""

    class Result(models.TextChoices):
        EXCELLENT = "优秀", "优秀"
        COMPETENT = "称职", "称职"
        QUALIFIED = "合格", "合格"
        BASIC_COMPETENT = "基本称职", "基本称职"
        BASIC_QUALIFIED = "基本合格", "基本合格"
        INCOMPETENT = "不称职", "不称职"
        UNQUALIFIED = "不合格", "不合格"
        UNRATED = "不定等次", "不定等次"

    cadre = models.ForeignKey(
        Cadre, verbose_name="干部", on_delete=models.CASCADE, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField("年度")
    result = models.CharField("考核结果", max_length=8, choices=Result.choices)

    class Meta:
        verbose_name = "年度考核结果"
        verbose_name_plural = "年度考核结果"
        ordering = ["cadre", "year"]
        constraints = [
            models.UniqueConstraint(fields=["cadre", "year"], name="annualassessment_unique_year"),
            models.CheckConstraint(
                condition=models.Q(year__gte=1950) & models.Q(year__lte=2100),
                name="annualassessment_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年度考核{self.result}"


class FamilyMember(models.Model):
    """A member of the cadre's family or an important social relation (家庭主要成员及重要社会关系).
    Personal information: shown masked to roles that may not see personal data."""

    cadre = models.ForeignKey(Cadre, verbose_name="干部", on_delete=models.CASCADE, related_name="family")
    order = models.PositiveSmallIntegerField("顺序")
    relation = models.CharField("称谓", max_length=16)
    name = models.CharField("姓名", max_length=64)
    birth_month = models.DateField("出生年月", null=True, blank=True, help_text="取该月1日")
    political_status = models.CharField("政治面貌", max_length=32, blank=True)
    work_unit_and_post = models.CharField("工作单位及职务", max_length=200, blank=True)

    class Meta:
        verbose_name = "家庭主要成员"
        verbose_name_plural = "家庭主要成员"
        ordering = ["cadre", "order"]
        constraints = [
            models.UniqueConstraint(fields=["cadre", "order"], name="familymember_unique_order"),
        ]

    def __str__(self) -> str:
        return f"{self.relation} {mask_name(self.name)}"

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)


def mask_name(value: str) -> str:
    """王** : the surname shown, the rest hidden."""
    return value[:1] + "*" * (len(value) - 1) if value else ""
