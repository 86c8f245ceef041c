"""Input of the managers' training pages: courses, sessions, enrolment, attendance, camp platform items and
study-hour requirements. Forms check the input and say in Chinese what is wrong; services write."""

from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cadreforge.core.text import split_list
from cadreforge.people.models import Cadre
from cadreforge.programs.models import Program

from .models import Course, PlatformItem, Session

DATE = {"type": "date"}


class CadreChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Cadre) -> str:
        return f"{obj.name}（{obj.unit.name}）" if obj.unit_id else obj.name


def program_cadres(program: Program):
    """The cadres taking part in a program, by name."""
    return (
        Cadre.objects.filter(participations__program=program)
        .select_related("unit")
        .distinct()
        .order_by("name")
    )


class CourseForm(forms.Form):
    code = forms.SlugField(
        label=_("课程编号"),
        max_length=48,
        help_text=_("英文字母、数字、连字符或下划线，如 yingshang-2024"),
        error_messages={
            "invalid": _(
                "课程编号只能由英文字母、数字、连字符（-）和下划线（_）组成，不能有汉字或空格，如 yingshang-2024。"
            )
        },
    )
    title = forms.CharField(label=_("名称"), max_length=128)
    institution = forms.CharField(label=_("承办机构"), max_length=128, required=False)
    mode = forms.ChoiceField(label=_("形式"), choices=Course.Mode.choices)
    track = forms.CharField(label=_("方向/赛道"), max_length=64, required=False)
    hours = forms.DecimalField(label=_("学时"), min_value=0, max_digits=6, decimal_places=1, initial=0)
    topics = forms.CharField(
        label=_("专题"), required=False, help_text=_("用顿号或逗号分隔，用于培训需求匹配"), max_length=500
    )
    start_date = forms.DateField(label=_("开始日期"), required=False, widget=forms.DateInput(attrs=DATE))
    end_date = forms.DateField(label=_("结束日期"), required=False, widget=forms.DateInput(attrs=DATE))
    description = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, program: Program, course: Course | None = None, **kwargs):
        self.program, self.course = program, course
        if course is not None:
            kwargs.setdefault(
                "initial",
                {
                    **{name: getattr(course, name) for name in self.base_fields if name != "topics"},
                    "topics": "、".join(course.topics),
                },
            )
        super().__init__(*args, **kwargs)
        if course is not None:
            self.fields["code"].disabled = True

    def clean_topics(self) -> list[str]:
        return split_list(self.cleaned_data["topics"])

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if self.course is None and self.program.courses.filter(code=code).exists():
            raise forms.ValidationError(_("本计划已有课程编号“%(code)s”，请换一个。") % {"code": code})
        return code

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("结束日期不能早于开始日期。"))
        return data


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=Session.Kind.choices)
    title = forms.CharField(label=_("主题/考察点"), max_length=160)
    date = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs=DATE))
    place = forms.CharField(label=_("地点"), max_length=128, required=False)
    hours = forms.DecimalField(label=_("学时"), min_value=0, max_digits=5, decimal_places=1, initial=0)
    speaker = forms.CharField(label=_("主讲人"), max_length=64, required=False)
    speaker_kind = forms.ChoiceField(
        label=_("主讲人类别"), choices=Session.SpeakerKind.choices, required=False
    )

    def __init__(self, *args, course: Course, **kwargs):
        self.course = course
        initial = kwargs.setdefault("initial", {})
        default_kind = {
            Course.Mode.SITE_VISIT: Session.Kind.SITE_VISIT,
            Course.Mode.LECTURE: Session.Kind.LECTURE,
            Course.Mode.FORUM: Session.Kind.FORUM,
        }.get(course.mode, Session.Kind.CLASS)
        initial.setdefault("kind", default_kind)
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("speaker_kind") and not data.get("speaker"):
            self.add_error("speaker", _("选了主讲人类别，请填写主讲人。"))
        if data.get("kind") == Session.Kind.SITE_VISIT and not data.get("place"):
            self.add_error("place", _("现场考察须填写考察地点。"))
        date = data.get("date")
        start, end = self.course.start_date, self.course.end_date
        if date and ((start and date < start) or (end and date > end)):
            self.add_error("date", _("日期不在课程的起止日期内。"))
        return data


class EnrolForm(forms.Form):
    cadres = CadreChoiceField(label=_("参与干部"), queryset=Cadre.objects.none())

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cadres"].queryset = program_cadres(course.program).exclude(
            course_enrolments__course=course
        )
        self.fields["cadres"].error_messages["required"] = _("请至少选择一名干部。")


class AttendanceForm(forms.Form):
    cadres = CadreChoiceField(label=_("出席干部"), queryset=Cadre.objects.none())

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        course = session.course
        candidates = Cadre.objects.filter(
            Q(course_enrolments__course=course) | Q(participations__program=course.program)
        ).distinct()
        self.fields["cadres"].queryset = (
            candidates.exclude(attendances__session=session).select_related("unit").order_by("name")
        )
        self.fields["cadres"].error_messages["required"] = _("请至少选择一名出席干部。")


class PlatformItemForm(forms.Form):
    platform = forms.ChoiceField(label=_("平台"), choices=PlatformItem.Platform.choices)
    title = forms.CharField(label=_("题目"), max_length=160)
    date = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs=DATE))
    issue = forms.IntegerField(label=_("期号"), min_value=1, max_value=32767, required=False)
    track = forms.CharField(label=_("赛道"), max_length=64, required=False)
    members = CadreChoiceField(label=_("参与干部"), queryset=Cadre.objects.none(), required=False)

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = program_cadres(program)

    def clean(self):
        data = super().clean()
        if data.get("platform") == PlatformItem.Platform.JOURNAL and not data.get("issue"):
            self.add_error("issue", _("刊物（潮闻）须填写期号。"))
        return data


class RankRequirementForm(forms.Form):
    rank = forms.CharField(label=_("职级"), max_length=32)
    annual_hours = forms.DecimalField(
        label=_("年度学时要求"),
        min_value=Decimal("0"),
        max_value=Decimal("9999"),
        max_digits=6,
        decimal_places=1,
    )
