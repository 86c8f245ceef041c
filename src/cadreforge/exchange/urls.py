from django.urls import path

from . import views

app_name = "exchange"
urlpatterns = [
    path("import/", views.import_page, name="import"),
    path("import/<int:pk>/", views.job_detail, name="job"),
    path("import/<int:pk>/status/", views.job_status, name="job-status"),
    path("import/<int:pk>/confirm/", views.job_confirm, name="job-confirm"),
    path("import/<int:pk>/annotated.xlsx", views.job_annotated, name="job-annotated"),
    path("export/<slug:code>.xlsx", views.export_program, name="export"),
    path("template.xlsx", views.template_download, name="template"),
]
