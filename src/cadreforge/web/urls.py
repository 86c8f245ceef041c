from django.urls import path

from . import duties, favicon, views

app_name = "web"
urlpatterns = [
    path("", views.program_list, name="program-list"),
    path("favicon.ico", favicon.favicon, name="favicon"),
    path("programs/<slug:code>/", views.program_detail, name="program-detail"),
    path("programs/<slug:code>/edit/", views.program_edit, name="program-edit"),
    path("programs/<slug:code>/duties/", duties.program_duties, name="program-duties"),
    path("cadres/", views.cadre_list, name="cadre-list"),
    path("cadres/<int:pk>/", views.cadre_detail, name="cadre-detail"),
    path("cadres/<int:pk>/reveal/", views.cadre_reveal, name="cadre-reveal"),
    path("cadres/<int:pk>/photo/", views.cadre_photo, name="cadre-photo"),
    path("cadres/<int:pk>/photo/upload/", views.cadre_photo_upload, name="cadre-photo-upload"),
    path("cadres/<int:pk>/photo/remove/", views.cadre_photo_remove, name="cadre-photo-remove"),
    path("posts/", views.post_list, name="post-list"),
    path("hosts/<int:pk>/contacts/", views.host_contacts_edit, name="host-contacts"),
]
