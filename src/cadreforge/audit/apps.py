from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "cadreforge.audit"
    label = "audit"
    verbose_name = "审计日志"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the audit receivers)
