"""The project's URLs with the pipeline pages routed, until the lead includes them in cadreforge/urls.py."""

from django.urls import include, path

from cadreforge.urls import urlpatterns as project_urls

routed = any(getattr(p, "namespace", None) == "pipeline" for p in project_urls)
urlpatterns = (
    project_urls if routed else [path("pipeline/", include("cadreforge.pipeline.urls")), *project_urls]
)
