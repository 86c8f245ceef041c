"""Back office of the pipeline (Chinese labels come from the models' verbose names). Records whose
meaning depends on a workflow — stage verification, evidence, declared weights, merges and 不是重复 marks —
are shown read-only here: they change only through their services, which check and audit them."""

from django.contrib import admin

from cadreforge.audit.admin import AuditedModelAdmin

from .models import (
    CreditWeight,
    Enterprise,
    EnterpriseMerge,
    Lead,
    LinkEnterprise,
    PipelineSettings,
    Project,
    ProjectStage,
    StageEvidence,
    Talent,
    Visit,
)
from .registry_models import DuplicateDismissal


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewable in the back office, changed only through the pages and services."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Enterprise)
class EnterpriseAdmin(AuditedModelAdmin):
    list_display = ("name", "uscc", "location", "merged_into")
    search_fields = ("name", "name_key", "uscc")
    # A merge is undone through the merge record; editing merged_into here would break the undo.
    readonly_fields = ("name_key", "alias_key", "merged_into")


@admin.register(Visit)
class VisitAdmin(AuditedModelAdmin):
    list_display = ("date", "enterprise", "participant", "program", "location")
    list_filter = ("program",)
    search_fields = (
        "enterprise__name",
        "enterprise__name_key",
        "participant__code",
        "participant__cadre__name",
    )
    autocomplete_fields = ("program", "participant", "enterprise", "chains")
    list_select_related = ("enterprise", "participant__cadre", "program")
    date_hierarchy = "date"


@admin.register(Lead)
class LeadAdmin(AuditedModelAdmin):
    list_display = (
        "code",
        "date",
        "enterprise",
        "participant",
        "expected_amount_yuan",
        "valuable",
        "program",
    )
    list_filter = ("valuable", "program")
    search_fields = ("code", "enterprise__name", "enterprise__name_key", "participant__cadre__name")
    autocomplete_fields = ("program", "participant", "enterprise", "chains")
    list_select_related = ("enterprise", "participant__cadre", "program")
    date_hierarchy = "date"


class ProjectStageInline(admin.TabularInline):
    model = ProjectStage
    extra = 0


@admin.register(Project)
class ProjectAdmin(AuditedModelAdmin):
    list_display = ("code", "name", "investor", "stage", "amount_yuan", "program")
    list_filter = ("stage", "program")
    search_fields = ("code", "name", "investor__name", "investor__name_key")
    autocomplete_fields = ("program", "investor", "source_lead", "cadres", "chains")
    list_select_related = ("investor", "program")
    inlines = [ProjectStageInline]


@admin.register(Talent)
class TalentAdmin(AuditedModelAdmin):
    list_display = ("name", "level", "date", "program")
    list_filter = ("level", "program")
    search_fields = ("name",)
    autocomplete_fields = ("program", "cadres")


@admin.register(ProjectStage)
class ProjectStageAdmin(ReadOnlyAdmin):
    list_display = ("project", "stage", "date", "verified_at", "verified_by")
    list_filter = ("stage", "project__program")
    search_fields = ("project__code", "project__name")
    list_select_related = ("project", "verified_by")


@admin.register(StageEvidence)
class StageEvidenceAdmin(ReadOnlyAdmin):
    list_display = ("title", "stage", "uploaded_by", "created_at")
    list_filter = ("stage__project__program",)
    search_fields = ("title", "stage__project__code", "stage__project__name")
    list_select_related = ("stage__project", "uploaded_by")
    # The file is served only through the scoped evidence page, never by a media URL from here.
    exclude = ("file",)


@admin.register(PipelineSettings)
class PipelineSettingsAdmin(AuditedModelAdmin):
    list_display = ("program", "credit_rule", "yellow_months", "red_months")
    list_filter = ("credit_rule",)
    search_fields = ("program__code", "program__name")
    autocomplete_fields = ("program",)


@admin.register(CreditWeight)
class CreditWeightAdmin(ReadOnlyAdmin):
    """Weights are declared as a whole per project (adding up to 100) on the weights page."""

    list_display = ("project", "participant", "percent")
    list_filter = ("project__program",)
    search_fields = ("project__code", "participant__code")
    list_select_related = ("project", "participant")


@admin.register(EnterpriseMerge)
class EnterpriseMergeAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "kept", "merged", "actor", "undone_at", "undone_by")
    search_fields = ("kept__name", "merged__name")
    list_select_related = ("kept", "merged", "actor", "undone_by")


@admin.register(DuplicateDismissal)
class DuplicateDismissalAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "first", "second", "reason", "actor", "undone_at", "undone_by")
    search_fields = ("first__name", "second__name", "reason")
    list_select_related = ("first", "second", "actor", "undone_by")


@admin.register(LinkEnterprise)
class LinkEnterpriseAdmin(AuditedModelAdmin):
    list_display = ("link", "enterprise", "role", "city")
    list_filter = ("role", "link__chain")
    search_fields = ("enterprise__name", "enterprise__name_key", "link__name", "link__chain__name")
    autocomplete_fields = ("link", "enterprise")
    list_select_related = ("link__chain", "enterprise")
