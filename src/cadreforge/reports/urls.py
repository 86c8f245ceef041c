from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("<slug:code>/", views.program_dashboard, name="dashboard"),
    path("<slug:code>/data.json", views.program_dashboard_data, name="dashboard-data"),
    path("<slug:code>/briefing.<str:fmt>", views.briefing_download, name="briefing"),
]
