from django.apps import AppConfig


class SelectionConfig(AppConfig):
    name = "cadreforge.selection"
    label = "selection"
    verbose_name = "干部选拔"
