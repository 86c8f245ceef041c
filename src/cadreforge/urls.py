from django.contrib import admin
from django.urls import include, path

from cadreforge.core.health import healthz

handler500 = "cadreforge.core.outage.server_error"

admin.site.site_header = "CadreForge 经济型专业干部管理平台"
admin.site.site_title = "CadreForge 后台"
admin.site.index_title = "后台管理"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("cadreforge.accounts.urls")),
    path("api/", include("cadreforge.api.urls")),
    path("exchange/", include("cadreforge.exchange.urls")),
    path("selection/", include("cadreforge.selection.urls")),
    path("matching/", include("cadreforge.matching.urls")),
    path("secondment/", include("cadreforge.secondment.urls")),
    path("training/", include("cadreforge.training.urls")),
    path("evaluation/", include("cadreforge.evaluation.urls")),
    path("dashboard/", include("cadreforge.reports.urls")),
    path("pipeline/", include("cadreforge.pipeline.urls")),
    path("audit/", include("cadreforge.audit.urls")),
    path("", include("cadreforge.web.urls")),
]
