from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("令牌名称"),
        max_length=64,
        help_text=_("写明用途，如“手机登记走访”或“数据看板同步脚本”。"),
    )
