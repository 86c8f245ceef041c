from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "cadreforge.evaluation"
    label = "evaluation"
    verbose_name = "考核激励"
