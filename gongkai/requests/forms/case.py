"""The case page's action forms, one per action in ``actions.py``, and which of them a status allows.

Each ``CaseAction`` names the status it leads to; ``available_actions`` offers only those whose
target is in ``states.TRANSITIONS`` of the request's current status (and whose source fits), so the
page never shows a button the rules would refuse.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.models import User as AuthUser
from django.utils import timezone

from gongkai.report_format.layout import TABLE3_GROUPS, TABLE3_OUTCOME_ROWS
from gongkai.requests.actions import cases as actions
from gongkai.requests.models import FeeNotice, Request
from gongkai.requests.models.letters import DeliveryMethod, LetterKind
from gongkai.requests.rules.limits import WAIVER_REASON_MAX
from gongkai.requests.rules.outcomes import OUTCOME_CHOICES
from gongkai.requests.rules.regimes import regime_for
from gongkai.requests.rules.states import TRANSITIONS, Status
from gongkai.web.forms import limited_text
from gongkai.web.limits import NOTE_MAX, REASON_MAX
from gongkai.workdays.forms.dates import LegalDateField


def _on(label: str = "日期") -> forms.DateField:
    return LegalDateField(label=label, initial=timezone.localdate)


class DateForm(forms.Form):
    on = _on()


class CorrectionForm(forms.Form):
    on = _on("告知日期")
    what = limited_text(
        "需要补正的事项（一次性告知）",
        NOTE_MAX,
        rows=4,
        help_text="第三十条：收到申请之日起7个工作日内一次性告知，只能告知一次"
        "（2019年5月15日前收到的申请适用2007年《条例》，无此期限）。",
    )
    # 第三十条 asks for a 合理的补正期限 and fixes no length (ogi-rules §2.4): the body sets it per
    # notice; no default date is offered, so that none is taken for a statutory one.
    deadline = LegalDateField(
        label="补正期限",
        future=True,
        help_text="第三十条要求告知“合理的补正期限”，条例未规定具体天数，请按本机关规定填写补正期限的截止日期。",
    )


class NoteForm(forms.Form):
    on = _on()
    note = limited_text("说明", NOTE_MAX, rows=2, required=False)


class ConsultationForm(forms.Form):
    on = _on("发出征求意见书日期")
    third_party = limited_text("第三方", 200)
    note = limited_text("说明", NOTE_MAX, rows=2, required=False)


class OpinionForm(forms.Form):
    on = _on("收到意见（或期满）日期")
    opinion = limited_text("第三方意见", NOTE_MAX, rows=2)


class ExtensionForm(forms.Form):
    on = _on("延期日期")
    days = forms.IntegerField(label="延长工作日数", min_value=1)
    reason = limited_text("延期理由", REASON_MAX, rows=2)
    approved_by = limited_text("批准人（政府信息公开工作机构负责人）", 100)

    def __init__(self, *args: Any, request_obj: Request | None = None, **kwargs: Any) -> None:
        """The longest extension is the one of the request's 条例 text (15 or 20 working days)."""
        super().__init__(*args, **kwargs)
        regime = regime_for(request_obj.received_on if request_obj is not None else None)
        longest = regime.max_extension_days
        self.fields["days"] = forms.IntegerField(
            label="延长工作日数",
            min_value=1,
            max_value=longest,
            initial=longest,
            error_messages={"max_value": f"延长答复期限最长不得超过{longest}个工作日（{regime.label}）。"},
        )


class FeeForm(forms.Form):
    on = _on("通知日期")
    method = forms.ChoiceField(label="计收方式", choices=FeeNotice.Method.choices)
    quantity = forms.IntegerField(label="件数或页数", min_value=1)
    notice_received_on = LegalDateField(label="申请人收到通知日期", required=False)
    waiver_reason = limited_text("减免理由", WAIVER_REASON_MAX, required=False)


class WithdrawForm(forms.Form):
    on = _on("撤回日期")
    reason = limited_text("撤回理由", REASON_MAX, rows=2, required=False)


