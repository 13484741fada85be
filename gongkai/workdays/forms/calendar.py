"""The calendar page's forms: publish a year from the notice text, set or clear one day, the calculator."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from gongkai.web.forms import limited_text
from gongkai.web.limits import too_long
from gongkai.workdays.rules.arrangement import YEARS
from gongkai.workdays.rules.dates import parse_date
from gongkai.workdays.rules.notice import detect_notice_number, detect_year

MAX_WORKING_DAYS = 1000


class DateField(forms.CharField):
    """A date typed as 2025-09-26 or 2025年9月26日."""

    def to_python(self, value: Any) -> date | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError as e:
            raise forms.ValidationError(str(e)) from None

    def prepare_value(self, value: Any) -> Any:
        return value.isoformat() if isinstance(value, date) else value


class PublishForm(forms.Form):
    text = forms.CharField(
        label="通知中的放假安排",
        strip=True,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        help_text="从通知原文复制各节日的那几行，例如：春节：2月15日（农历腊月二十八）至23日（农历正月初七）"
        "放假调休，共9天。2月14日（周六）、2月28日（周六）上班。整篇通知一起粘贴也可以。",
        error_messages={"required": "请粘贴通知中的放假安排。"},
    )
    year = forms.IntegerField(
        label="年份",
        required=False,
        min_value=YEARS.start,
        max_value=YEARS.stop - 1,
        help_text="不填时从通知标题（关于XXXX年部分节假日安排的通知）中识别。",
    )
    notice = limited_text(
        "通知文号或标题",
        200,
        required=False,
        help_text="例如：国办发明电〔2026〕X号。不填时从粘贴的原文中识别文号。",
    )
    source_url = forms.URLField(
        label="原文链接",
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"max_length": too_long("原文链接", 500), "invalid": "请填写有效的网址。"},
    )
    force = forms.BooleanField(
        label="覆盖软件自带的安排",
        required=False,
        help_text="只在更正软件已收录的年份（2004年至2026年）时勾选。",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        text = cleaned.get("text") or ""
        detected = detect_year(text)
        if cleaned.get("year") is None and "year" not in self.errors:
            if detected is None:
                self.add_error("year", "请填写年份（原文中没有找到“关于XXXX年部分节假日安排的通知”）。")
            else:
                cleaned["year"] = detected
        elif detected is not None and cleaned.get("year") != detected:
            self.add_error("year", f"通知标题是{detected}年的安排，年份却填了{cleaned.get('year')}年。")
        if not cleaned.get("notice"):
            cleaned["notice"] = detect_notice_number(text)
            if not cleaned["notice"]:
                self.add_error("notice", "请填写通知的文号或标题（原文中没有找到“国办发明电〔XXXX〕X号”）。")
        return cleaned

    def filled_in(self) -> PublishForm:
        """The same form with the year and number read from the text shown in their fields."""
        data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict
        data["year"] = str(self.cleaned_data["year"])
        data["notice"] = self.cleaned_data["notice"]
        filled = PublishForm(data)
        filled.is_valid()
        return filled


class DayForm(forms.Form):
    KIND_CHOICES = (("rest", "休息"), ("work", "上班"))

    on = DateField(label="日期", error_messages={"required": "请填写日期。"})
    kind = forms.ChoiceField(label="这一天", choices=KIND_CHOICES, widget=forms.RadioSelect, initial="rest")
    name = limited_text(
        "名称",
        50,
        help_text="例如：地方放假、春节、调休上班。",
        error_messages={"required": "请填写这一天的名称。"},
    )
    source = limited_text("依据文件", 300, required=False)
    region_note = limited_text("适用地区说明", 200, required=False)
    reason = limited_text("修改理由", 500, error_messages={"required": "请填写修改理由。"})

    @property
    def is_workday(self) -> bool:
        return self.cleaned_data["kind"] == "work"


class ClearDayForm(forms.Form):
    on = DateField(label="日期")
    reason = limited_text("理由", 500, error_messages={"required": "请填写理由。"})


class UnpublishForm(forms.Form):
    reason = limited_text("撤销理由", 500, error_messages={"required": "请填写撤销理由。"})


class DeadlineForm(forms.Form):
    start = DateField(
        label="起算日",
        help_text="例如收到申请之日；当日不计入，从次日开始计算。",
        error_messages={"required": "请填写起算日。"},
    )
    days = forms.IntegerField(
        label="工作日数",
        min_value=0,
        max_value=MAX_WORKING_DAYS,
        initial=20,
        error_messages={
            "required": "请填写工作日数。",
            "invalid": "工作日数应当是整数。",
            "min_value": "工作日数不能为负数。",
            "max_value": f"工作日数不能超过{MAX_WORKING_DAYS}。",
        },
    )
