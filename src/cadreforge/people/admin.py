"""Back office for cadres. The cipher and hash columns are never shown; ID number and mobile appear
masked, and can be replaced (write-only) through fields that validate them first."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from cadreforge.audit.admin import AuditedModelAdmin
from cadreforge.core import crypto
from cadreforge.core.validators import validate_id_number, validate_mobile

from .models import AnnualAssessment, Cadre, ResumeEntry

# Items of the 干部任免审批表. Family members are personal data and stay out of the back office: they are
# read from an .lrmx file on the cadre's page, where the role decides what is shown.
FORM_ITEMS = (
    "ethnicity", "native_place", "birthplace", "party_join_month", "work_start_month", "health",
    "professional_title", "specialty", "fulltime_education", "fulltime_degree", "fulltime_school",
    "onjob_education", "onjob_degree", "onjob_school", "other_rewards",
)  # fmt: skip


class ResumeInline(admin.TabularInline):
    model = ResumeEntry
    extra = 0
    fields = ("order", "start_month", "end_month", "description")


class AssessmentInline(admin.TabularInline):
    model = AnnualAssessment
    extra = 0
    fields = ("year", "result")


class CadreAdminForm(forms.ModelForm):
    new_id_number = forms.CharField(
        label="新身份证号", required=False, help_text="留空则不修改；保存后只显示脱敏号码"
    )
    new_mobile = forms.CharField(label="新手机号", required=False, help_text="留空则不修改")

    class Meta:
        model = Cadre
        fields = (
            "name",
            "gender",
            "birth_month",
            "unit",
            "position",
            "rank",
            "tags",
            "user",
            "has_studied_economy",
            "has_worked_economy",
            "has_managed_economy",
            "is_reserve",
            *FORM_ITEMS,
        )

    def clean_new_id_number(self) -> str:
        value = self.cleaned_data["new_id_number"].strip()
        if not value:
            return ""
        value = validate_id_number(value)
        taken = Cadre.objects.filter(id_number_hash=crypto.keyed_hash(value)).exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError("该身份证号已登记在其他干部名下")
        return value

    def clean_new_mobile(self) -> str:
        value = self.cleaned_data["new_mobile"].strip()
        return validate_mobile(value) if value else ""

    def save(self, commit: bool = True) -> Cadre:
        cadre = super().save(commit=False)
        if self.cleaned_data.get("new_id_number"):
            cadre.set_id_number(self.cleaned_data["new_id_number"])
        if self.cleaned_data.get("new_mobile"):
            cadre.set_mobile(self.cleaned_data["new_mobile"])
        if commit:
            cadre.save()
            self.save_m2m()
        return cadre


@admin.register(Cadre)
class CadreAdmin(AuditedModelAdmin):
    form = CadreAdminForm
    inlines = (ResumeInline, AssessmentInline)
    list_display = (
        "name",
        "gender",
        "unit",
        "position",
        "rank",
        "id_number_masked",
        "mobile_masked",
        "is_reserve",
    )
    list_filter = ("gender", "is_reserve", "has_studied_economy", "has_worked_economy", "has_managed_economy")
    search_fields = ("name", "name_key", "position")
    autocomplete_fields = ("unit",)
    raw_id_fields = ("user",)
    readonly_fields = ("id_number_masked", "mobile_masked", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("name", "gender", "birth_month", "unit", "position", "rank", "tags", "user")}),
        (
            "经济工作经历",
            {"fields": ("has_studied_economy", "has_worked_economy", "has_managed_economy", "is_reserve")},
        ),
        (
            "个人信息（脱敏）",
            {"fields": ("id_number_masked", "new_id_number", "mobile_masked", "new_mobile")},
        ),
        ("任免审批表项目", {"fields": FORM_ITEMS, "classes": ("collapse",)}),
        ("记录", {"fields": ("created_at", "updated_at")}),
    )
