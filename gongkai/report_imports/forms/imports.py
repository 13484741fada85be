"""The import form: pasted text or one file, and the body it belongs to."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet

from gongkai.bodies.models import Body
from gongkai.report_format.read import SUPPORTED_SUFFIXES, SUPPORTED_TEXT

ACCEPTED_SUFFIXES = SUPPORTED_SUFFIXES


class ImportForm(forms.Form):
    body = forms.ModelChoiceField(
        label="所属机关",
        queryset=Body.objects.none(),
        empty_label=None,
        error_messages={"required": "请选择所属机关。", "invalid_choice": "请选择您所在的机关。"},
    )
    text = forms.CharField(
        label="粘贴报告全文",
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "false"}),
        help_text="从网页或 Word 中复制整篇年度报告，连同表格一起粘贴到这里。",
    )
    file = forms.FileField(
        label="或者上传文件",
        required=False,
        allow_empty_file=True,
        help_text=f"支持 {SUPPORTED_TEXT} 文件（图片和扫描件经文字识别读取），不超过 {{}} MB。",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_SUFFIXES)}),
    )

    def __init__(
        self, *args: Any, bodies: QuerySet[Body], upload_too_large: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.upload_too_large = upload_too_large
        cast(forms.ModelChoiceField, self.fields["body"]).queryset = bodies
        self.fields["file"].help_text = self.fields["file"].help_text.format(settings.GONGKAI_MAX_UPLOAD_MB)
        first = bodies.first()
        if first is not None:
            self.fields["body"].initial = first.pk

    def clean_file(self) -> UploadedFile | None:
        upload: UploadedFile | None = self.cleaned_data.get("file")
        if self.upload_too_large:
            raise forms.ValidationError(too_large_message())
        if upload is None:
            return None
        if PurePath(upload.name or "").suffix.lower() not in ACCEPTED_SUFFIXES:
            raise forms.ValidationError(f"只能上传 {SUPPORTED_TEXT} 文件。")
        if upload.size is not None and upload.size > settings.GONGKAI_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(too_large_message())
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        has_file = cleaned.get("file") is not None
        has_text = bool(cleaned.get("text"))
        if "file" in self.errors:
            return cleaned
        if has_file and has_text:
            raise forms.ValidationError("请只选择一种方式：粘贴文本或上传文件。")
        if not has_file and not has_text:
            raise forms.ValidationError("请粘贴年度报告全文，或选择一个文件上传。")
        return cleaned

    def payload(self) -> tuple[bytes, str, bool]:
        """The bytes to read, their file name (empty for pasted text), and whether they were pasted."""
        upload: UploadedFile | None = self.cleaned_data.get("file")
        if upload is not None:
            return upload.read(), PurePath(upload.name or "").name, False
        return self.cleaned_data["text"].encode("utf-8"), "", True


def too_large_message() -> str:
    return f"文件过大：上限为 {settings.GONGKAI_MAX_UPLOAD_MB} MB。"
