"""Input forms of the selection pages; lists are typed with 、 or commas, as in the ledgers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cadreforge.core.text import split_list

from .models import TIE_BREAKS, Application, Call, PanelScore


class CallForm(forms.Form):
    title = forms.CharField(label=_("公告标题"), max_length=128)
    quota = forms.IntegerField(label=_("选拔名额"), min_value=1)
    deadline = forms.DateField(label=_("报名截止日期"), widget=forms.DateInput(attrs={"type": "date"}))
    tracks = forms.CharField(label=_("方向（用、分隔）"), required=False)
    track_quotas = forms.CharField(label=_("各方向名额（如 新材料=23、生命健康=23）"), required=False)
    unit_quota = forms.IntegerField(label=_("每单位最多入选"), min_value=1, required=False)
    allowed_ranks = forms.CharField(label=_("允许的职级（用、分隔，空为不限）"), required=False)
    max_age = forms.IntegerField(label=_("年龄上限"), min_value=18, max_value=70, required=False)
    min_years_in_post = forms.DecimalField(label=_("任现职最少年限"), min_value=0, required=False)
    priority_mode = forms.ChoiceField(label=_("优先规则方式"), choices=Call.PriorityMode.choices)
    tie_breaks = forms.MultipleChoiceField(
        label=_("同分排序规则"), choices=list(TIE_BREAKS.items()), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    publicity_days = forms.IntegerField(label=_("公示天数"), min_value=1, max_value=30, initial=5)
    code_prefix = forms.CharField(label=_("干部编号前缀"), max_length=16, initial="SEL-")

    def clean_track_quotas(self) -> dict:
        result = {}
        for item in split_list(self.cleaned_data["track_quotas"]):
            name, _sep, number = item.partition("=")
            if not number.strip().isdigit():
                raise forms.ValidationError(_("“%(item)s”应写成 方向=名额") % {"item": item})
            result[name.strip()] = int(number)
        return result

    def call_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["tracks"] = split_list(data["tracks"])
        data["allowed_ranks"] = split_list(data["allowed_ranks"])
        return data


class PriorityRulesForm(forms.Form):
    rules = forms.CharField(
        label=_("优先规则（每行一条：名称|档次|加分|单位类型|单位名称含|职务含|专业领域含|经历要求）"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )

    def rule_rows(self) -> list[dict]:
        rows = []
        for line in self.cleaned_data["rules"].splitlines():
            if not line.strip():
                continue
            cells = [*line.split("|"), *[""] * 8][:8]
            label, tier, points, kinds, units, positions, tags, flag = (c.strip() for c in cells)
            if not tier.isdigit() and tier:
                raise forms.ValidationError(_("“%(label)s”的档次应为正整数") % {"label": label})
            rows.append(
                {
                    "label": label, "tier": int(tier or 1), "points": points or 0,
                    "unit_kinds": split_list(kinds), "unit_keywords": split_list(units),
                    "position_keywords": split_list(positions), "tags": split_list(tags), "flag": flag,
                }
            )  # fmt: skip
        return rows


class ApplicationForm(forms.Form):
    cadre_id = forms.IntegerField(label=_("干部（编号ID）"))
    track = forms.CharField(label=_("方向"), required=False)
    channel = forms.ChoiceField(label=_("报名方式"), choices=Application.Channel.choices)
    recommender = forms.CharField(label=_("推荐单位/推荐人"), required=False)
    reason = forms.CharField(label=_("推荐理由"), required=False)
    years_in_post = forms.DecimalField(label=_("任现职年限"), min_value=0, initial=0)


class SelfApplicationForm(forms.Form):
    track = forms.CharField(label=_("方向"), required=False)
    years_in_post = forms.DecimalField(label=_("任现职年限"), min_value=0, initial=0)


class PanelScoreForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=PanelScore.Kind.choices)
    panelist_name = forms.CharField(label=_("评委"), max_length=64)
    score = forms.DecimalField(label=_("分数"), min_value=0, max_value=100)


class ObjectionForm(forms.Form):
    raised_by = forms.CharField(label=_("反映人"), required=False)
    raised_on = forms.DateField(label=_("反映日期"), widget=forms.DateInput(attrs={"type": "date"}))
    content = forms.CharField(label=_("反映内容"), widget=forms.Textarea(attrs={"rows": 2}))


class ResolveForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("结论"), choices=[("0", _("异议不成立")), ("1", _("异议成立"))], coerce=lambda v: v == "1"
    )
    resolution = forms.CharField(label=_("核查结论"))
    resolved_on = forms.DateField(label=_("办结日期"), widget=forms.DateInput(attrs={"type": "date"}))


class DateForm(forms.Form):
    day = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
