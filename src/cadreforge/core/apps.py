from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cadreforge.core"
    label = "core"
    verbose_name = "基础"
