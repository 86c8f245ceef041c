from django.apps import AppConfig


class SecondmentConfig(AppConfig):
    name = "cadreforge.secondment"
    label = "secondment"
    verbose_name = "派驻与成果"
