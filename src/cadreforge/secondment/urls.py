from django.urls import path

from . import manage_views, views

app_name = "secondment"
urlpatterns = [
    path("", views.index, name="index"),
    path("my/weekly/", views.my_weekly, name="my-weekly"),
    path("my/weekly/<slug:code>/<str:week>/", views.my_weekly_edit, name="my-weekly-edit"),
    path("<slug:code>/weekly/", views.weekly_board, name="weekly-board"),
    path("<slug:code>/weekly/<int:pk>/", views.weekly_review, name="weekly-review"),
    path("<slug:code>/outputs/", views.outputs, name="outputs"),
    path("<slug:code>/events/", views.events, name="events"),
    path("<slug:code>/events/new/", manage_views.event_new, name="event-new"),
    path("<slug:code>/events/<int:pk>/", manage_views.event_detail, name="event-detail"),
    path("<slug:code>/assignments/", manage_views.assignments, name="assignments"),
    path("<slug:code>/branches/", manage_views.branches, name="branches"),
    path("<slug:code>/channels/", manage_views.channels, name="channels"),
    path("<slug:code>/channels/<int:pk>/test/", manage_views.channel_test, name="channel-test"),
]
