"""Statutory deadlines of a request, derived only from its recorded events (no Django).

The periods depend on the text of the 条例 in force on the receipt date (``regimes.regime_for``:
15 + at most 15 working days under the 2007 text, 20 + at most 20 since 2019-05-15). Under both the
reply period restarts from receipt of the corrected request after a 补正 and consultation time is
not counted. 109号 (fee: pay within 20 working days of receiving the notice).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from gongkai.requests.rules.regimes import Regime, regime_for
from gongkai.workdays.rules.calendar import WorkCalendar

FEE_PAYMENT_DAYS = 20  # 《政府信息公开信息处理费管理办法》


@dataclass(frozen=True)
class Fact:
    """One recorded event as the deadline rules need it."""

    kind: str
    on: date
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class Deadline:
    regime: Regime | None = None  # None until the receipt date is known
    reply_due: date | None = None
    provisional: bool = False
    paused_reason: str = ""  # non-empty while the reply clock stands still (补正, 征求意见)
    correction_notice_due: date | None = None
    correction_due: date | None = None
    consultation_due: date | None = None
    fee_payment_due: date | None = None
    excluded_days: int = 0
    extension_days: int = 0
    steps: list[str] = field(default_factory=list)

    def explain(self) -> str:
        return "；".join(self.steps) + "。" if self.steps else ""


def compute(
    received_on: date | None, events: Iterable[Fact], calendar: WorkCalendar, *, fee_pauses: bool = False
) -> Deadline:
    """The deadlines that follow from the receipt date and the events, with how they were counted."""
    facts = sorted(events, key=lambda f: f.on)
    d = Deadline()
    if received_on is None:
        d.paused_reason = (
            "尚未确认收到申请：网上、传真、电子邮件和平常信函以双方确认之日为收到申请之日（第三十一条）"
        )
        d.steps.append(d.paused_reason)
        return d
    regime = d.regime = regime_for(received_on)
    receipt = f"（{regime.receipt_basis}）" if regime.receipt_basis else ""
    d.steps.append(f"收到申请之日为{_cn(received_on)}{receipt}，{regime.label}")
    provisional = False
    if regime.correction_notice_days is not None:
        notice = calendar.add_working_days(received_on, regime.correction_notice_days)
        d.correction_notice_due = notice.due
        provisional = notice.provisional

    base = received_on
    pending_correction: Fact | None = None
    open_pause: tuple[str, Fact] | None = None
    for f in facts:
        if f.kind == "correction_requested":
            pending_correction = f
        elif f.kind == "correction_received":
            pending_correction = None
            base = f.on
            d.excluded_days = 0  # a fresh period: pauses before the restart no longer matter
            basis = f"（{regime.correction_basis}）" if regime.correction_basis else ""
            d.steps.append(f"申请人于{_cn(f.on)}提交补正材料，答复期限自该日重新起算{basis}")
        elif f.kind == "consultation_started" or (fee_pauses and f.kind == "fee_notified"):
            open_pause = (f.kind, f)
        elif open_pause and (
            (f.kind == "consultation_ended" and open_pause[0] == "consultation_started")
            or (f.kind in ("fee_paid", "fee_waived") and open_pause[0] == "fee_notified")
        ):
            start = open_pause[1]
            days = calendar.working_days_between(start.on, f.on)
            d.excluded_days += days
            what = "征求第三方意见" if open_pause[0] == "consultation_started" else "等待缴纳信息处理费"
            basis = f"（{regime.consultation_basis}）" if open_pause[0] == "consultation_started" else ""
            d.steps.append(f"{what}自{_cn(start.on)}至{_cn(f.on)}，{days}个工作日不计入答复期限{basis}")
            open_pause = None
        elif f.kind == "extended":
            days = int(f.data.get("days", 0))
            d.extension_days += days
            d.steps.append(
                f"经政府信息公开工作机构负责人同意延长答复期限{days}个工作日（{regime.reply_basis}）"
            )
        if f.kind == "fee_notified":
            received = _date(f.data.get("notice_received_on")) or f.on
            pay = calendar.add_working_days(received, FEE_PAYMENT_DAYS)
            d.fee_payment_due, provisional = pay.due, provisional or pay.provisional
        elif f.kind in ("fee_paid", "fee_waived", "fee_lapsed"):
            d.fee_payment_due = None

    if pending_correction is not None:
        d.correction_due = _date(pending_correction.data.get("deadline"))
        d.paused_reason = "等待申请人补正，答复期限自收到补正之日起重新计算"
        d.steps.append(d.paused_reason)
        d.provisional = provisional
        return d
    if open_pause is not None and open_pause[0] == "consultation_started":
        if regime.consultation_days is None:
            d.paused_reason = "征求第三方意见中，期间不计入答复期限"
        else:
            third = calendar.add_working_days(open_pause[1].on, regime.consultation_days)
            d.consultation_due = third.due
            provisional = provisional or third.provisional
            d.paused_reason = f"征求第三方意见中（第三方应于{_cn(third.due)}前答复），期间不计入答复期限"
        d.steps.append(d.paused_reason)
        d.provisional = provisional
        return d
    if open_pause is not None:
        d.paused_reason = "等待缴纳信息处理费，期间不计入答复期限"
        d.steps.append(d.paused_reason)
        d.provisional = provisional
        return d

    total = regime.reply_days + d.excluded_days + d.extension_days
    count = calendar.add_working_days(base, total)
    d.reply_due = count.due
    d.provisional = provisional or count.provisional
    parts = [f"{regime.reply_days}个工作日"]
    if d.excluded_days:
        parts.append(f"不计入的{d.excluded_days}个工作日")
    if d.extension_days:
        parts.append(f"延长的{d.extension_days}个工作日")
    d.steps.append(f"答复期限为{' + '.join(parts)}（{regime.reply_basis}）：{count.explain().rstrip('。')}")
    return d


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        return date.fromisoformat(value)
    return None


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
