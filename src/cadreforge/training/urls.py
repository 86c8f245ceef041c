from django.urls import path

from . import learning_views, manage_views, quiz_admin_views, views

app_name = "training"
urlpatterns = [
    path("", views.index, name="index"),
    path("me/", views.my_learning, name="me"),
    path("programs/<slug:code>/", views.program_training, name="program"),
    path("courses/<int:pk>/", views.course_detail, name="course"),
    path("courses/<int:pk>/enrol-all/", views.course_enrol_all, name="course-enrol-all"),
    path("courses/<int:pk>/complete/", views.course_complete, name="course-complete"),
    path("courses/<int:pk>/videos/", views.video_upload, name="video-upload"),
    path("sessions/<int:pk>/qr/", views.session_qr, name="session-qr"),
    path("programs/<slug:code>/courses/new/", manage_views.course_new, name="course-new"),
    path("programs/<slug:code>/platform/new/", manage_views.platform_new, name="platform-new"),
    path("programs/<slug:code>/quizzes/new/", quiz_admin_views.quiz_new, name="quiz-new"),
    path("courses/<int:pk>/edit/", manage_views.course_edit, name="course-edit"),
    path("courses/<int:pk>/sessions/new/", manage_views.session_new, name="session-new"),
    path("courses/<int:pk>/enrol/", manage_views.course_enrol, name="course-enrol"),
    path("sessions/<int:pk>/attendance/", manage_views.session_attendance, name="session-attendance"),
    path("quizzes/<int:pk>/bank/", quiz_admin_views.quiz_bank, name="quiz-bank"),
    path("quizzes/<int:pk>/edit/", quiz_admin_views.quiz_edit, name="quiz-edit"),
    path("requirements/", manage_views.requirements, name="requirements"),
    path("sign/<str:token>/", views.sign_in, name="sign-in"),
    path("cadres/<int:pk>/", views.cadre_training, name="cadre"),
    path("videos/<int:pk>/", learning_views.video_page, name="video"),
    path("videos/<int:pk>/stream/", learning_views.video_stream, name="video-stream"),
    path("videos/<int:pk>/progress/", learning_views.video_progress, name="video-progress"),
    path("quizzes/<int:pk>/", learning_views.quiz_page, name="quiz"),
    path("quizzes/<int:pk>/start/", learning_views.quiz_start, name="quiz-start"),
    path("attempts/<int:pk>/", learning_views.attempt_page, name="attempt"),
    path("attempts/<int:pk>/certificate.docx", learning_views.certificate, name="certificate"),
]
