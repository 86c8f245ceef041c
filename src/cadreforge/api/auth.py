"""How API calls authenticate: a bearer API token (scripts, phones) or the Django session (the browser docs
page; writes through the session need the CSRF header, which the docs page sends)."""

from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja.security import APIKeyCookie, HttpBearer

from cadreforge.accounts.models import User
from cadreforge.accounts.security import API_TOKEN_KEY, client_ip

from .services import authenticate_token

UNAUTHORIZED_MESSAGE = (
    "未认证：请在请求头提供有效的 API 令牌（Authorization: Bearer <令牌>）；令牌不存在或已撤销时也会如此。"
)


class TokenAuth(HttpBearer):
    """A wrong token counts as a failed login of that address (accounts.security lockout, audited); a
    locked-out address is refused even a valid token, and its tries are not counted again. A write
    request is recorded on the token, which then reads the primary for a moment (core/replica.py)."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        writes = request.method not in ("GET", "HEAD", "OPTIONS")
        user, locked_out = authenticate_token(token, client_ip(request), writes=writes)
        if user is None and not locked_out:
            user_login_failed.send(sender=__name__, credentials={"username": API_TOKEN_KEY}, request=request)
        return user


class SessionAuth(APIKeyCookie):
    """The logged-in browser session. CSRF is checked only for a logged-in user, so a call with no
    credentials at all is answered 401, not 403."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = request.user
        return user if user.is_authenticated and user.is_active else None


def user_of(request: HttpRequest) -> User:
    """The user an API call acts as (set by the auth classes above)."""
    return request.auth  # type: ignore[attr-defined]


def docs_login_required(view: Any) -> Any:
    """The docs page and the OpenAPI schema need a login: the session, or a bearer token for the schema.
    Without one the docs page sends the browser to the login page and the schema answers 401."""
    is_docs_page = getattr(view, "func", view).__name__ == "openapi_view"

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and request.user.is_active:
            return view(request, *args, **kwargs)
        token_user = TokenAuth()(request)
        if token_user is not None:
            request.user = token_user
            return view(request, *args, **kwargs)
        if is_docs_page:
            return redirect_to_login(request.get_full_path())
        return JsonResponse(
            {"detail": UNAUTHORIZED_MESSAGE}, status=401, json_dumps_params={"ensure_ascii": False}
        )

    return login_not_required(wrapper)
