from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/<slug:action>/", views.run_action, name="run-action"),
    path("<slug:code>/<int:number>/", views.batch_runs, name="batch"),
]
