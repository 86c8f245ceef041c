from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "cadreforge.matching"
    label = "matching"
    verbose_name = "人岗匹配"
