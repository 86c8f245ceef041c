"""/api/tokens/ (the user's API tokens) and /api/v1/ (the REST API, which authenticates itself)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, path

from . import views
from .v1 import api


def _exempt_from_login_middleware(urls: tuple) -> tuple:
    """The API answers 401 itself (token or session), so LoginRequiredMiddleware must not redirect it."""
    patterns, app_name, namespace = urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            login_not_required(pattern.callback)
    return patterns, app_name, namespace


app_name = "api"
urlpatterns = [
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
    path("v1/", _exempt_from_login_middleware(api.urls)),
]
