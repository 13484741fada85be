"""The request form, as a clerk enters it (any channel) and as an applicant fills it in online.

``register_from_form`` is the one adapter from a valid form to ``actions.register_application``, which
finds the body's existing applicant with the same ID number or credit code (or records a new one) in
the same transaction as the registration.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.models import User as AuthUser
from django.utils import timezone

from gongkai.bodies.models import Body
from gongkai.requests.actions import cases as actions
from gongkai.requests.models import APPLICANT_KIND_CHOICES, Channel
from gongkai.requests.rules import identity
from gongkai.requests.rules.limits import ITEM_MAX, ITEMS_MAX, PURPOSE_MAX, SUBJECT_MAX
from gongkai.web.forms import limited_text
from gongkai.web.limits import DESCRIPTION_MAX, too_long
from gongkai.workdays.forms.dates import LegalDateField

NATURAL_PERSON = actions.NATURAL_PERSON
PERSON_ID_TYPES = [(t.key, t.label) for t in identity.ID_TYPES if t.key != "credit_code"]
FORM_CHOICES = [("", "（未注明）"), ("纸质", "纸质"), ("电子数据", "电子数据"), ("其他", "其他")]
DELIVERY_CHOICES = [
    ("", "（未注明）"),
    ("邮寄", "邮寄"),
    ("电子邮件", "电子邮件"),
    ("当面领取", "当面领取"),
    ("网上获取", "网上获取"),
    ("传真", "传真"),
]
RECEIPT_HELP = (
    "《政府信息公开条例》第三十一条：当面提交的，以提交之日为收到申请之日；邮寄需签收的，以签收之日为准；"
    "平常信函等无需签收的，以与申请人确认之日为准；通过互联网渠道或者传真提交的，以双方确认之日为准。"
    "后几种方式如已与申请人确认，请填写确认日期；尚未确认的留空，之后在办理页面“确认收到申请”。"
)


class ApplicationForm(forms.Form):
    """What 第二十九条 requires: who (name, identity, contact), what is asked, in which form."""

    applicant_kind = forms.ChoiceField(
        label="申请人类型", choices=APPLICANT_KIND_CHOICES, initial=NATURAL_PERSON
    )
    name = limited_text("姓名或单位名称", 200)
    id_type = forms.ChoiceField(
        label="证件类型（自然人）", choices=PERSON_ID_TYPES, required=False, initial="resident_id"
    )
    id_number = limited_text("证件号码（自然人）", 60, required=False)
    credit_code = limited_text("统一社会信用代码（法人或其他组织）", 30, required=False)
    contact_person = limited_text("联系人（法人或其他组织）", 100, required=False)
    phone = limited_text("联系电话", 40, required=False)
    email = forms.EmailField(
        label="电子邮箱",
        required=False,
        max_length=254,
        error_messages={"max_length": too_long("电子邮箱", 254), "invalid": "请填写有效的电子邮箱地址。"},
    )
    address = limited_text("通信地址", 300, required=False)
    postcode = limited_text("邮政编码", 10, required=False)
    subject = limited_text("所需政府信息的名称", SUBJECT_MAX)
    items = limited_text(
        "所需信息清单（每行一项，可不填）",
        ITEMS_MAX * ITEM_MAX,
        rows=4,
        required=False,
        help_text=f"申请多项信息时每行写一项（最多{ITEMS_MAX}项，每项{ITEM_MAX}字以内）；只申请一项可留空。",
    )
    description = limited_text("文号或其他特征描述", DESCRIPTION_MAX, rows=3, required=False)
    purpose = limited_text("用途", PURPOSE_MAX, required=False)
    form = forms.ChoiceField(label="获取信息的形式", choices=FORM_CHOICES, required=False)
    delivery = forms.ChoiceField(label="获取信息的方式", choices=DELIVERY_CHOICES, required=False)

    def clean_items(self) -> str:
        text = self.cleaned_data.get("items", "")
        refusal = actions.items_refusal([line for line in text.splitlines() if line.strip()])
        if refusal:
            raise forms.ValidationError(refusal)
        return text

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("applicant_kind")
        if kind == NATURAL_PERSON:
            self._clean_identity(cleaned)
        elif kind:
            self._clean_credit_code(cleaned)
        phone = cleaned.get("phone", "")
        if phone:
            try:
                cleaned["phone"] = identity.validate_phone(phone)
            except identity.IdentityError as e:
                self.add_error("phone", str(e))
        if not (phone or cleaned.get("email") or cleaned.get("address")):
            raise forms.ValidationError("请至少填写一种联系方式（联系电话、电子邮箱或通信地址）。")
        return cleaned

    def _clean_identity(self, cleaned: dict[str, Any]) -> None:
        if not cleaned.get("id_number"):
            self.add_error("id_number", "自然人申请须提供身份证明，请填写证件号码。")
            return
        try:
            cleaned["id_number"] = identity.validate_identity(
                cleaned.get("id_type") or "", cleaned["id_number"]
            )
        except identity.IdentityError as e:
            self.add_error("id_number", str(e))

    def _clean_credit_code(self, cleaned: dict[str, Any]) -> None:
        if not cleaned.get("credit_code"):
            self.add_error("credit_code", "法人或其他组织申请须提供统一社会信用代码。")
            return
        try:
            cleaned["credit_code"] = identity.validate_credit_code(cleaned["credit_code"])
        except identity.IdentityError as e:
            self.add_error("credit_code", str(e))

    def item_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("items", "").splitlines() if line.strip()]


class StaffIntakeForm(ApplicationForm):
    """A clerk registers a request received by any channel."""

    channel = forms.ChoiceField(label="申请方式", choices=Channel.choices, initial=Channel.IN_PERSON)
    arrived_on = LegalDateField(label="收件日期", help_text="申请到达本机关的日期。")
    received_on = LegalDateField(label="确认收到申请之日", required=False, help_text=RECEIPT_HELP)
    field_order = ("channel", "arrived_on", "received_on")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["arrived_on"].initial = timezone.localdate()


def register_from_form(
    form: ApplicationForm,
    *,
    actor: AuthUser | None,
    body: Body,
    channel: str,
    arrived_on: date,
    received_on: date | None = None,
) -> actions.Registered:
    """The valid form as ``actions.register_application`` takes it."""
    data = form.cleaned_data
    person = data["applicant_kind"] == NATURAL_PERSON
    details = actions.ApplicantDetails(
        kind=data["applicant_kind"],
        name=data["name"],
        id_type=data.get("id_type", "") if person else "",
        id_number=data.get("id_number", "") if person else "",
        credit_code="" if person else data.get("credit_code", ""),
        contact={f: data.get(f, "") or "" for f in actions.CONTACT_FIELDS},
    )
    return actions.register_application(
        actor=actor,
        body=body,
        details=details,
        channel=channel,
        arrived_on=arrived_on,
        received_on=received_on,
        subject=data["subject"],
        items=form.item_lines(),
        description=data.get("description", ""),
        purpose=data.get("purpose", ""),
        form=data.get("form", ""),
        delivery=data.get("delivery", ""),
    )
