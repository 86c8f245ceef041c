"""Session security on every request: idle and absolute timeouts, the second factor still owed, the
forced password change. Sits right after AuthenticationMiddleware."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from .security import password_expired
from .sessions import LAST_SEEN, LOGIN_AT, OTP_PENDING
from .signals import session_expired

# Pages a user who still owes the second factor or a new password may open.
_OPEN_PREFIXES = ("/static/", "/accounts/login/", "/accounts/logout/", "/accounts/otp/")
_PASSWORD_PAGE = "/accounts/password/"


def _expired(request: HttpRequest) -> str:
    now = time.time()
    session = request.session
    login_at = session.setdefault(LOGIN_AT, now)
    last_seen = session.get(LAST_SEEN, now)
    if now - last_seen > settings.CADREFORGE_SESSION_IDLE_MINUTES * 60:
        return "idle"
    if now - login_at > settings.CADREFORGE_SESSION_ABSOLUTE_HOURS * 3600:
        return "absolute"
    session[LAST_SEEN] = now
    return ""


def _blocked(request: HttpRequest, url_name: str) -> HttpResponse | None:
    """Send the browser to the step still owed; for the API the session simply does not count (401)."""
    if request.path.startswith("/api/"):
        request.user = AnonymousUser()
        return None
    return redirect(f"{reverse(url_name)}?next={request.get_full_path()}")


class SessionSecurityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            answer = self._check(request, user)
            if answer is not None:
                return answer
        return self.get_response(request)

    def _check(self, request: HttpRequest, user) -> HttpResponse | None:
        reason = _expired(request)
        if reason:
            session_expired.send(sender=type(user), user=user, request=request, reason=reason)
            logout(request)
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "会话已超时，请重新登录。"}, status=401)
            messages.info(
                request,
                "会话已超时，请重新登录。" if reason == "idle" else "登录已超过最长时限，请重新登录。",
            )
            return redirect(f"{settings.LOGIN_URL}?next={request.get_full_path()}")
        if request.path.startswith(_OPEN_PREFIXES):
            return None
        if request.session.get(OTP_PENDING):
            from .services import has_confirmed_device

            return _blocked(
                request, "accounts:otp-verify" if has_confirmed_device(user) else "accounts:otp-enrol"
            )
        if request.path.startswith(_PASSWORD_PAGE):
            return None
        if user.must_change_password or password_expired(user):
            return _blocked(request, "accounts:password-change")
        return None
