"""Back office of clusters, chains and links (Chinese labels from the models' verbose names)."""

from django.contrib import admin

from cadreforge.audit.admin import AuditedModelAdmin

from .models import Chain, Cluster, Link


@admin.register(Cluster)
class ClusterAdmin(AuditedModelAdmin):
    list_display = ("name", "region")
    list_filter = ("region",)
    search_fields = ("name", "region")


class LinkInline(admin.TabularInline):
    model = Link
    extra = 0


@admin.register(Chain)
class ChainAdmin(AuditedModelAdmin):
    list_display = ("name", "cluster")
    list_filter = ("cluster",)
    search_fields = ("name", "name_key")
    autocomplete_fields = ("cluster", "neighbours")
    inlines = [LinkInline]


@admin.register(Link)
class LinkAdmin(AuditedModelAdmin):
    list_display = ("name", "chain", "position")
    list_filter = ("position", "chain")
    search_fields = ("name", "chain__name")
    autocomplete_fields = ("chain",)
