"""The navigation of every page. Entries whose URL does not exist (yet) are left out, so an app adds its
page by adding its URL name here and routing it; nothing breaks while the route is missing."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    icon: str = ""
    staff_only: bool = False
    # Other path prefixes that belong to the same section (the program list lives at "/").
    also_under: tuple[str, ...] = ()


NAV_ENTRIES: list[NavEntry] = [
    NavEntry(_("首页/计划"), "web:program-list", icon="▦", also_under=("/programs/",)),
    NavEntry(_("干部"), "web:cadre-list", icon="◉"),
    NavEntry(_("岗位"), "web:post-list", icon="▤"),
    NavEntry(_("教育培训"), "training:index", icon="✎"),
    NavEntry(_("派驻与周报"), "secondment:index", icon="✎"),
    NavEntry(_("招商项目"), "pipeline:index", icon="◆"),
    NavEntry(_("考核激励"), "evaluation:index", icon="★"),
    NavEntry(_("数字看板"), "reports:overview", icon="▥"),
    NavEntry(_("数据导入"), "exchange:import", icon="⇪"),
    NavEntry(_("干部选拔"), "selection:call-list", icon="☑", also_under=("/matching/",)),
    NavEntry(_("API令牌"), "api:tokens", icon="⚿"),
    NavEntry(_("后台管理"), "admin:index", icon="⚙", staff_only=True),
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
        if entry.staff_only and not user.is_staff:
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
