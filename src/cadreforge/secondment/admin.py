from django.contrib import admin
from django.db import models

from cadreforge.audit.admin import AuditedModelAdmin

from .models import (
    Assignment,
    Delivery,
    Duty,
    Event,
    Finding,
    NotificationChannel,
    PartyBranch,
    WeeklyReport,
    WrittenOutput,
)


@admin.register(Assignment)
class AssignmentAdmin(AuditedModelAdmin):
    list_display = ("participant", "post", "start_date", "end_date", "status")
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


@admin.register(WeeklyReport)
class WeeklyReportAdmin(AuditedModelAdmin):
    list_display = ("participant", "week_start", "due_date", "status", "characters", "rating")
    list_filter = ("status", "participant__program")
    search_fields = ("participant__code", "participant__cadre__name")
    list_select_related = ("participant__cadre",)


@admin.register(PartyBranch)
class PartyBranchAdmin(AuditedModelAdmin):
    list_display = ("name", "batch", "secretary")
    filter_horizontal = ("members",)


@admin.register(NotificationChannel)
class NotificationChannelAdmin(AuditedModelAdmin):
    """The address rule is the field's validator (notify_models.validate_webhook_url)."""

    list_display = ("name", "program", "kind", "active")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_filter = ("kind", "active")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "medium", "recipient", "status", "attempts")
    list_filter = ("medium", "status")
    readonly_fields = [f.name for f in Delivery._meta.fields]


@admin.register(Event)
class EventAdmin(AuditedModelAdmin):
    """Talk notes are not registered here: they are read on the events page, by the organisation
    department only."""

    list_display = ("title", "kind", "program", "date")
    list_filter = ("kind", "program")


@admin.register(Finding)
class FindingAdmin(AuditedModelAdmin):
    list_display = ("description", "event", "deadline", "closed_on")


@admin.register(Duty)
class DutyAdmin(AuditedModelAdmin):
    list_display = ("title", "program", "measure", "target", "order")
