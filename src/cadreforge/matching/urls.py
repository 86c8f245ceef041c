from django.urls import path

from . import exclusion_views, preference_views, views

app_name = "matching"
urlpatterns = [
    path("host/", preference_views.host_home, name="host-home"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/<slug:action>/", views.run_action, name="run-action"),
    path("<slug:code>/<int:number>/", views.batch_runs, name="batch"),
    path("<slug:code>/<int:number>/my-wishes/", preference_views.my_wishes, name="my-wishes"),
    path("<slug:code>/<int:number>/host-rankings/", preference_views.host_rankings, name="host-rankings"),
    path(
        "<slug:code>/<int:number>/host-rankings/<str:post_code>/",
        preference_views.host_ranking_edit,
        name="host-ranking-edit",
    ),
    path("<slug:code>/<int:number>/exclusions/", exclusion_views.exclusions, name="exclusions"),
    path(
        "<slug:code>/<int:number>/exclusions/<int:pk>/delete/",
        exclusion_views.exclusion_delete,
        name="exclusion-delete",
    ),
]
