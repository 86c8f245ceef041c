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
    def experience_labels(self) -> list[str]:
        flags = [
            (self.has_studied_economy, "学过"),
            (self.has_worked_economy, "干过"),
            (self.has_managed_economy, "管过"),
        ]
        return [label for on, label in flags if on]
