"""Input of the training pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .lessons import ALLOWED_TYPES, MAX_UPLOAD_BYTES


class VideoUploadForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=160)
    file = forms.FileField(label=_("视频文件（WebM/MP4/Ogg）"))
    duration_minutes = forms.DecimalField(
        label=_("时长（分钟）"), min_value=0.02, max_value=600, decimal_places=2
    )
    published_on = forms.DateField(
        label=_("发布日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("视频文件超过 500MB，请压缩后再上传"))
        content_type = (upload.content_type or "").split(";")[0].lower()
        if content_type not in ALLOWED_TYPES:
            raise forms.ValidationError(_("不支持的视频格式：请上传 WebM、MP4 或 Ogg 视频"))
        return upload
