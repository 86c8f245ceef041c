"""Input of the pipeline pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cadreforge.core.stages import Stage

from .models import PipelineSettings, Talent
from .tracking import BRACKETS, LIGHT_LABELS


class ProjectFilterForm(forms.Form):
    stage = forms.TypedChoiceField(
        label=_("当前阶段"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("全部")), *Stage.choices],
    )
    light = forms.ChoiceField(
        label=_("进度灯"), required=False, choices=[("", _("全部")), *list(LIGHT_LABELS.items())]
    )
    bracket = forms.ChoiceField(
        label=_("协议投资额"), required=False, choices=[("", _("全部"))] + [(k, v) for k, v, _f in BRACKETS]
    )
    pending = forms.BooleanField(label=_("仅看待核验"), required=False)
    q = forms.CharField(label=_("项目名称或编号"), required=False, max_length=64)


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("材料名称"), max_length=128, required=False)
    file = forms.FileField(label=_("文件"), help_text=_("PDF、图片、Word、Excel 或 OFD，不超过20MB"))


class SettingsForm(forms.ModelForm):
    class Meta:
        model = PipelineSettings
        fields = ["yellow_months", "red_months", "credit_rule"]


class TalentFilterForm(forms.Form):
    level = forms.ChoiceField(
        label=_("层次"), required=False, choices=[("", _("全部")), *Talent.Level.choices]
    )
    field = forms.CharField(label=_("领域"), required=False, max_length=64)


class MergeForm(forms.Form):
    kept = forms.IntegerField(widget=forms.HiddenInput)
    merged = forms.IntegerField(widget=forms.HiddenInput)
