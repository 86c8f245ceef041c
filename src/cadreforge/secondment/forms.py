from django import forms
from django.utils.translation import gettext_lazy as _

from cadreforge.programs.models import Batch, Participant, Program, Team

from .models import Assignment, Duty, Event, NotificationChannel
from .notify_models import is_allowed_webhook_url
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


# --- manager pages ------------------------------------------------------------------------------------


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"})


class MoveAssignmentForm(forms.Form):
    status = forms.ChoiceField(label=_("变为"), choices=Assignment.Status.choices[1:])
    on = forms.DateField(label=_("日期"), widget=_date_input())
    reason = forms.CharField(label=_("提前结束原因"), required=False, max_length=200)


class HostContactForm(forms.Form):
    name = forms.CharField(label=_("派驻单位联系人"), max_length=64)
    phone = forms.CharField(label=_("联系人电话"), required=False, max_length=32)


class PartyBranchForm(forms.Form):
    batch = forms.ModelChoiceField(label=_("批次"), queryset=Batch.objects.none())
    name = forms.CharField(label=_("支部名称"), max_length=64)
    secretary = forms.ModelChoiceField(label=_("书记"), queryset=Participant.objects.none(), required=False)
    members = forms.ModelMultipleChoiceField(
        label=_("党员"),
        queryset=Participant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    team = forms.ModelChoiceField(label=_("对应小分队"), queryset=Team.objects.none(), required=False)

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["batch"].queryset = program.batches.order_by("number")
        cadres = program.participants.select_related("cadre").order_by("code")
        self.fields["secretary"].queryset = cadres
        self.fields["members"].queryset = cadres
        self.fields["team"].queryset = Team.objects.filter(batch__program=program).order_by("batch", "name")
        for name in ("secretary", "members"):
            self.fields[name].label_from_instance = lambda p: f"{p.cadre.name}（{p.code}）"


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=Event.Kind.choices)
    title = forms.CharField(label=_("标题"), max_length=200)
    date = forms.DateField(label=_("日期"), widget=_date_input())
    batch = forms.ModelChoiceField(label=_("批次"), queryset=Batch.objects.none(), required=False)
    location = forms.CharField(label=_("地点"), required=False, max_length=128)
    summary = forms.CharField(label=_("概况"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["batch"].queryset = program.batches.order_by("number")


class FindingForm(forms.Form):
    description = forms.CharField(label=_("发现问题"), widget=forms.Textarea(attrs={"rows": 2}))
    action = forms.CharField(label=_("整改措施"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.CharField(label=_("责任人"), required=False, max_length=64)
    deadline = forms.DateField(label=_("整改期限"), required=False, widget=_date_input())


class CloseFindingForm(forms.Form):
    on = forms.DateField(label=_("销号日期"), widget=_date_input())
    note = forms.CharField(label=_("整改结果"), max_length=2000)


class TalkNoteForm(forms.Form):
    participant = forms.ModelChoiceField(label=_("谈话对象"), queryset=Participant.objects.none())
    notes = forms.CharField(label=_("谈话记录"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = program.participants.select_related("cadre").order_by("code")
        self.fields["participant"].label_from_instance = lambda p: f"{p.cadre.name}（{p.code}）"


class ChannelForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=NotificationChannel.Kind.choices)
    name = forms.CharField(label=_("名称"), max_length=64)
    webhook_url = forms.CharField(label=_("Webhook 地址"), max_length=500)
    active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def clean_webhook_url(self) -> str:
        """The model's rule (`notify_models.is_allowed_webhook_url`), checked here to mark the field."""
        url = self.cleaned_data["webhook_url"].strip()
        if not is_allowed_webhook_url(url):
            raise forms.ValidationError(
                _(
                    "Webhook 地址“%(url)s”应以 https:// 开头（仅本机测试可用 http://127.0.0.1 或 http://localhost）。"
                ),
                params={"url": url},
            )
        return url


class DutyForm(forms.Form):
    title = forms.CharField(label=_("职责"), max_length=128)
    measure = forms.ChoiceField(label=_("衡量方式"), choices=Duty.Measure.choices)
    target = forms.IntegerField(label=_("每人目标"), min_value=1, max_value=1000, initial=1)
    order = forms.IntegerField(label=_("顺序"), min_value=0, max_value=1000, initial=0)


class DutyMarkForm(forms.Form):
    duty = forms.ModelChoiceField(label=_("职责"), queryset=Duty.objects.none())
    participant = forms.ModelChoiceField(label=_("干部"), queryset=Participant.objects.none())
    evidence = forms.CharField(label=_("佐证"), max_length=200)
    date = forms.DateField(label=_("日期"), required=False, widget=_date_input())

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duty"].queryset = program.duties.filter(measure=Duty.Measure.MANUAL)
        self.fields["participant"].queryset = program.participants.select_related("cadre").order_by("code")
        self.fields["participant"].label_from_instance = lambda p: f"{p.cadre.name}（{p.code}）"