class DeliveryForm(forms.Form):
    on = _on("送达日期")
    method = forms.ChoiceField(label="送达方式", choices=DeliveryMethod.choices)


def grouped_outcomes() -> list[tuple[str, list[tuple[str, str]]]]:
    """OUTCOME_CHOICES grouped under the headings of table 3 (for <optgroup>)."""
    labels = dict(OUTCOME_CHOICES)
    return [
        (group.label, [(r.key, labels[r.key]) for r in TABLE3_OUTCOME_ROWS if r.group == group.key])
        for group in TABLE3_GROUPS
    ]


class ReplyForm(forms.Form):
    """答复: an outcome and a reason for every item of the request."""

    on = _on("答复日期")
    note = limited_text("备注", NOTE_MAX, rows=2, required=False)

    def __init__(self, *args: Any, request_obj: Request, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = list(request_obj.items.all())
        for item in self.items:
            self.fields[f"outcome_{item.pk}"] = forms.ChoiceField(
                label=f"第{item.position}项 {item.description} 的办理结果",
                choices=[("", "请选择"), *grouped_outcomes()],
            )
            self.fields[f"reason_{item.pk}"] = limited_text(
                f"第{item.position}项的理由或说明", NOTE_MAX, rows=2, required=False
            )

    def item_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"outcome_{i.pk}"], self[f"reason_{i.pk}"]) for i in self.items]

    def outcomes(self) -> dict[int, str]:
        return {i.pk: self.cleaned_data[f"outcome_{i.pk}"] for i in self.items}

    def reasons(self) -> dict[int, str]:
        return {i.pk: self.cleaned_data[f"reason_{i.pk}"] for i in self.items}


Runner = Callable[[Request, AuthUser, forms.Form], Any]


@dataclass(frozen=True)
class CaseAction:
    name: str
    label: str
    target: Status
    form: type[forms.Form]
    run: Runner
    sources: frozenset[Status] | None = None  # None: any status that may go to ``target``
    help: str = ""

    def allowed_from(self, status: str) -> bool:
        current = Status(status)
        if self.target not in TRANSITIONS[current]:
            return False
        return self.sources is None or current in self.sources

    def make_form(self, request_obj: Request, data: Any = None) -> forms.Form:
        if self.form is ReplyForm or self.form is ExtensionForm:
            return self.form(data, request_obj=request_obj, prefix=self.name)
        return self.form(data, prefix=self.name)


def _c(form: forms.Form) -> dict[str, Any]:
    return form.cleaned_data


