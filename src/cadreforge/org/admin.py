from django.contrib import admin

from .models import OrgUnit, Region


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("name", "name_key")
    autocomplete_fields = ("parent",)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "longitude", "latitude")
    search_fields = ("name", "name_key")
