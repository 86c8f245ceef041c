from django.contrib import admin

from .models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["file_name", "owner", "status", "progress", "program_code", "created_at"]
    list_filter = ["status"]
    search_fields = ["file_name", "program_code", "owner__username"]
    readonly_fields = [f.name for f in ImportJob._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