CASE_ACTIONS: tuple[CaseAction, ...] = (
    CaseAction(
        "review",
        "开始审查",
        Status.REVIEWING,
        DateForm,
        lambda r, u, f: actions.start_review(r, actor=u, on=_c(f)["on"]),
    ),
    CaseAction(
        "correction",
        "发出补正告知",
        Status.CORRECTING,
        CorrectionForm,
        lambda r, u, f: actions.request_correction(r, actor=u, **_c(f)),
    ),
    CaseAction(
        "process",
        "转入办理",
        Status.PROCESSING,
        DateForm,
        lambda r, u, f: actions.start_processing(r, actor=u, on=_c(f)["on"]),
        sources=frozenset({Status.REVIEWING}),
    ),
    CaseAction(
        "correction_received",
        "收到补正材料",
        Status.PROCESSING,
        NoteForm,
        lambda r, u, f: actions.receive_correction(r, actor=u, **_c(f)),
        sources=frozenset({Status.CORRECTING}),
        help="答复期限自收到补正之日起重新计算（第三十条）。",
    ),
    CaseAction(
        "consultation",
        "征求第三方意见",
        Status.CONSULTING,
        ConsultationForm,
        lambda r, u, f: actions.start_consultation(r, actor=u, **_c(f)),
        help="征求意见期间不计入答复期限（第三十三条第三款）。",
    ),
    CaseAction(
        "consultation_end",
        "第三方意见征求结束",
        Status.PROCESSING,
        OpinionForm,
        lambda r, u, f: actions.end_consultation(r, actor=u, **_c(f)),
        sources=frozenset({Status.CONSULTING}),
    ),
    CaseAction(
        "extend",
        "延期答复",
        Status.EXTENDED,
        ExtensionForm,
        lambda r, u, f: actions.extend(r, actor=u, **_c(f)),
        sources=frozenset({Status.PROCESSING}),
        help="须经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不超过20个工作日"
        "（2019年5月15日前收到的申请适用2007年《条例》，最长不超过15个工作日）。",
    ),
    CaseAction(
        "fee",
        "发出收费通知",
        Status.AWAITING_FEE,
        FeeForm,
        lambda r, u, f: actions.notify_fee(r, actor=u, **_c(f)),
    ),
    CaseAction(
        "payment",
        "缴纳费用",
        Status.PROCESSING,
        DateForm,
        lambda r, u, f: actions.record_payment(r, actor=u, on=_c(f)["on"]),
        sources=frozenset({Status.AWAITING_FEE}),
    ),
    CaseAction(
        "reply",
        "作出答复",
        Status.REPLIED,
        ReplyForm,
        lambda r, u, f: actions.reply(
            r,
            actor=u,
            on=_c(f)["on"],
            outcomes=f.outcomes(),  # type: ignore[attr-defined]  # a ReplyForm
            reasons=f.reasons(),  # type: ignore[attr-defined]
            note=_c(f)["note"],
        ),
    ),
    CaseAction(
        "deliver",
        "记录送达",
        Status.DELIVERED,
        DeliveryForm,
        lambda r, u, f: actions.deliver(r, actor=u, on=_c(f)["on"], method=_c(f)["method"]),
    ),
    CaseAction(
        "lapse_correction",
        "逾期不补正",
        Status.LAPSED_NO_CORRECTION,
        DateForm,
        lambda r, u, f: actions.lapse_correction(r, actor=u, on=_c(f)["on"]),
    ),
    CaseAction(
        "lapse_fee",
        "逾期未缴费",
        Status.LAPSED_UNPAID,
        DateForm,
        lambda r, u, f: actions.lapse_fee(r, actor=u, on=_c(f)["on"]),
    ),
    CaseAction(
        "withdraw",
        "申请人撤回",
        Status.WITHDRAWN,
        WithdrawForm,
        lambda r, u, f: actions.withdraw(r, actor=u, **_c(f)),
    ),
    CaseAction(
        "archive",
        "归档",
        Status.ARCHIVED,
        DateForm,
        lambda r, u, f: actions.archive(r, actor=u, on=_c(f)["on"]),
    ),
)
ACTIONS_BY_NAME: dict[str, CaseAction] = {a.name: a for a in CASE_ACTIONS}

CONFIRM_RECEIPT = CaseAction(
    "confirm",
    "确认收到申请",
    Status.REGISTERED,
    DateForm,
    lambda r, u, f: actions.confirm_receipt(r, actor=u, on=_c(f)["on"]),
    help="网上、传真、电子邮件和平常信函以双方确认之日为收到申请之日（第三十一条）。",
)


def available_actions(request_obj: Request) -> list[CaseAction]:
    """The actions the request's status allows; confirming receipt first while it is pending.

    Once a reply letter exists, 送达 is recorded on that letter (``letters.record_delivery``).
    """
    found = [a for a in CASE_ACTIONS if a.allowed_from(request_obj.status)]
    if request_obj.letters.filter(kind=LetterKind.REPLY).exists():
        found = [a for a in found if a.name != "deliver"]  # delivered through the reply letter
    if request_obj.received_on is None and not request_obj.is_concluded:
        found.insert(0, CONFIRM_RECEIPT)
    return found


def find_action(request_obj: Request, name: str) -> CaseAction | None:
    return next((a for a in available_actions(request_obj) if a.name == name), None)
