from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "cadreforge.pipeline"
    label = "pipeline"
    verbose_name = "招商引才"
