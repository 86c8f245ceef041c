"""Input of the question bank and the knowledge tests. Options are typed one per line and named A, B, C…;
the right options are given by their letters. The form checks each type's rules before anything is
written: a single-choice question has exactly one right option, a multiple-choice question at least
two, a true/false question one truth value, a fill-in question at least one accepted text."""

import string

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Course, Question, Quiz

LETTERS = string.ascii_uppercase
MAX_OPTIONS = 8


class QuizForm(forms.Form):
    title = forms.CharField(label=_("名称"), max_length=160)
    course = forms.ModelChoiceField(label=_("所属课程"), queryset=Course.objects.none(), required=False)
    question_count = forms.IntegerField(label=_("每次抽题数"), min_value=1, max_value=200)
    time_limit_minutes = forms.IntegerField(label=_("限时（分钟）"), min_value=1, max_value=600)
    attempt_limit = forms.IntegerField(label=_("可答次数"), min_value=1, max_value=20, initial=3)
    pass_mark = forms.IntegerField(label=_("及格分（百分制）"), min_value=0, max_value=100, initial=60)

    def __init__(self, *args, program, quiz: Quiz | None = None, **kwargs):
        if quiz is not None:
            kwargs.setdefault("initial", {name: getattr(quiz, name) for name in self.base_fields})
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = program.courses.order_by("code")
        self.fields["course"].empty_label = _("（不属于某门课程）")


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("题型"), choices=Question.Kind.choices)
    text = forms.CharField(label=_("题干"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    options = forms.CharField(
        label=_("选项（每行一个，依次为 A、B、C…）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("仅单选题、多选题填写"),
    )
    right_options = forms.CharField(
        label=_("正确选项（字母，如 B 或 ACD）"), required=False, max_length=MAX_OPTIONS * 2
    )
    truth = forms.ChoiceField(
        label=_("判断题答案"), required=False, choices=[("", "—"), ("true", _("对")), ("false", _("错"))]
    )
    accepted = forms.CharField(
        label=_("填空题可接受的答案（每行一个）"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    explanation = forms.CharField(label=_("解析"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    points = forms.IntegerField(label=_("分值"), min_value=1, max_value=100, initial=1)

    def _lines(self, name: str) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get(name, "").splitlines() if line.strip()]

    def _right_indexes(self, options: list[str]) -> list[int] | None:
        raw = "".join(
            self.cleaned_data.get("right_options", "").upper().replace(",", "").replace("，", "").split()
        )
        raw = raw.replace("、", "")
        indexes = []
        for letter in raw:
            if letter not in LETTERS[: len(options)]:
                self.add_error("right_options", _("正确选项“%(l)s”不在选项中。") % {"l": letter})
                return None
            if LETTERS.index(letter) in indexes:
                self.add_error("right_options", _("正确选项“%(l)s”重复了。") % {"l": letter})
                return None
            indexes.append(LETTERS.index(letter))
        return sorted(indexes)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if not kind:
            return data
        options = self._lines("options")
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            if len(options) < 2:
                self.add_error("options", _("选择题至少要有两个选项。"))
                return data
            if len(options) > MAX_OPTIONS:
                self.add_error("options", _("选项最多 %(n)s 个。") % {"n": MAX_OPTIONS})
                return data
            if len(set(options)) != len(options):
                self.add_error("options", _("选项有重复。"))
                return data
            right = self._right_indexes(options)
            if right is None:
                return data
            if kind == Question.Kind.SINGLE and len(right) != 1:
                self.add_error("right_options", _("单选题必须恰好有一个正确选项。"))
            elif kind == Question.Kind.MULTIPLE and len(right) < 2:
                self.add_error("right_options", _("多选题至少要有两个正确选项。"))
            else:
                data["choices"] = options
                data["answer"] = right[0] if kind == Question.Kind.SINGLE else right
            return data
        if options or data.get("right_options"):
            self.add_error("options", _("判断题和填空题不填写选项。"))
            return data
        if kind == Question.Kind.TRUE_FALSE:
            if not data.get("truth"):
                self.add_error("truth", _("请选择判断题的答案（对或错）。"))
            else:
                data["choices"], data["answer"] = [], data["truth"] == "true"
        elif kind == Question.Kind.FILL:
            accepted = self._lines("accepted")
            if not accepted:
                self.add_error("accepted", _("填空题至少要有一个可接受的答案。"))
            else:
                data["choices"], data["answer"] = [], accepted
        return data
