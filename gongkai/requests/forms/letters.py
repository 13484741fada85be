"""Forms for a body's letter templates and remedy settings."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.requests.documents.letters import unknown_placeholders
from gongkai.requests.models.letters import LetterSettings
from gongkai.web.forms import limited_text


class LetterTemplateForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    text = limited_text(
        "正文",
        20000,
        rows=16,
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
        # Letters that need one of these are refused while it is blank: the setup asks for all of them.
        for name, help_text in (
            (
                "review_organ",
                "答复书告知申请人的行政复议机关，如“某某区人民政府”。未填写的，不能制作答复书。",
            ),
            ("court", "答复书告知申请人的管辖人民法院，如“某某区人民法院”。未填写的，不能制作答复书。"),
            ("office_address", "回执、告知书中的联系地址。未填写的，不能制作用到它的文书。"),
            ("office_phone", "回执、告知书中的联系电话。未填写的，不能制作用到它的文书。"),
        ):
            self.fields[name].required = True
            self.fields[name].help_text = help_text

    def clean_remedy_text(self) -> str:
        text: str = self.cleaned_data["remedy_text"]
        bad = unknown_placeholders(text)
        if bad:
            raise forms.ValidationError("无法识别的占位符：" + "、".join("{" + b + "}" for b in bad))
        return text
