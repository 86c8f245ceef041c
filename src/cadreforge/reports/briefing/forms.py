"""The form of a scheduled briefing (定期简报) on the manager's page; the rules live in schedules.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cadreforge.programs.models import Program
from cadreforge.reports.models import BriefingSchedule
from cadreforge.reports.schedule_models import WEEKDAY_LABELS
from cadreforge.secondment.models import NotificationChannel


class BriefingScheduleForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=64)
    frequency = forms.ChoiceField(label=_("频率"), choices=BriefingSchedule.Frequency.choices)
    weekday = forms.TypedChoiceField(
        label=_("每周的星期几"),
        choices=[("", "—"), *enumerate(WEEKDAY_LABELS)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    day_of_month = forms.IntegerField(label=_("每月的几号"), min_value=1, max_value=31, required=False)
    hour = forms.IntegerField(label=_("发送时刻（时，北京时间）"), min_value=0, max_value=23, initial=8)
    batch_number = forms.TypedChoiceField(
        label=_("范围"), coerce=int, empty_value=None, required=False, choices=[("", _("整个计划"))]
    )
    channels = forms.ModelMultipleChoiceField(
        label=_("群机器人"),
        queryset=NotificationChannel.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    emails = forms.CharField(
        label=_("电子邮件收件人（每行一个）"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    email_format = forms.ChoiceField(
        label=_("邮件附件格式"), choices=BriefingSchedule.Format.choices, initial=BriefingSchedule.Format.DOCX
    )
    active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, program: Program, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channels"].queryset = program.notification_channels.order_by("name")
        batches = [(b.number, _("第%(n)s批") % {"n": b.number}) for b in program.batches.order_by("number")]
        self.fields["batch_number"].choices = [("", _("整个计划")), *batches]

    @staticmethod
    def initial_for(schedule: BriefingSchedule) -> dict:
        return {
            "name": schedule.name,
            "frequency": schedule.frequency,
            "weekday": schedule.weekday,
            "day_of_month": schedule.day_of_month,
            "hour": schedule.hour,
            "batch_number": schedule.batch_number,
            "channels": list(schedule.channels.all()),
            "emails": schedule.emails,
            "email_format": schedule.email_format,
            "active": schedule.active,
        }
