import datetime as dt
import io
import json
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document

from cadreforge.accounts.models import Role
from cadreforge.training import lessons, quizzes, services, signin
from cadreforge.training.media import tiny_webm

from ..builders import make_participant, make_program


@pytest.fixture
def video(program):
    course = services.create_course(None, program, code="cloud", title="云课堂", mode="online")
    return lessons.upload_video(
        None, course, title="招商引资政策解读", file=ContentFile(tiny_webm(30), name="a.webm"),
        content_type="video/webm", duration_seconds=30,
    )  # fmt: skip


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_stream_answers_a_range_with_206(login, cadre_user, participant, video):
    size = len(tiny_webm(30))
    response = login(cadre_user).get(
        reverse("training:video-stream", args=[video.pk]), HTTP_RANGE="bytes=0-99"
    )
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 0-99/{size}"
    assert response["Content-Length"] == "100"
    assert _body(response) == tiny_webm(30)[:100]


def test_the_stream_answers_the_whole_file_without_a_range(login, cadre_user, participant, video):
    response = login(cadre_user).get(reverse("training:video-stream", args=[video.pk]))
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert _body(response) == tiny_webm(30)


def test_the_stream_answers_416_past_the_end(login, cadre_user, participant, video):
    size = len(tiny_webm(30))
    response = login(cadre_user).get(
        reverse("training:video-stream", args=[video.pk]), HTTP_RANGE=f"bytes={size}-"
    )
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{size}"


def test_a_cadre_of_another_program_cannot_stream(login, video):
    other = make_participant(make_program("other"), "Z1")
    other.cadre.user = login(Role.CADRE).user
    other.cadre.save()
    client = login(other.cadre.user)
    assert client.get(reverse("training:video-stream", args=[video.pk])).status_code == 404


def test_the_player_page_loads_nothing_from_outside_and_has_no_inline_script(
    login, cadre_user, participant, video
):
    html = login(cadre_user).get(reverse("training:video", args=[video.pk])).content.decode()
    assert 'src="/training/videos/' in html and "training/player.js" in html
    assert "http://" not in html.replace("http://testserver", "") and "https://" not in html
    assert "<script>" not in html


def test_the_player_beat_records_progress_and_refuses_skipping(login, cadre_user, participant, video):
    client = login(cadre_user)
    url = reverse("training:video-progress", args=[video.pk])
    ok = client.post(url, json.dumps({"intervals": [[0, 8]]}), content_type="application/json")
    assert ok.status_code == 200 and ok.json()["watched_seconds"] == 8
    refused = client.post(url, json.dumps({"intervals": [[0, 30]]}), content_type="application/json")
    assert refused.status_code == 409 and "超过实际经过的时间" in refused.json()["detail"]


