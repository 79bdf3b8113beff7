"""Page forms of the warnings app: they turn posted text into typed values with Chinese labels;
the services validate the rest and name each field in their errors."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SuggestionForm(forms.Form):
    """A 司法建议 to a department (法发〔2012〕74号): findings, suggestions, reply deadline."""

    department = forms.CharField(label=_("受文单位"), max_length=80, required=False)
    findings = forms.CharField(
        label=_("发现的问题"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    suggestions = forms.CharField(
        label=_("建议事项（每行一条）"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reply_due_on = forms.DateField(
        label=_("回复期限"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("日期格式应为 YYYY-MM-DD。")},
    )  # fmt: skip

    def suggestion_lines(self) -> list[str]:
        text = self.cleaned_data.get("suggestions") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class ReplyForm(forms.Form):
    """The department's reply to a judicial suggestion."""

    reply = forms.CharField(
        label=_("回复内容"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    replied_on = forms.DateField(
        label=_("回复日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("日期格式应为 YYYY-MM-DD。")},
    )  # fmt: skip
