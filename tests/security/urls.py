"""The project's URLs plus the audit page, for as long as the root URLconf does not route /audit/ yet."""

from django.urls import include, path

from cadreforge.urls import urlpatterns as project_urlpatterns

_routed = any(getattr(p, "namespace", None) == "audit" for p in project_urlpatterns)
urlpatterns = list(project_urlpatterns)
if not _routed:
    urlpatterns.insert(0, path("audit/", include("cadreforge.audit.urls")))
