from django.urls import path

from . import chain_views, registry_views, views

app_name = "pipeline"
urlpatterns = [
    path("", views.index, name="index"),
    path("enterprises/duplicates/", registry_views.duplicates, name="duplicates"),
    path("enterprises/merge/", registry_views.merge, name="merge"),
    path("enterprises/merges/", registry_views.merges, name="merges"),
    path("enterprises/merges/<int:pk>/undo/", registry_views.undo, name="undo-merge"),
    path("chains/", chain_views.chain_map, name="chain-map"),
    path("chains/<int:pk>/gaps/", chain_views.chain_gaps, name="chain-gaps"),
    path("<slug:code>/projects/", views.project_list, name="project-list"),
    path("<slug:code>/projects/stalled/", views.stalled, name="stalled"),
    path("<slug:code>/projects/<str:project_code>/", views.project_detail, name="project-detail"),
    path(
        "<slug:code>/projects/<str:project_code>/stages/<int:stage>/evidence/",
        views.upload_evidence,
        name="upload-evidence",
    ),
    path("<slug:code>/projects/<str:project_code>/stages/<int:stage>/verify/", views.verify, name="verify"),
    path("<slug:code>/evidence/<int:pk>/", views.evidence_file, name="evidence-file"),
    path("<slug:code>/credit/", views.credit_page, name="credit"),
    path("<slug:code>/talents/", views.talent_list, name="talents"),
]
