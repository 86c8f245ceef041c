from django.contrib import admin

from cadreforge.audit.admin import AuditedModelAdmin

from .models import Assignment, WrittenOutput


@admin.register(Assignment)
class AssignmentAdmin(AuditedModelAdmin):
    list_display = ("participant", "post", "start_date", "end_date")
    list_filter = ("post__program",)
    search_fields = ("participant__code", "participant__cadre__name", "post__code", "post__host__name")
    autocomplete_fields = ("participant", "post")
    list_select_related = ("participant__cadre", "post__host")


@admin.register(WrittenOutput)
class WrittenOutputAdmin(AuditedModelAdmin):
    list_display = ("title", "kind", "program", "date", "characters", "adopted")
    list_filter = ("kind", "adopted", "program")
    search_fields = ("title",)
    autocomplete_fields = ("program", "authors")
    date_hierarchy = "date"
