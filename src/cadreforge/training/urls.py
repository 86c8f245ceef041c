from django.urls import path

from . import learning_views, views

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
