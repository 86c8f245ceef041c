from django import forms
from django.utils.translation import gettext_lazy as _

from .weekly_services import MAX_CHARACTERS


class WeeklyReportForm(forms.Form):
    content = forms.CharField(
        label=_("周报内容"),
        required=False,
        max_length=MAX_CHARACTERS * 2,
        widget=forms.Textarea(attrs={"class": "report-input"}),
    )
    submit = forms.BooleanField(label=_("提交"), required=False)


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("审阅意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    rating = forms.TypedChoiceField(
        label=_("评分"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—")] + [(n, f"{n}") for n in range(1, 6)],
    )
