from django.urls import path

from . import appointment_views as appointment
from . import manager_views as manage
from . import mentors_views as mentors
from . import views

app_name = "evaluation"
urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("programs/<slug:code>/ranking/", views.ranking, name="ranking"),
    path("cases/", views.case_list, name="cases"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/<slug:action>/", views.case_action, name="case-action"),
    path("honours/", views.honours, name="honours"),
    # Manager pages of a program: KPI schemes, commendations, promotions
    path("programs/<slug:code>/schemes/new/", manage.scheme_create, name="scheme-create"),
    path("programs/<slug:code>/schemes/<int:pk>/edit/", manage.scheme_edit, name="scheme-edit"),
    path("programs/<slug:code>/honours/", manage.program_honours, name="program-honours"),
    path("programs/<slug:code>/commendations/new/", manage.commendation_create, name="commendation-create"),
    path(
        "programs/<slug:code>/commendations/<int:pk>/edit/",
        manage.commendation_edit,
        name="commendation-edit",
    ),
    path("programs/<slug:code>/promotions/new/", manage.promotion_create, name="promotion-create"),
    path("programs/<slug:code>/promotions/<int:pk>/", manage.promotion_detail, name="promotion"),
    path("programs/<slug:code>/promotions/<int:pk>/edit/", manage.promotion_edit, name="promotion-edit"),
    path(
        "programs/<slug:code>/promotions/<int:pk>/decide/", manage.promotion_decide, name="promotion-decide"
    ),
    # Growth mentors (成长导师) and shadowing logs
    path("mentors/", mentors.my_pairings, name="mentors-mine"),
    path("programs/<slug:code>/mentors/", mentors.pairing_list, name="mentors"),
    path("programs/<slug:code>/mentors/new/", mentors.pairing_create, name="pairing-create"),
    path("programs/<slug:code>/mentors/<int:pk>/", mentors.pairing_detail, name="pairing"),
    path("programs/<slug:code>/mentors/<int:pk>/edit/", mentors.pairing_edit, name="pairing-edit"),
    path("programs/<slug:code>/mentors/<int:pk>/logs/", mentors.log_create, name="pairing-log"),
    path(
        "programs/<slug:code>/mentors/<int:pk>/logs/<int:log_pk>/comment/",
        mentors.log_comment,
        name="log-comment",
    ),
    # The appointment and removal form (干部任免审批表) of a promotion; .lrmx read back into a profile
    path(
        "programs/<slug:code>/promotions/<int:pk>/appointment/",
        appointment.appointment_form,
        name="appointment",
    ),
    path(
        "programs/<slug:code>/promotions/<int:pk>/appointment.<str:fmt>",
        appointment.appointment_download,
        name="appointment-download",
    ),
    path("cadres/<int:pk>/lrmx-import/", appointment.profile_import, name="profile-import"),
]
