"""The navigation of every page. Each entry says who may open its page (`shown_to`), so no role is offered
a link that answers 403. Entries whose URL does not exist (yet) are left out, so an app adds its page by
adding its URL name here and routing it; nothing breaks while the route is missing."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cadreforge.accounts.models import ROLES_MANAGING_RIGHTS, Role, User
from cadreforge.programs.selectors import visible_programs

# 三员分立: the security and audit administrators keep accounts and the log, not business records (they see
# no program), so the business sections are not offered to them.
_ACCOUNT_KEEPERS = {Role.SECURITY_ADMIN, Role.AUDIT_ADMIN}


def everyone(user: User) -> bool:
    return True


def business_roles(user: User) -> bool:
    """Everyone but the account keepers; a host unit's contact only once they see a program (without a
    grant every business page would say it has nothing to show: their page is 我的派驻单位)."""
    if user.role in _ACCOUNT_KEEPERS:
        return False
    if user.role == Role.HOST_CONTACT:
        return _sees_a_program(user)
    return True


def _sees_a_program(user: User) -> bool:
    """programs.selectors' rule, asked once per request (the request's user object keeps the answer)."""
    if not hasattr(user, "_cf_sees_a_program"):
        user._cf_sees_a_program = visible_programs(user).exists()
    return user._cf_sees_a_program


def writers(user: User) -> bool:
    """The import page needs a role that writes programs (programs.services.ensure_may_write)."""
    return user.may_write


def audit_readers(user: User) -> bool:
    return user.may_read_audit


def host_contacts(user: User) -> bool:
    return user.role == Role.HOST_CONTACT


def staff(user: User) -> bool:
    return user.is_staff


def user_managers(user: User) -> bool:
    """The security administrator, who alone changes accounts and rights (accounts.admin.UserAdmin)."""
    return user.is_staff and user.role in ROLES_MANAGING_RIGHTS


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    icon: str = ""
    shown_to: Callable[[User], bool] = everyone
    # Other path prefixes that belong to the same section (the program list lives at "/").
    also_under: tuple[str, ...] = ()


NAV_ENTRIES: list[NavEntry] = [
    NavEntry(_("首页/计划"), "web:program-list", icon="▦", also_under=("/programs/",)),
    NavEntry(_("干部"), "web:cadre-list", icon="◉", shown_to=business_roles),
    NavEntry(_("岗位"), "web:post-list", icon="▤", shown_to=business_roles),
    NavEntry(_("教育培训"), "training:index", icon="✎", shown_to=business_roles),
    NavEntry(_("派驻与周报"), "secondment:index", icon="✎", shown_to=business_roles),
    NavEntry(_("招商项目"), "pipeline:index", icon="◆", shown_to=business_roles),
    NavEntry(_("考核激励"), "evaluation:index", icon="★", shown_to=business_roles),
    NavEntry(_("数字看板"), "reports:overview", icon="▥", shown_to=business_roles),
    NavEntry(_("数据导入"), "exchange:import", icon="⇪", shown_to=writers),
    NavEntry(
        _("干部选拔"), "selection:call-list", icon="☑", shown_to=business_roles, also_under=("/matching/",)
    ),
    NavEntry(_("我的派驻单位"), "matching:host-home", icon="⌂", shown_to=host_contacts),
    NavEntry(_("审计日志"), "audit:entry-list", icon="☰", shown_to=audit_readers),
    NavEntry(_("用户与权限"), "admin:accounts_user_changelist", icon="◎", shown_to=user_managers),
    NavEntry(_("API令牌"), "api:tokens", icon="⚿"),
    NavEntry(_("后台管理"), "admin:index", icon="⚙", shown_to=staff),
]


def _is_current(path: str, url: str, entry: NavEntry) -> bool:
    if path == url:
        return True
    if url != "/" and path.startswith(url):
        return True
    return any(path.startswith(prefix) for prefix in entry.also_under)


def navigation(request: HttpRequest) -> dict:
    """`nav_items`: the entries this user may open, each with its URL and whether it is the current section."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for entry in NAV_ENTRIES:
        if not entry.shown_to(user):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        items.append(
            {
                "label": entry.label,
                "url": url,
                "icon": entry.icon,
                "current": _is_current(request.path, url, entry),
            }
        )
    return {"nav_items": items}