def test_a_cadre_passes_a_test_on_the_phone_pages_and_gets_a_certificate(
    login, cadre_user, participant, quiz
):
    client = login(cadre_user)
    started = client.post(reverse("training:quiz-start", args=[quiz.pk]))
    attempt = quiz.attempts.get()
    assert started.url == reverse("training:attempt", args=[attempt.pk])
    form = client.get(started.url).content.decode()
    assert 'name="viewport"' in form and "training/countdown.js" in form and "<script>" not in form
    data = {}
    for q in quizzes.attempt_questions(attempt):
        if q.kind == "single":
            data[f"q{q.pk}"] = str(q.answer)
        elif q.kind == "multiple":
            data[f"q{q.pk}"] = [str(i) for i in q.answer]
        elif q.kind == "true_false":
            data[f"q{q.pk}"] = "true" if q.answer else "false"
        else:
            data[f"q{q.pk}"] = q.answer[0]
    result = client.post(started.url, data, follow=True).content.decode()
    assert "100.0分（4/4）" in result and "下载合格证书" in result
    certificate = client.get(reverse("training:certificate", args=[attempt.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(certificate.content)).paragraphs)
    assert "合格证书" in text and "徐鹏飞" in text and "营商环境知识测试" in text


def test_a_cadre_sees_only_their_own_attempts(login, cadre_user, participant, quiz, program):
    rival = make_participant(program, "PX-002", name="李四")
    theirs = quizzes.start_attempt(quiz, rival.cadre)
    client = login(cadre_user)
    assert client.get(reverse("training:attempt", args=[theirs.pk])).status_code == 404
    quizzes.submit_attempt(theirs, {})
    page = client.get(reverse("training:quiz", args=[quiz.pk])).content.decode()
    assert "李四" not in page


def test_a_manager_sees_results_per_cadre_and_per_question(login, manager, participant, quiz):
    quizzes.submit_attempt(quizzes.start_attempt(quiz, participant.cadre), {})
    page = login(manager).get(reverse("training:quiz", args=[quiz.pk])).content.decode()
    assert "徐鹏飞" in page and "统一社会信用代码共有几位？" in page and "0%" in page


def test_a_manager_of_another_program_sees_nothing(login, quiz):
    other_manager = login(Role.PROGRAM_MANAGER)
    assert other_manager.get(reverse("training:quiz", args=[quiz.pk])).status_code == 404
    assert other_manager.get(reverse("training:program", args=["huaian-etdz-training"])).status_code == 404


def test_scanning_the_qr_code_signs_the_cadre_in(login, manager, cadre_user, participant, course):
    session = services.add_session(None, course, title="开班式", date=dt.date(2024, 4, 1))
    qr_page = login(manager).get(reverse("training:session-qr", args=[session.pk])).content.decode()
    assert "<svg" in qr_page
    url = re.search(r"http://testserver(/training/sign/[^<\s]+)", qr_page).group(1)
    response = login(cadre_user).get(url)
    assert response.status_code == 200 and "签到成功" in response.content.decode()
    assert session.attendances.get().cadre == participant.cadre


def test_an_expired_qr_code_signs_no_one_in(login, cadre_user, participant, course):
    session = services.add_session(None, course, title="开班式", date=dt.date(2024, 4, 1))
    token = signin.make_token(session.pk)
    assert signin.read_token(token, max_age=-1) is None
    assert login(cadre_user).get(reverse("training:sign-in", args=[token + "x"])).status_code == 400
    assert not session.attendances.exists()


def test_a_cadre_cannot_show_the_qr_code(login, cadre_user, participant, course):
    session = services.add_session(None, course, title="开班式", date=dt.date(2024, 4, 1))
    assert login(cadre_user).get(reverse("training:session-qr", args=[session.pk])).status_code == 403


def test_a_manager_uploads_a_video(login, manager, program):
    course = services.create_course(None, program, code="cloud", title="云课堂", mode="online")
    upload = SimpleUploadedFile("lesson.webm", tiny_webm(5), content_type="video/webm")
    response = login(manager).post(
        reverse("training:video-upload", args=[course.pk]),
        {"title": "营商环境十讲", "file": upload, "duration_minutes": "0.08"},
    )
    assert response.status_code == 302
    video = course.videos.get()
    assert video.title == "营商环境十讲" and video.duration_seconds == 5


def test_the_cadre_page_shows_hours_and_recommendations(login, cadre_user, participant, course):
    participant.cadre.tags = ["营商环境"]
    participant.cadre.save()
    page = login(cadre_user).get(reverse("training:me")).content.decode()
    assert "优化营商环境专题班" in page and "待补" in page


def test_the_program_page_lists_courses_and_who_learned_what(login, manager, participant, course):
    services.enrol_participants(None, course)
    services.complete_enrolment(None, course.enrolments.get(), on=timezone.localdate())
    page = login(manager).get(reverse("training:program", args=["huaian-etdz-training"])).content.decode()
    assert "优化营商环境专题班" in page and "徐鹏飞" in page and "24.0" in page
