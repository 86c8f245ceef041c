from django.apps import AppConfig


class ChainsConfig(AppConfig):
    name = "cadreforge.chains"
    label = "chains"
    verbose_name = "产业链"
