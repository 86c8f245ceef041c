from django.urls import path

from . import views

app_name = "selection"
urlpatterns = [
    path("", views.call_list, name="call-list"),
    path("apply/<int:pk>/", views.apply_self, name="apply"),
    path("applications/<int:pk>/", views.application_detail, name="application-detail"),
    path("<slug:code>/<int:number>/new/", views.call_create, name="call-create"),
    path("<slug:code>/<int:number>/", views.call_detail, name="call-detail"),
    path("<slug:code>/<int:number>/<slug:action>/", views.call_action, name="call-action"),
]
