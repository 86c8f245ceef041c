from django.contrib import admin

from cadreforge.audit.admin import AuditedModelAdmin
from cadreforge.core.locking import claim_version

from .models import Batch, HostUnit, Participant, Post, Program, ProgramGrant, Team


class BatchInline(admin.TabularInline):
    model = Batch
    extra = 0
    fields = ("number", "name", "start_date", "end_date", "quota", "status")


@admin.register(Program)
class ProgramAdmin(AuditedModelAdmin):
    list_display = ("code", "name", "kind", "organiser", "region")
    list_filter = ("kind",)
    search_fields = ("code", "name", "organiser", "region")
    inlines = [BatchInline]

    def save_model(self, request, obj, form, change):
        """A back-office change is an edit too: it moves the version on, so an edit form opened before it
        is refused instead of overwriting it (乐观锁)."""
        if change:
            claim_version(obj, None, f"计划“{obj.name}”")
        super().save_model(request, obj, form, change)


@admin.register(Batch)
class BatchAdmin(AuditedModelAdmin):
    list_display = ("__str__", "program", "status", "start_date", "end_date", "quota")
    list_filter = ("status", "program")
    search_fields = ("program__code", "program__name", "name")
    autocomplete_fields = ("program",)


@admin.register(Team)
class TeamAdmin(AuditedModelAdmin):
    list_display = ("name", "batch", "leader")
    list_filter = ("batch__program",)
    search_fields = ("name", "batch__program__code")
    autocomplete_fields = ("batch", "leader")


@admin.register(Participant)
class ParticipantAdmin(AuditedModelAdmin):
    list_display = ("code", "cadre", "program", "batch", "team", "track")
    list_filter = ("program", "batch__number", "track")
    search_fields = ("code", "cadre__name", "cadre__name_key", "program__code")
    autocomplete_fields = ("program", "cadre", "batch", "team")
    list_select_related = ("cadre", "program", "batch", "team")


@admin.register(ProgramGrant)
class ProgramGrantAdmin(AuditedModelAdmin):
    list_display = ("user", "program", "created_at")
    list_filter = ("program",)
    search_fields = ("user__username", "user__display_name", "program__code")
    autocomplete_fields = ("user", "program")


@admin.register(HostUnit)
class HostUnitAdmin(AuditedModelAdmin):
    list_display = ("name", "city", "kind")
    list_filter = ("kind", "city")
    search_fields = ("name", "name_key", "city")
    filter_horizontal = ("contacts",)


@admin.register(Post)
class PostAdmin(AuditedModelAdmin):
    list_display = ("code", "title", "program", "host", "capacity")
    list_filter = ("program", "host__kind", "host__city")
    search_fields = ("code", "title", "host__name", "program__code")
    autocomplete_fields = ("program", "host", "chains")
    list_select_related = ("program", "host")
