from django.urls import path

from . import schedule_views, views

app_name = "reports"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("<slug:code>/", views.program_dashboard, name="dashboard"),
    path("<slug:code>/data.json", views.program_dashboard_data, name="dashboard-data"),
    path("<slug:code>/flows/", views.program_flow_detail, name="flows"),
    path("<slug:code>/briefing.<str:fmt>", views.briefing_download, name="briefing"),
    path("<slug:code>/briefings/", schedule_views.briefing_schedules, name="briefing-schedules"),
    path(
        "<slug:code>/briefings/<int:pk>/delete/",
        schedule_views.briefing_schedule_delete,
        name="briefing-schedule-delete",
    ),
]
