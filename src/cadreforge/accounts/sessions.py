"""Session state login security keeps: when the user logged in, was last seen, and whether the second
factor is still owed. Killing every session of a user (disabled, password reset) lives here too."""

import time

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.handlers.asgi import ASGIRequest
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpRequest
from django.utils import timezone

LOGIN_AT = "_cf_login_at"
LAST_SEEN = "_cf_last_seen"
OTP_PENDING = "_cf_otp_pending"


def stamp_login(request: HttpRequest, user) -> None:
    """Called at every login. A login that came over HTTP (our page, the admin's) owes the second factor
    when the user's role requires it or the user enrolled a device; only the test client's in-process
    login (no HTTP request) skips it."""
    from .services import has_confirmed_device

    now = time.time()
    request.session[LOGIN_AT] = now
    request.session[LAST_SEEN] = now
    came_over_http = isinstance(request, (WSGIRequest, ASGIRequest))
    if came_over_http and (user.requires_second_factor or has_confirmed_device(user)):
        request.session[OTP_PENDING] = True


def kill_sessions(user_id: int) -> int:
    """End every live session of one user (database sessions); returns how many."""
    killed = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == str(user_id):
            session.delete()
            killed += 1
    return killed
