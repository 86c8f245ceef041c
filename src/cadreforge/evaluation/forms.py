"""Input of the evaluation manager pages: KPI schemes, commendations, promotions, mentor pairings and
shadowing logs. Forms check types; the rules (weights, evidence, dates) are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cadreforge.programs.models import Program

from .models import Commendation, Indicator
from .services import DEFAULT_CHAIN

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _participants(program: Program):
    return program.participants.select_related("cadre").order_by("code")


class ParticipantChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} {obj.cadre.name}"


class SchemeForm(forms.Form):
    name = forms.CharField(label=_("方案名称"), max_length=128)
    start_date = forms.DateField(label=_("竞赛开始"), required=False, widget=DATE)
    end_date = forms.DateField(label=_("竞赛结束"), required=False, widget=DATE)
    description = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Indicator.choices:
            self.fields[f"w_{value}"] = forms.CharField(
                label=label, required=False, max_length=16, help_text=_("每单位得分；不计分请留空")
            )

    def weights(self) -> dict[str, str]:
        return {v: self.cleaned_data.get(f"w_{v}", "") for v in Indicator.values}

    @staticmethod
    def initial_for(scheme) -> dict:
        data = {"name": scheme.name, "start_date": scheme.start_date, "end_date": scheme.end_date}
        data["description"] = scheme.description
        data |= {f"w_{w.indicator}": format(w.weight.normalize(), "f") for w in scheme.weights.all()}
        return data


class EvidenceMixin:
    """Projects of the program (the service checks the cadre referred them), labelled for humans."""

    def _project_field(self, program: Program) -> forms.ModelMultipleChoiceField:
        field = forms.ModelMultipleChoiceField(
            label=_("佐证项目"),
            required=False,
            queryset=program.projects.order_by("code"),
            widget=forms.SelectMultiple(attrs={"size": 8}),
            help_text=_("只能选择该干部引荐的项目"),
        )
        field.label_from_instance = lambda p: f"{p.code} {p.name}"
        return field


class CommendationForm(EvidenceMixin, forms.Form):
    title = forms.CharField(label=_("称号"), max_length=128)
    reason = forms.CharField(label=_("事迹"), widget=forms.Textarea(attrs={"rows": 3}))
    date = forms.DateField(label=_("日期"), widget=DATE)
    evidence = forms.CharField(label=_("其他佐证"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, program: Program, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:
            self.fields["participant"] = ParticipantChoice(label=_("干部"), queryset=_participants(program))
            self.order_fields(["participant"])
        self.fields["scheme"] = forms.ModelChoiceField(
            label=_("竞赛/考核"), required=False, queryset=program.kpi_schemes.all()
        )
        self.fields["projects"] = self._project_field(program)


class PromotionForm(EvidenceMixin, forms.Form):
    from_post = forms.CharField(label=_("现任职务"), max_length=128)
    to_post = forms.CharField(label=_("拟任职务"), max_length=128)
    reason = forms.CharField(label=_("推荐理由"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.CharField(label=_("其他佐证"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, program: Program, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:
            self.fields["participant"] = ParticipantChoice(label=_("干部"), queryset=_participants(program))
            self.order_fields(["participant"])
        self.fields["projects"] = self._project_field(program)
        commendations = forms.ModelMultipleChoiceField(
            label=_("佐证表彰"),
            required=False,
            queryset=Commendation.objects.filter(participant__program=program).select_related(
                "participant__cadre"
            ),
            help_text=_("只能选择该干部本人的表彰"),
        )
        commendations.label_from_instance = lambda c: f"{c.participant.cadre.name}：{c.title}（{c.date}）"
        self.fields["commendations"] = commendations
        if not editing:
            self.fields["chain"] = forms.CharField(
                label=_("审批环节（每行一个，依次审批）"),
                widget=forms.Textarea(attrs={"rows": 4}),
                initial="\n".join(DEFAULT_CHAIN),
            )

    def chain(self) -> list[str]:
        return self.cleaned_data.get("chain", "").splitlines()


class StepForm(forms.Form):
    decision = forms.ChoiceField(label=_("意见"), choices=[("approve", _("同意")), ("reject", _("不同意"))])
    comment = forms.CharField(label=_("批注"), required=False, max_length=200)
    date = forms.DateField(label=_("日期"), widget=DATE)


class PairingForm(forms.Form):
    mentor_name = forms.CharField(
        label=_("导师姓名"), required=False, max_length=64, help_text=_("选择在册干部时可留空")
    )
    mentor_post = forms.CharField(
        label=_("导师单位及职务"), required=False, max_length=128, help_text=_("选择在册干部时可留空")
    )
    place = forms.CharField(label=_("跟班单位"), required=False, max_length=128)
    start_date = forms.DateField(label=_("开始日期"), widget=DATE)
    end_date = forms.DateField(label=_("结束日期"), required=False, widget=DATE)
    goals = forms.CharField(label=_("培养目标"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, program: Program, mentor_cadres, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        mentor = forms.ModelChoiceField(
            label=_("导师（在册干部）"),
            required=False,
            queryset=mentor_cadres,
            help_text=_("系统外的领导请不选，直接填写姓名和职务"),
        )
        mentor.label_from_instance = lambda c: f"{c.name}（{c.unit} {c.position}）".replace(" ）", "）")
        self.fields["mentor_cadre"] = mentor
        order = ["mentor_cadre", "mentor_name", "mentor_post"]
        if not editing:
            self.fields["participant"] = ParticipantChoice(label=_("学员"), queryset=_participants(program))
            order.insert(0, "participant")
        self.order_fields(order)

    def pairing_fields(self) -> dict:
        data = self.cleaned_data
        texts = {k: data.get(k, "") for k in ("mentor_name", "mentor_post", "place", "goals")}
        dates = {"start_date": data.get("start_date"), "end_date": data.get("end_date")}
        return {"mentor_cadre": data.get("mentor_cadre"), **texts, **dates}


class LogForm(forms.Form):
    date = forms.DateField(label=_("日期"), widget=DATE)
    hours = forms.CharField(label=_("时长（小时）"), max_length=8)
    activity = forms.CharField(label=_("跟班内容"), widget=forms.Textarea(attrs={"rows": 3}))
    learned = forms.CharField(label=_("收获体会"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("导师点评"), widget=forms.Textarea(attrs={"rows": 2}))
