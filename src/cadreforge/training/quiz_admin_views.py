"""Managers' pages for knowledge tests: create a quiz, edit its draw size and limits, and build its question
bank with all four question types. Scoped like manage_views: readers 403, out of scope 404."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cadreforge.core.errors import DomainError
from cadreforge.programs.services import ensure_may_write

from . import quizzes, selectors
from .manage_views import _data, _refuse_readers, form_page, managed_program
from .models import Quiz
from .quiz_forms import LETTERS, QuestionForm, QuizForm
from .views import domain_errors

QUIZ_FIELDS = ("title", "course", "question_count", "time_limit_minutes", "attempt_limit", "pass_mark")


def managed_quiz(user, pk: int) -> Quiz:
    _refuse_readers(user)
    quiz = selectors.get_visible_quiz(user, pk)
    ensure_may_write(user, quiz.program)
    return quiz


@domain_errors
def quiz_new(request: HttpRequest, code: str) -> HttpResponse:
    program = managed_program(request.user, code)
    form = QuizForm(_data(request), program=program)

    def save(data: dict) -> Quiz:
        number = (program.quizzes.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        quiz = quizzes.create_quiz(request.user, program, number=number, **{k: data[k] for k in QUIZ_FIELDS})
        messages.success(request, _("已新建第%(n)s期知识测试，请添加试题。") % {"n": quiz.number})
        return quiz

    back = (reverse("training:program", args=[program.code]), program.name)
    return form_page(
        request, form, save, title=_("新建知识测试"), back=back,
        done=lambda q: reverse("training:quiz-bank", args=[q.pk]),
    )  # fmt: skip


@domain_errors
def quiz_edit(request: HttpRequest, pk: int) -> HttpResponse:
    quiz = managed_quiz(request.user, pk)
    form = QuizForm(_data(request), program=quiz.program, quiz=quiz)

    def save(data: dict) -> Quiz:
        quizzes.update_quiz(request.user, quiz, **{k: data[k] for k in QUIZ_FIELDS})
        messages.success(request, _("已保存知识测试“%(t)s”。") % {"t": quiz.title})
        return quiz

    back = (reverse("training:quiz-bank", args=[quiz.pk]), quiz.title)
    return form_page(
        request, form, save, title=_("编辑知识测试"), back=back,
        done=lambda q: reverse("training:quiz-bank", args=[q.pk]),
    )  # fmt: skip


def _bank_rows(quiz: Quiz) -> list[dict]:
    rows = []
    for q in quiz.questions.all():
        if q.kind in ("single", "multiple"):
            right = [q.answer] if q.kind == "single" else q.answer
            answer = "".join(LETTERS[i] for i in right)
        elif q.kind == "true_false":
            answer = _("对") if q.answer else _("错")
        else:
            answer = " / ".join(q.answer)
        options = [f"{LETTERS[i]}. {c}" for i, c in enumerate(q.choices)]
        rows.append({"question": q, "options": options, "answer": answer})
    return rows


@domain_errors
def quiz_bank(request: HttpRequest, pk: int) -> HttpResponse:
    """The quiz's settings and question bank, with the form that adds a question."""
    quiz = managed_quiz(request.user, pk)
    form = QuestionForm(_data(request))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                quizzes.add_question(
                    request.user, quiz, kind=data["kind"], text=data["text"], choices=data["choices"],
                    answer=data["answer"], explanation=data["explanation"], points=data["points"],
                )  # fmt: skip
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request, _("已添加一道%(k)s。") % {"k": dict(form.fields["kind"].choices)[data["kind"]]}
                )
                return redirect(reverse("training:quiz-bank", args=[quiz.pk]) + "#bank")
        status = 400
    context = {
        "quiz": quiz,
        "rows": _bank_rows(quiz),
        "form": form,
        "short_bank": quiz.bank_size < quiz.question_count,
    }
    return render(request, "training/quiz_bank.html", context, status=status)
