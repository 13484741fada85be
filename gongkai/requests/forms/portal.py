"""The applicant's tracking form: the request number and the code shown once at submission."""

from __future__ import annotations

import re

from django import forms

from gongkai.web.forms import limited_text

_NUMBER = re.compile(r"(\d{4})\D+(\d{1,7})")


class TrackForm(forms.Form):
    number = limited_text("申请编号", 40, help_text="如〔2025〕第1号，也可写作 2025-1。")
    code = limited_text("查询码", 20, help_text="提交申请时显示的8位查询码。")

    def clean_number(self) -> tuple[int, int]:
        m = _NUMBER.search(self.cleaned_data["number"])
        if m is None:
            raise forms.ValidationError("申请编号格式不正确，请按“〔2025〕第1号”填写。")
        return int(m.group(1)), int(m.group(2))
