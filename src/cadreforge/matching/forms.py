"""Input forms of the matching pages: ordered choices (志愿, 排序) as numbered selects, and exclusions."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cadreforge.programs.models import HostUnit, Participant, Post


class PostChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Post) -> str:
        return f"{obj.code} {obj.host}"


class CadreChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Participant) -> str:
        return f"{obj.code} {obj.cadre.name}（{obj.cadre.unit.name}）"


class OrderedChoiceForm(forms.Form):
    """N selects named choice_1 … choice_N; `chosen()` returns the picks in order, blanks skipped.
    Duplicates are left to the service, which names the one repeated."""

    choice_field = PostChoice
    label_template = _("第%(n)d志愿")

    def __init__(self, *args, queryset: QuerySet, slots: int, initial_items: list | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_items = initial_items or []
        for n in range(1, slots + 1):
            self.fields[f"choice_{n}"] = self.choice_field(
                queryset=queryset,
                required=False,
                label=self.label_template % {"n": n},
                empty_label=_("（不填）"),
                initial=initial_items[n - 1].pk if n <= len(initial_items) else None,
            )

    def chosen(self) -> list:
        return [v for k, v in self.cleaned_data.items() if k.startswith("choice_") and v is not None]


class WishForm(OrderedChoiceForm):
    choice_field = PostChoice
    label_template = _("第%(n)d志愿")


class HostRankingForm(OrderedChoiceForm):
    choice_field = CadreChoice
    label_template = _("第%(n)d位")


class ExclusionForm(forms.Form):
    participant = CadreChoice(label=_("干部"), queryset=Participant.objects.none())
    post = PostChoice(label=_("回避岗位"), queryset=Post.objects.none(), required=False)
    host = forms.ModelChoiceField(
        label=_("或回避整个派驻单位"), queryset=HostUnit.objects.none(), required=False
    )
    reason = forms.CharField(label=_("原因"), max_length=128)

    def __init__(self, *args, participants: QuerySet, posts: QuerySet, hosts: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participants
        self.fields["post"].queryset = posts
        self.fields["host"].queryset = hosts

    def clean(self) -> dict:
        data = super().clean()
        if bool(data.get("post")) == bool(data.get("host")):
            raise forms.ValidationError(_("请在“回避岗位”和“回避整个派驻单位”中选且只选一项"))
        return data
