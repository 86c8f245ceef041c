from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "cadreforge.web"
    label = "web"
    verbose_name = "界面"
