"""Login security rules: the client address, the lockout after repeated failures, password age.

The lockout counts failures per (username, client address): an attacker guessing one account from one
address is stopped, but cannot lock the real user (who logs in from elsewhere) out. The client address is
REMOTE_ADDR, or — only behind a reverse proxy named in settings — the header that proxy sets.
"""

import datetime as dt
import ipaddress

from django.conf import settings
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from .models import LoginFailure, User

# The lockout key for bearer API tokens, which carry no username.
API_TOKEN_KEY = "〈API令牌〉"


def client_ip(request: HttpRequest | None) -> str | None:
    """The caller's address. The proxy header is read only when configured (CADREFORGE_CLIENT_IP_HEADER,
    e.g. HTTP_X_REAL_IP set by nginx); a client cannot choose its own address by sending the header."""
    if request is None:
        return None
    header = settings.CADREFORGE_CLIENT_IP_HEADER
    forwarded = request.META.get(header, "") if header else ""
    # X-Forwarded-For: the right-most entry is the one our proxy appended.
    value = forwarded.split(",")[-1].strip() if forwarded else request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def _window_start() -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=settings.CADREFORGE_LOCKOUT_MINUTES)


def _recent(username: str, ip: str | None):
    return LoginFailure.objects.filter(username=username[:150], ip=ip, at__gte=_window_start())


def recent_failures(username: str, ip: str | None) -> int:
    return _recent(username, ip).count()


def recent_failures_sql(username: str, ip: str | None) -> tuple[str, list]:
    """`recent_failures` as a scalar SQL subquery with its parameters, for another query (the API token's)
    to read in the same round trip. The same rows as `_recent`: that username, that address (NULL matches
    NULL, as the ORM's `ip=None` does), within the window."""
    table = connection.ops.quote_name(LoginFailure._meta.db_table)
    column = {f.name: connection.ops.quote_name(f.column) for f in LoginFailure._meta.concrete_fields}
    same_ip = f"{column['ip']} IS NULL" if ip is None else f"{column['ip']} = %s"
    sql = (
        f"SELECT COUNT(*) FROM {table} WHERE {column['username']} = %s AND {same_ip} AND {column['at']} >= %s"
    )
    since = connection.ops.adapt_datetimefield_value(_window_start())
    address = [] if ip is None else [connection.ops.adapt_ipaddressfield_value(ip)]
    return sql, [username[:150], *address, since]


def failures_lock_out(failures: int) -> bool:
    """Whether that many recent failures lock the address out."""
    return failures >= settings.CADREFORGE_LOCKOUT_FAILURES


def is_locked_out(username: str, ip: str | None) -> bool:
    return failures_lock_out(recent_failures(username, ip))


def note_failure(username: str, ip: str | None, path: str) -> None:
    LoginFailure.objects.create(username=username[:150], ip=ip, path=path[:32])


def clear_failures(username: str, ip: str | None) -> None:
    LoginFailure.objects.filter(username=username[:150], ip=ip).delete()


def login_path(request: HttpRequest | None) -> str:
    """Which door a login came through, for the failure record and the audit log."""
    path = getattr(request, "path", "") or ""
    if path.startswith("/admin/"):
        return "admin"
    if path.startswith("/api/"):
        return "api"
    if "/otp/" in path:
        return "otp"
    return "web"


def lockout_message() -> str:
    minutes = settings.CADREFORGE_LOCKOUT_MINUTES
    return f"登录失败次数过多，该账号在本地址已被锁定，请 {minutes} 分钟后再试或联系安全管理员。"


def password_expired(user: User) -> bool:
    """Periodic change (等保三级): a password older than CADREFORGE_PASSWORD_MAX_AGE_DAYS must be changed.
    0 turns the rule off."""
    days = settings.CADREFORGE_PASSWORD_MAX_AGE_DAYS
    if not days:
        return False
    changed = user.password_changed_at or user.date_joined
    return timezone.now() - changed > dt.timedelta(days=days)
