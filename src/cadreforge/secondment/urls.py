from django.urls import path

from . import views

app_name = "secondment"
urlpatterns = [
    path("", views.index, name="index"),
    path("my/weekly/", views.my_weekly, name="my-weekly"),
    path("my/weekly/<slug:code>/<str:week>/", views.my_weekly_edit, name="my-weekly-edit"),
    path("<slug:code>/weekly/", views.weekly_board, name="weekly-board"),
    path("<slug:code>/weekly/<int:pk>/", views.weekly_review, name="weekly-review"),
    path("<slug:code>/outputs/", views.outputs, name="outputs"),
    path("<slug:code>/events/", views.events, name="events"),
]
