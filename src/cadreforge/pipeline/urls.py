from django.urls import path

from . import chain_views, credit_views, registry_views, views

app_name = "pipeline"
urlpatterns = [
    path("", views.index, name="index"),
    path("enterprises/duplicates/", registry_views.duplicates, name="duplicates"),
    path("enterprises/merge/", registry_views.merge, name="merge"),
    path("enterprises/merges/", registry_views.merges, name="merges"),
    path("enterprises/merges/<int:pk>/undo/", registry_views.undo, name="undo-merge"),
    path("enterprises/not-duplicate/", registry_views.dismiss, name="dismiss-duplicate"),
    path("enterprises/not-duplicates/", registry_views.dismissals, name="dismissals"),
    path("enterprises/not-duplicates/<int:pk>/undo/", registry_views.undo_dismissal, name="undo-dismissal"),
    path("chains/", chain_views.chain_map, name="chain-map"),
    path("chains/<int:pk>/gaps/", chain_views.chain_gaps, name="chain-gaps"),
    path("chains/links/<int:pk>/", chain_views.link_detail, name="chain-link"),
    path("chains/links/<int:pk>/place/", chain_views.place, name="chain-place"),
    path("chains/links/<int:pk>/remove/<int:placement_pk>/", chain_views.remove, name="chain-remove"),
    path("<slug:code>/projects/", views.project_list, name="project-list"),
    path("<slug:code>/projects/stalled/", views.stalled, name="stalled"),
    path("<slug:code>/projects/<str:project_code>/", views.project_detail, name="project-detail"),
    path(
        "<slug:code>/projects/<str:project_code>/weights/",
        credit_views.project_weights,
        name="project-weights",
    ),
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
