"""Pages where a cadre learns, made for a phone: the lesson player with its stream and progress beat, and
the knowledge test (start, answer within the time limit, result, certificate). Managers see results."""

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cadreforge.core.errors import DomainError, PermissionDenied

from . import quizzes, selectors
from .certificates import certificate_docx
from .lessons import report_progress
from .streaming import range_response
from .views import domain_errors


def _me(request: HttpRequest):
    cadre = selectors.own_cadre(request.user)
    if cadre is None:
        raise PermissionDenied(_("只有干部本人可以学习和答题。"))
    return cadre


@domain_errors
def video_page(request: HttpRequest, pk: int) -> HttpResponse:
    video = selectors.get_visible_video(request.user, pk)
    cadre = selectors.own_cadre(request.user)
    progress = video.progress.filter(cadre=cadre).first() if cadre else None
    context = {"video": video, "progress": progress, "is_cadre": cadre is not None}
    return render(request, "training/video.html", context)


@require_GET
@domain_errors
def video_stream(request: HttpRequest, pk: int) -> HttpResponse:
    video = selectors.get_visible_video(request.user, pk)
    return range_response(video.file.name, video.content_type, request.headers.get("Range", ""))


@require_POST
@domain_errors
def video_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The player's beat: `{"intervals": [[start, end], …]}` of what was actually played."""
    video = selectors.get_visible_video(request.user, pk)
    cadre = _me(request)
    try:
        intervals = json.loads(request.body or b"{}").get("intervals")
    except (ValueError, AttributeError):
        return JsonResponse({"detail": _("请求体应为 JSON。")}, status=400)
    try:
        progress = report_progress(video, cadre, intervals)
    except DomainError as exc:
        return JsonResponse({"detail": exc.message}, status=409)
    return JsonResponse(
        {"watched_seconds": round(progress.watched_seconds, 1), "duration_seconds": video.duration_seconds}
    )


@domain_errors
def quiz_page(request: HttpRequest, pk: int) -> HttpResponse:
    quiz = selectors.get_visible_quiz(request.user, pk)
    cadre = selectors.own_cadre(request.user)
    mine = quiz.attempts.filter(cadre=cadre).order_by("number") if cadre else []
    context = {
        "quiz": quiz,
        "mine": mine,
        "is_cadre": cadre is not None,
        "left": quiz.attempt_limit - len(mine) if cadre else 0,
        "by_cadre": selectors.quiz_results_by_cadre(quiz, request.user),
        "by_question": selectors.quiz_results_by_question(quiz)
        if request.user.may_write or request.user.sees_all_programs
        else None,
    }
    return render(request, "training/quiz.html", context)


@require_POST
@domain_errors
def quiz_start(request: HttpRequest, pk: int) -> HttpResponse:
    quiz = selectors.get_visible_quiz(request.user, pk)
    attempt = quizzes.start_attempt(quiz, _me(request))
    return redirect("training:attempt", pk=attempt.pk)


@domain_errors
def attempt_page(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the form while the attempt runs (own attempt), the result otherwise. POST: hand in."""
    attempt = selectors.get_visible_attempt(request.user, pk)
    own = attempt.cadre.user_id == request.user.pk
    if request.method == "POST":
        if not own:
            raise PermissionDenied(_("只能提交本人的答卷。"))
        raw = {q.pk: request.POST.getlist(f"q{q.pk}") for q in quizzes.attempt_questions(attempt)}
        attempt = quizzes.submit_attempt(attempt, raw)
        return redirect("training:attempt", pk=attempt.pk)
    questions = quizzes.attempt_questions(attempt)
    if attempt.is_open and own:
        remaining = max(int((attempt.deadline - timezone.now()).total_seconds()), 0)
        context = {"attempt": attempt, "questions": questions, "remaining": remaining}
        return render(request, "training/attempt_form.html", context)
    answers = {a.question_id: a for a in attempt.answers.all()}
    rows = [{"question": q, "answer": answers.get(q.pk)} for q in questions]
    return render(request, "training/attempt_result.html", {"attempt": attempt, "rows": rows, "own": own})


@domain_errors
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = selectors.get_visible_attempt(request.user, pk)
    if not attempt.passed:
        raise DomainError(_("该次答题未及格，没有合格证书。"))
    response = HttpResponse(
        certificate_docx(attempt),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    filename = f"certificate-{attempt.quiz.program.code}-{attempt.quiz.number}-{attempt.pk}.docx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
