from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "cadreforge.programs"
    label = "programs"
    verbose_name = "培养计划"
