"""Input of the pipeline pages."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from cadreforge.core.stages import Stage

from .models import LinkEnterprise, PipelineSettings, Talent
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


class DismissForm(forms.Form):
    """不是重复: the two enterprises of a suggested pair, and why (optional)."""

    first = forms.IntegerField(widget=forms.HiddenInput)
    second = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("说明"), required=False, max_length=200)


class WeightsForm(forms.Form):
    """A percent per cadre of a project (申报权重); blank or 0 means no share. Only the numbers are parsed
    here: the rules (range, two decimals, total 100) are the service's, so page and API say the same."""

    def __init__(self, cadres: list, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.cadres = cadres
        for participant in cadres:
            self.fields[self.field_name(participant)] = forms.CharField(
                label=f"{participant.code} {participant.cadre.name}", required=False, max_length=16
            )

    @staticmethod
    def field_name(participant) -> str:
        return f"weight_{participant.pk}"

    def clean(self):
        data = super().clean()
        for participant in self.cadres:
            name = self.field_name(participant)
            text = (data.get(name) or "").strip().rstrip("%").strip()
            try:
                value = Decimal(text) if text else None
            except InvalidOperation:
                value = Decimal("NaN")
            if value is not None and not value.is_finite():
                message = _("干部%(code)s的权重“%(text)s”不是数字") % {"code": participant.code, "text": text}
                self.add_error(name, message)
                continue
            data[name] = value
        return data

    def rows(self) -> list[tuple[str, Decimal]]:
        """(干部编号, percent) of the cadres given a share."""
        return [
            (p.code, self.cleaned_data[self.field_name(p)])
            for p in self.cadres
            if self.cleaned_data.get(self.field_name(p)) not in (None, Decimal(0))
        ]


class PlacementForm(forms.Form):
    """An enterprise to put on a chain link: typed by name (found or added to the registry)."""

    enterprise = forms.CharField(label=_("企业名称"), max_length=200)
    uscc = forms.CharField(label=_("统一社会信用代码（可选）"), max_length=18, required=False)
    role = forms.ChoiceField(label=_("类别"), choices=LinkEnterprise.Role.choices)
    city = forms.CharField(
        label=_("所在城市"), max_length=32, required=False, help_text=_("目标企业填写其所在的城市，如：苏州")
    )
