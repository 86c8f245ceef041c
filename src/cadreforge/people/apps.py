from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "cadreforge.people"
    label = "people"
    verbose_name = "干部"
