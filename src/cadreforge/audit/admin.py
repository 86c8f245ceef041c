from django.contrib import admin

from .models import AuditEntry
from .services import record


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read only: nobody edits or deletes audit entries."""

    list_display = ("id", "at", "actor_name", "action", "object_type", "object_repr", "ip")
    list_filter = ("action", "object_type")
    search_fields = ("actor_name", "object_repr", "action")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedModelAdmin(admin.ModelAdmin):
    """Back-office writes bypass the services, so they are audited here like service writes."""

    def _record(self, request, action: str, obj, changes: dict) -> None:
        record(request.user, action, obj, changes, ip=request.META.get("REMOTE_ADDR") or None)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._record(request, "admin.change" if change else "admin.add", obj, {"fields": form.changed_data})

    def delete_model(self, request, obj):
        self._record(request, "admin.delete", obj, {})
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._record(request, "admin.delete", obj, {})
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            self._record(request, "admin.add", obj, {"parent": str(form.instance)})
        for obj, fields in formset.changed_objects:
            self._record(request, "admin.change", obj, {"parent": str(form.instance), "fields": fields})
        for obj in formset.deleted_objects:
            self._record(request, "admin.delete", obj, {"parent": str(form.instance)})
