"""System checks of production settings. A superuser passes every permission check and so breaks 三员分立:
production must have none."""

from django.conf import settings
from django.core.checks import Error, register
from django.db import DatabaseError


def is_production() -> bool:
    return settings.CADREFORGE_ENV == "production" and not settings.DEBUG


@register("security")
def no_superuser_in_production(app_configs=None, **kwargs) -> list[Error]:
    if not is_production():
        return []
    from .models import User

    try:
        names = list(User.objects.filter(is_superuser=True).values_list("username", flat=True)[:5])
    except DatabaseError:  # before the first migrate there is no user table and so no superuser
        return []
    if not names:
        return []
    return [
        Error(
            f"生产环境存在超级用户：{'、'.join(names)}。超级用户绕过一切权限检查，破坏三员分立。",
            hint="为其分配系统管理员/安全管理员/审计管理员之一的角色并取消“超级用户状态”。",
            id="cadreforge.E001",
        )
    ]


@register("security")
def data_key_set_in_production(app_configs=None, **kwargs) -> list[Error]:
    if is_production() and not settings.DATA_KEY:
        return [
            Error(
                "生产环境未设置 DATA_KEY：个人信息加密密钥不能由 SECRET_KEY 派生。",
                hint="设置环境变量 DATA_KEY（或 DATA_KEY_FILE 指向密钥文件），见 docs/security.md。",
                id="cadreforge.E002",
            )
        ]
    return []


DEMO_SECRET_PREFIX = "cadreforge-demo-secret-key"


@register("security")
def real_secret_key_in_production(app_configs=None, **kwargs) -> list[Error]:
    if is_production() and settings.SECRET_KEY.startswith(DEMO_SECRET_PREFIX):
        return [
            Error(
                "生产环境仍在使用演示用 SECRET_KEY。",
                hint="设置环境变量 SECRET_KEY 为至少50位的随机字符串。",
                id="cadreforge.E003",
            )
        ]
    return []
