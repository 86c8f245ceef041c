from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "cadreforge.api"
    label = "api"
    verbose_name = "接口"
