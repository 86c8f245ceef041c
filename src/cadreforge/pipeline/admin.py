from django.contrib import admin

from cadreforge.audit.admin import AuditedModelAdmin

from .models import Enterprise, Lead, Project, ProjectStage, Talent, Visit


@admin.register(Enterprise)
class EnterpriseAdmin(AuditedModelAdmin):
    list_display = ("name", "uscc", "location")
    search_fields = ("name", "name_key", "uscc")
    readonly_fields = ("name_key",)


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
