"""Input of the web pages that are not an app's own."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cadreforge.core.locking import VersionField
from cadreforge.people.photo import MAX_BYTES as MAX_PHOTO_BYTES
from cadreforge.people.reveal import MAX_REASON_LENGTH


class RevealForm(forms.Form):
    """Which personal field to show in full, and why (查看完整信息). The reason is checked by the service,
    so that the page, the API and any other door refuse an empty one with the same message."""

    field = forms.ChoiceField(label=_("查看内容"))
    reason = forms.CharField(
        label=_("查看理由"),
        required=False,
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": _("如：办理派驻人员保险需核对身份证号")}),
        help_text=_("必填。查看行为及理由将记入审计日志。"),
    )

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = choices


class ProgramEditForm(forms.Form):
    """A program's descriptive fields, with the version they were loaded at (乐观锁)."""

    name = forms.CharField(label=_("计划名称"), max_length=128)
    organiser = forms.CharField(label=_("主办单位"), max_length=128, required=False)
    region = forms.CharField(label=_("所属地区"), max_length=128, required=False)
    description = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    version = VersionField()

    @classmethod
    def for_program(cls, program, data=None) -> "ProgramEditForm":
        initial = {f: getattr(program, f) for f in ("name", "organiser", "region", "description", "version")}
        return cls(data, initial=initial)


class HostContactsForm(forms.Form):
    """Which host-contact accounts belong to a host unit (派驻单位联系人)."""

    contacts = forms.ModelMultipleChoiceField(
        label=_("联系人账号"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("只列出“派驻单位联系人”角色的在用账号；账号由安全管理员开设。"),
    )

    def __init__(self, *args, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = accounts
        self.fields["contacts"].label_from_instance = lambda u: (
            f"{u.get_full_name()}（{u.username}）" if u.get_full_name() else u.username
        )


class CadrePhotoForm(forms.Form):
    """The cadre's photo for the 干部任免审批表. Only presence and the upload size are checked here; what a
    photo must be (JPEG or PNG, pixel size) is people.photo's rule, applied by the service."""

    photo = forms.FileField(
        label=_("照片文件"),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png"}),
        help_text=_("JPEG 或 PNG，不超过 2 MB，至少 60×80 像素（二寸免冠照片）。上传后替换原照片。"),
        error_messages={
            "required": _("请选择要上传的照片。"),
            "empty": _("照片是空的，请选择 JPEG 或 PNG 图片。"),
        },
    )

    def clean_photo(self):
        upload = self.cleaned_data["photo"]
        if upload.size > MAX_PHOTO_BYTES:  # refused before the file is read into memory
            raise forms.ValidationError(_("照片不能超过 2 MB，请压缩后再上传。"))
        return upload
