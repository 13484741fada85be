"""Forms for a body's letter templates and remedy settings."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.requests.documents.letters import unknown_placeholders
from gongkai.requests.models.letters import LetterSettings


class LetterTemplateForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    text = forms.CharField(
        label="正文",
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="可使用下列占位符，生成文书时自动填入；每段另起一行。",
    )

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        bad = unknown_placeholders(text)
        if bad:
            raise forms.ValidationError("无法识别的占位符：" + "、".join("{" + b + "}" for b in bad))
        return text


class LetterSettingsForm(forms.ModelForm):
    class Meta:
        model = LetterSettings
        fields = ("review_organ", "court", "remedy_text", "office_address", "office_phone")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        remedy = self.fields["remedy_text"]
        remedy.widget = forms.Textarea(attrs={"rows": 3})
        remedy.help_text = "附在每份答复书末尾；{review_organ}、{court}分别填入复议机关和人民法院。"

    def clean_remedy_text(self) -> str:
        text: str = self.cleaned_data["remedy_text"]
        bad = unknown_placeholders(text)
        if bad:
            raise forms.ValidationError("无法识别的占位符：" + "、".join("{" + b + "}" for b in bad))
        return text
