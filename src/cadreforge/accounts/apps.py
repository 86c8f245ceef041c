from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cadreforge.accounts"
    label = "accounts"
    verbose_name = "账号与权限"

    def ready(self) -> None:
        from . import checks, receivers  # noqa: F401  (registers signal receivers and system checks)
