"""Back office of evaluation (考核激励), audited like every back-office write.

Fault-tolerance cases (容错纠错) stay confidential here too: the same rule as the pages (faults.py) decides
— system administrators, the managers granted the case's program, the cadre concerned — whatever the
Django permissions or the superuser flag say. Reviews and corrections appear only inside their case, and
a manual assessment shows its linked case only to those who may see it.
"""

from django.contrib import admin

from cadreforge.audit.admin import AuditedModelAdmin

from . import faults
from .models import (
    ApprovalStep,
    CaseReview,
    Commendation,
    CorrectionAction,
    FaultToleranceCase,
    KpiScheme,
    KpiWeight,
    ManualAssessment,
    MentorPairing,
    PromotionRecommendation,
    ShadowingLog,
)


class KpiWeightInline(admin.TabularInline):
    model = KpiWeight
    extra = 0


@admin.register(KpiScheme)
class KpiSchemeAdmin(AuditedModelAdmin):
    list_display = ("name", "program", "start_date", "end_date")
    list_filter = ("program",)
    search_fields = ("name", "program__code", "program__name")
    autocomplete_fields = ("program",)
    inlines = [KpiWeightInline]


@admin.register(ManualAssessment)
class ManualAssessmentAdmin(AuditedModelAdmin):
    list_display = ("participant", "scheme", "points", "reason")
    list_filter = ("scheme__program",)
    search_fields = ("participant__code", "participant__cadre__name", "reason")
    autocomplete_fields = ("participant",)
    list_select_related = ("participant__cadre", "scheme")

    def get_exclude(self, request, obj=None):
        hidden = (
            obj is not None and obj.fault_case_id and not faults.may_see_case(request.user, obj.fault_case)
        )
        return ("fault_case",) if hidden else ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "fault_case":
            kwargs["queryset"] = faults.visible_cases(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CaseReviewInline(admin.TabularInline):
    model = CaseReview
    extra = 0
    raw_id_fields = ("recorded_by",)


class CorrectionActionInline(admin.TabularInline):
    model = CorrectionAction
    extra = 0


@admin.register(FaultToleranceCase)
class FaultToleranceCaseAdmin(AuditedModelAdmin):
    """Only the cases faults.visible_cases gives the user are listed, found or opened; others are 'not
    found'. The title is shown here and nowhere outside the case (its str() is a number)."""

    list_display = ("pk", "title", "program", "participant", "step", "decision")
    list_filter = ("step", "decision")
    search_fields = ("title", "participant__code", "participant__cadre__name")
    autocomplete_fields = ("program", "participant")
    list_select_related = ("program", "participant__cadre")
    inlines = [CaseReviewInline, CorrectionActionInline]

    def get_queryset(self, request):
        return faults.visible_cases(request.user)

    def _may_see(self, request, obj) -> bool:
        return obj is None or faults.may_see_case(request.user, obj)

    def _may_handle(self, request, obj) -> bool:
        return request.user.may_write and self._may_see(request, obj)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.may_write and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return (
            self._may_see(request, obj)
            and request.user.may_write
            and super().has_view_permission(request, obj)
        )

    def has_add_permission(self, request):
        return request.user.may_write and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._may_handle(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_handle(request, obj) and super().has_delete_permission(request, obj)


@admin.register(Commendation)
class CommendationAdmin(AuditedModelAdmin):
    list_display = ("title", "participant", "date", "scheme")
    list_filter = ("participant__program",)
    search_fields = ("title", "participant__code", "participant__cadre__name")
    autocomplete_fields = ("participant", "projects")
    list_select_related = ("participant__cadre", "scheme")
    date_hierarchy = "date"


class ApprovalStepInline(admin.TabularInline):
    model = ApprovalStep
    extra = 0
    raw_id_fields = ("decided_by",)


@admin.register(PromotionRecommendation)
class PromotionRecommendationAdmin(AuditedModelAdmin):
    list_display = ("participant", "from_post", "to_post", "status")
    list_filter = ("status", "participant__program")
    search_fields = ("participant__code", "participant__cadre__name", "to_post")
    autocomplete_fields = ("participant", "projects", "commendations")
    list_select_related = ("participant__cadre",)
    inlines = [ApprovalStepInline]


class ShadowingLogInline(admin.StackedInline):
    model = ShadowingLog
    extra = 0
    raw_id_fields = ("commented_by",)


@admin.register(MentorPairing)
class MentorPairingAdmin(AuditedModelAdmin):
    list_display = ("participant", "mentor_name", "mentor_post", "place", "start_date", "end_date")
    list_filter = ("participant__program",)
    search_fields = ("participant__code", "participant__cadre__name", "mentor_name", "place")
    autocomplete_fields = ("participant", "mentor_cadre")
    list_select_related = ("participant__cadre",)
    inlines = [ShadowingLogInline]


@admin.register(ShadowingLog)
class ShadowingLogAdmin(AuditedModelAdmin):
    list_display = ("pairing", "date", "hours", "has_comment")
    list_filter = ("pairing__participant__program",)
    search_fields = ("pairing__participant__code", "pairing__participant__cadre__name", "activity")
    list_select_related = ("pairing__participant__cadre",)
    raw_id_fields = ("pairing", "commented_by")
    date_hierarchy = "date"

    @admin.display(description="已点评", boolean=True)
    def has_comment(self, obj) -> bool:
        return bool(obj.mentor_comment)
