"""Every change to a request goes through one function here.

Each runs in ``transaction.atomic``, checks the actor's right to act for the body, refuses a
transition the 条例 does not allow (TransitionError, in Chinese), appends an Event (who, when,
legal date, from → to, why), and refreshes the cached deadline from the events.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from gongkai.bodies.actions.notices import clerks_of, notify, staff_with_roles
from gongkai.bodies.models import Body, NoticeKind
from gongkai.requests.access import HANDLING_ROLES, can_handle
from gongkai.requests.models import (
    CONFIRMED_CHANNELS,
    Applicant,
    Channel,
    Event,
    EventKind,
    FeeNotice,
    Request,
    RequestCounter,
    RequestItem,
)
from gongkai.requests.rules import deadlines, fees
from gongkai.requests.rules.identity import mask_name
from gongkai.requests.rules.limits import ITEM_MAX, ITEMS_MAX, PURPOSE_MAX, SUBJECT_MAX, WAIVER_REASON_MAX
from gongkai.requests.rules.outcomes import OUTCOME_KEYS, request_outcome
from gongkai.requests.rules.regimes import regime_for
from gongkai.requests.rules.states import Status, TransitionError, check_transition
from gongkai.web.limits import DESCRIPTION_MAX, NOTE_MAX, length_refusal
from gongkai.workdays.rules.dates import date_refusal

User = AuthUser
_TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone


class RequestError(ValueError):
    """A request the rules refuse (bad date, second 补正 notice, extension too long …)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Registered:
    request: Request
    tracking_code: str  # shown once to the applicant; only its hash is stored


def calendar():
    """The working-day calendar in force (administrator entries included when the app provides them)."""
    try:
        from gongkai.workdays.queries.calendar import current_calendar
    except ImportError:  # the calendar app is optional for the pure tests
        from gongkai.workdays.rules.calendar import WorkCalendar

        return WorkCalendar()
    return current_calendar()


# ------------------------------------------------------------------ registration

NATURAL_PERSON = "natural_person"
CONTACT_FIELDS = ("contact_person", "phone", "email", "address", "postcode")


@dataclass(frozen=True)
class ApplicantDetails:
    """Who applies, as an application form states it."""

    kind: str
    name: str
    id_type: str = ""
    id_number: str = ""
    credit_code: str = ""
    contact: dict[str, str] | None = None


def match_or_create_applicant(body: Body, details: ApplicantDetails) -> tuple[Applicant, list[str]]:
    """The body's applicant with the same ID number (a person) or credit code (an organisation),
    its contact details refreshed from the new form — or a new applicant. Also returns the names of
    the contact fields that changed, for the registration's record."""
    person = details.kind == NATURAL_PERSON
    key = {"id_number": details.id_number} if person else {"credit_code": details.credit_code}
    contact = {f: (details.contact or {}).get(f, "") for f in CONTACT_FIELDS}
    applicant = Applicant.objects.select_for_update().filter(body=body, **key).order_by("pk").first()
    if applicant is None:
        applicant = Applicant.objects.create(
            body=body,
            kind=details.kind,
            name=details.name,
            id_type=details.id_type if person else "credit_code",
            **key,
            **contact,
        )
        return applicant, []
    if details.name.strip() != applicant.name.strip():
        # Another name on the same ID number or credit code: the record is not rewritten from this form
        # (the request keeps what was submitted, and the staff are warned of the mismatch).
        return applicant, []
    changed = {f: v for f, v in contact.items() if v and getattr(applicant, f) != v}
    if changed:
        for name, value in changed.items():
            setattr(applicant, name, value)
        applicant.save(update_fields=list(changed))
    return applicant, sorted(changed)


@transaction.atomic
def register_application(
    *, actor: User | None, body: Body, details: ApplicantDetails, **request_fields: Any
) -> Registered:
    """Record (or reuse) the applicant and register the request, together or not at all."""
    applicant, updated = match_or_create_applicant(body, details)
    return register_request(
        actor=actor,
        body=body,
        applicant=applicant,
        applicant_updated=updated,
        as_submitted=details,
        **request_fields,
    )


@transaction.atomic
def register_request(
    *,
    actor: User | None,
    body: Body,
    applicant: Applicant,
    channel: str,
    arrived_on: date,
    subject: str,
    items: Sequence[str] = (),
    description: str = "",
    purpose: str = "",
    form: str = "",
    delivery: str = "",
    received_on: date | None = None,
    applicant_updated: Sequence[str] = (),
    as_submitted: ApplicantDetails | None = None,
) -> Registered:
    """登记: number the request and start its clock on the legal receipt date (第三十一条).

    In person and signed post: the receipt date is the arrival date. Online, fax, e-mail and
    ordinary letters: the date both sides confirm — ``received_on`` when already confirmed,
    else left open until ``confirm_receipt``.
    """
    if actor is not None:
        _require(actor, body)
    if applicant.body_id != body.pk:
        raise RequestError("申请人不属于该受理机关")
    if not subject.strip():
        raise RequestError("请填写所需政府信息的名称或内容描述")
    refusal = texts_refusal(
        (
            ("所需政府信息的名称", subject.strip(), SUBJECT_MAX),
            ("文号或其他特征描述", description, DESCRIPTION_MAX),
            ("用途", purpose, PURPOSE_MAX),
        )
    ) or items_refusal([s for s in items if s.strip()])
    if refusal:
        raise RequestError(refusal)
    _check_date(arrived_on, "收件日期")
    if channel not in CONFIRMED_CHANNELS:
        received_on = arrived_on
    elif received_on is not None:
        _check_date(received_on, "确认收到申请之日")
        if received_on < arrived_on:
            raise RequestError("确认收到申请的日期不能早于收件日期")
    # Receiving an application is the applicant's act, not an edit of a closed year: never refused;
    # dated in a published year, it is recorded there as a 更正 that the supervisors are told of.
    _record_in_published_year(
        actor,
        body,
        received_on or arrived_on,
        what="登记依申请公开申请",
        fact=f"申请人的申请（{_channel_label(channel)}，收件日期{arrived_on:%Y-%m-%d}）在该年度报告发布后登记",
    )
    year = (received_on or arrived_on).year
    counter, _ = RequestCounter.objects.select_for_update().get_or_create(body=body, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    request = Request(
        body=body,
        year=year,
        seq=counter.last,
        applicant=applicant,
        applicant_kind=applicant.kind,
        channel=channel,
        arrived_on=arrived_on,
        received_on=received_on,
        applicant_name=(as_submitted.name if as_submitted is not None else applicant.name).strip(),
        applicant_contact=_contact_as_submitted(applicant, as_submitted),
        subject=subject.strip(),
        description=description,
        purpose=purpose,
        form=form,
        delivery=delivery,
        created_by=actor,
    )
    code = "".join(secrets.choice(_TRACKING_ALPHABET) for _ in range(8))
    request.set_tracking_code(code)
    request.save()
    for position, text in enumerate([s for s in items if s.strip()] or [subject], start=1):
        RequestItem.objects.create(request=request, position=position, description=text.strip())
    registered: dict[str, Any] = {"channel": channel}
    if applicant_updated:
        registered["applicant_updated"] = list(applicant_updated)  # field names only, never the values
    if request.name_mismatch:
        registered["name_mismatch"] = True  # the names themselves are on the request and the record
    _event(request, actor, EventKind.REGISTERED, arrived_on, "", Status.REGISTERED, data=registered)
    if received_on is not None and channel in CONFIRMED_CHANNELS:
        _event(request, actor, EventKind.RECEIPT_CONFIRMED, received_on, "", "")
    if request.name_mismatch:
        _warn_name_mismatch(request)
    if actor is None:  # the applicant applied online; staff who register a request know of it
        _tell_clerks_of_application(request)
    _refresh(request)
    return Registered(request, code)


def texts_refusal(texts: Sequence[tuple[str, str, int]]) -> str | None:
    """The first of (label, text, limit) over its limit, as the message that refuses it."""
    return next((r for label, text, limit in texts if (r := length_refusal(label, text, limit))), None)


def items_refusal(items: Sequence[str]) -> str | None:
    """A list of items asked for: at most ITEMS_MAX lines of ITEM_MAX characters each."""
    if len(items) > ITEMS_MAX:
        return f"所需信息清单最多{ITEMS_MAX}项，现在有{len(items)}项；更多的信息请分次申请。"
    return texts_refusal([(f"所需信息清单第{i}项", t.strip(), ITEM_MAX) for i, t in enumerate(items, 1)])


def _contact_as_submitted(applicant: Applicant, details: ApplicantDetails | None) -> dict[str, str]:
    if details is None:
        return {f: getattr(applicant, f) for f in CONTACT_FIELDS if getattr(applicant, f)}
    return {f: v for f, v in (details.contact or {}).items() if f in CONTACT_FIELDS and v}


def case_link(request: Request) -> str:
    """The staff page of the case (a path: e-mails prefix the site's address)."""
    return reverse("requests:detail", args=[request.pk])


def _warn_name_mismatch(request: Request) -> None:
    """Every active handling member of the body gets a notice."""
    person = request.applicant.kind == NATURAL_PERSON
    id_label = "证件号码" if person else "统一社会信用代码"
    shown = mask_name if person else str.strip
    message = (
        f"申请{request.number}：申请书上的姓名或名称“{shown(request.applicant_name)}”与该{id_label}"
        f"已登记的申请人“{shown(request.applicant.name)}”不一致。申请已按申请书所填登记，"
        "请核对申请人身份。"
    )
    notify(
        staff_with_roles(request.body_id, HANDLING_ROLES),
        kind=NoticeKind.APPLICANT_MISMATCH,
        text=message,
        link=case_link(request),
        body=request.body,
        key=f"request:{request.pk}:applicant_mismatch",
    )


def _tell_clerks_of_application(request: Request) -> None:
    """A new online application: every 经办人 of the body is told, to confirm its receipt (第三十一条)."""
    notify(
        clerks_of(request.body_id),
        kind=NoticeKind.NEW_APPLICATION,
        text=(
            f"{request.body.name}收到新的网上申请{request.number}（{request.arrived_on:%Y年%-m月%-d日}提交）：\n"
            f"所需信息：{request.subject[:200]}\n请核对后确认收到申请，答复期限自确认之日起计算。"
        ),
        link=case_link(request),
        body=request.body,
        key=f"request:{request.pk}:new_application",
    )


@transaction.atomic
def confirm_receipt(request: Request, *, actor: User, on: date) -> Request:
    """Both sides confirmed the request (online, fax, e-mail, ordinary letter): the clock starts."""
    request = _lock(request, actor)
    if request.received_on is not None:
        raise RequestError(f"已于{request.received_on}确认收到该申请")
    if on < request.arrived_on:
        raise RequestError("确认日期不能早于收件日期")
    _check_date(on, "确认收到申请之日")
    _record_in_published_year(
        actor,
        request.body,
        on,
        what=f"依申请公开{request.number}：确认收到申请",
        fact=f"确认收到申请{request.number}（申请人的申请）在该年度报告发布后登记",
    )
    request.received_on = on
    request.save(update_fields=["received_on", "updated_at"])
    _event(request, actor, EventKind.RECEIPT_CONFIRMED, on, "", "")
    return _refresh(request)


# ------------------------------------------------------------------ handling


@transaction.atomic
def start_review(request: Request, *, actor: User, on: date | None = None) -> Request:
    return _move(request, actor, Status.REVIEWING, EventKind.REVIEW_STARTED, on)


@transaction.atomic
def request_correction(request: Request, *, actor: User, on: date, what: str, deadline: date) -> Request:
    """补正告知 (第三十条): once only, covering everything, with a reasonable deadline."""
    request = _lock(request, actor)
    if request.events.filter(kind=EventKind.CORRECTION_REQUESTED).exists():
        raise RequestError("补正告知只能一次性发出（第三十条），该申请已发出过补正告知")
    if not what.strip():
        raise RequestError("请写明需要补正的事项")
    _check_date(on, "补正告知日期")
    _check_date(deadline, "补正期限", future=True)
    if deadline <= on:
        raise RequestError("补正期限应晚于告知日期")
    _require_received(request)
    regime = regime_for(request.received_on)
    late = deadlines.compute(request.received_on, [], calendar()).correction_notice_due
    data = {"what": what, "deadline": deadline.isoformat()}
    if late and on > late:
        data["late_notice"] = (
            f"补正告知应于{late}前发出（收到申请之日起{regime.correction_notice_days}个工作日内，"
            f"{regime.correction_basis}），已逾期"
        )
    return _move(
        request,
        actor,
        Status.CORRECTING,
        EventKind.CORRECTION_REQUESTED,
        on,
        note=what,
        data=data,
        locked=True,
    )


@transaction.atomic
def receive_correction(request: Request, *, actor: User, on: date, note: str = "") -> Request:
    """收到补正: the 20 working days start again from this day."""
    return _move(request, actor, Status.PROCESSING, EventKind.CORRECTION_RECEIVED, on, note=note)


@transaction.atomic
def lapse_correction(request: Request, *, actor: User, on: date) -> Request:
    """申请人无正当理由逾期不补正: deemed abandoned; table 3 row (六)1."""
    request = _lock(request, actor)
    due = (
        request.events.filter(kind=EventKind.CORRECTION_REQUESTED).values_list("data", flat=True).first()
        or {}
    )
    deadline = due.get("deadline")
    if deadline and on <= date.fromisoformat(deadline):
        raise RequestError(f"补正期限至{deadline}，期限届满前不能按逾期不补正处理")
    return _conclude(
        request, actor, Status.LAPSED_NO_CORRECTION, EventKind.CORRECTION_LAPSED, on, "other_no_correction"
    )


@transaction.atomic
def start_processing(request: Request, *, actor: User, on: date | None = None) -> Request:
    return _move(request, actor, Status.PROCESSING, EventKind.PROCESSING_STARTED, on)


@transaction.atomic
def start_consultation(
    request: Request, *, actor: User, on: date, third_party: str, note: str = ""
) -> Request:
    """征求第三方意见 (第三十二条): the time it takes is not counted in the reply period."""
    if not third_party.strip():
        raise RequestError("请填写被征求意见的第三方")
    return _move(
        request,
        actor,
        Status.CONSULTING,
        EventKind.CONSULTATION_STARTED,
        on,
        note=note,
        data={"third_party": third_party},
    )


@transaction.atomic
def end_consultation(request: Request, *, actor: User, on: date, opinion: str) -> Request:
    """The third party answered (or its 15 working days ran out): the reply clock runs again."""
    request = _lock(request, actor)
    extended = request.events.filter(kind=EventKind.EXTENDED).exists()
    target = Status.EXTENDED if extended else Status.PROCESSING
    return _move(request, actor, target, EventKind.CONSULTATION_ENDED, on, note=opinion, locked=True)


@transaction.atomic
def extend(request: Request, *, actor: User, on: date, days: int, reason: str, approved_by: str) -> Request:
    """延期答复: approved by the head of the disclosure office, at most 20 working days in all."""
    request = _lock(request, actor)
    used = sum(
        int(e.get("days", 0))
        for e in request.events.filter(kind=EventKind.EXTENDED).values_list("data", flat=True)
    )
    if days <= 0:
        raise RequestError("延长的工作日数应大于0")
    regime = regime_for(request.received_on)
    if used + days > regime.max_extension_days:
        raise RequestError(
            f"延长答复期限最长不得超过{regime.max_extension_days}个工作日"
            f"（{regime.label}，{regime.reply_basis}），已延长{used}个工作日"
        )
    if not approved_by.strip():
        raise RequestError("延期须经政府信息公开工作机构负责人同意，请填写批准人")
    if not reason.strip():
        raise RequestError("请填写延期理由")
    if request.due_on and on > request.due_on:
        raise RequestError(f"答复期限已于{request.due_on}届满，不能再延期")
    data = {"days": days, "approved_by": approved_by}
    return _move(request, actor, Status.EXTENDED, EventKind.EXTENDED, on, note=reason, data=data, locked=True)


@transaction.atomic
def notify_fee(
    request: Request,
    *,
    actor: User,
    on: date,
    method: str,
    quantity: int,
    notice_received_on: date | None = None,
    waiver_reason: str = "",
) -> FeeNotice:
    """收费通知: within the processing period, one method per request, 按件 counted per natural month."""
    request = _lock(request, actor)
    _check_date(on, "收费通知日期")
    if notice_received_on is not None:
        _check_date(notice_received_on, "申请人收到通知日期")
    if request.fee_notices.exists():
        raise RequestError("同一申请只能选择一种计收方式并发出一次收费通知")
    refusal = length_refusal("减免理由", waiver_reason.strip(), WAIVER_REASON_MAX)
    if refusal:
        raise RequestError(refusal)
    if method == "per_piece":
        _require_received(request)
        received = request.received_on
        assert received is not None  # _require_received
        month = Request.objects.filter(
            body=request.body, applicant=request.applicant, received_on__gte=received.replace(day=1)
        )
        before = month.filter(
            Q(received_on__lt=received) | Q(received_on=received, seq__lt=request.seq)
        ).count()
        quote = fees.per_piece_fee(before, quantity)
    elif method == "per_volume":
        quote = fees.per_volume_fee(quantity)
    else:
        raise RequestError(f"未知的计收方式：{method}")
    if waiver_reason.strip():
        quote = fees.apply_waiver(quote, waiver_reason)
    if quote.amount == 0 and not quote.waived:
        raise RequestError(f"未超过免费范围，不应收费：{quote.describe()}")
    notice = FeeNotice.objects.create(
        request=request,
        method=method,
        quantity=quantity,
        amount=quote.amount,
        description=quote.describe(),
        notice_on=on,
        notice_received_on=notice_received_on,
        waiver_reason=quote.waiver_reason,
    )
    data = {"amount": quote.amount, "method": method}
    if notice_received_on:
        data["notice_received_on"] = notice_received_on.isoformat()
    if quote.waived:
        _event(request, actor, EventKind.NOTE, on, "", "", note=quote.describe(), data=data)
        return notice
    _move(
        request,
        actor,
        Status.AWAITING_FEE,
        EventKind.FEE_NOTIFIED,
        on,
        note=quote.describe(),
        data=data,
        locked=True,
    )
    return notice


@transaction.atomic
def record_payment(request: Request, *, actor: User, on: date) -> Request:
    request = _lock(request, actor)
    notice = request.fee_notices.filter(paid_on__isnull=True, lapsed_on__isnull=True).first()
    if notice is None:
        raise RequestError("该申请没有待缴的信息处理费")
    notice.paid_on = on
    notice.save(update_fields=["paid_on"])
    extended = request.events.filter(kind=EventKind.EXTENDED).exists()
    target = Status.EXTENDED if extended else Status.PROCESSING
    return _move(request, actor, target, EventKind.FEE_PAID, on, data={"amount": notice.amount}, locked=True)


@transaction.atomic
def lapse_fee(request: Request, *, actor: User, on: date) -> Request:
    """申请人逾期未缴费: deemed abandoned; table 3 row (六)2."""
    request = _lock(request, actor)
    notice = request.fee_notices.filter(paid_on__isnull=True, lapsed_on__isnull=True).first()
    if notice is None:
        raise RequestError("该申请没有待缴的信息处理费")
    received = notice.notice_received_on or notice.notice_on
    due = fees.payment_due(received, calendar())
    if on <= due:
        raise RequestError(f"缴费期限至{due}（收到收费通知次日起20个工作日），期限届满前不能按逾期未缴费处理")
    notice.lapsed_on = on
    notice.save(update_fields=["lapsed_on"])
    return _conclude(
        request, actor, Status.LAPSED_UNPAID, EventKind.FEE_LAPSED, on, "other_unpaid_fee", locked=True
    )


@transaction.atomic
def reply(
    request: Request,
    *,
    actor: User,
    on: date,
    outcomes: dict[int, str] | str,
    reasons: dict[int, str] | None = None,
    note: str = "",
) -> Request:
    """作出答复: one outcome for the whole request, or one per item (counted once, rule R1)."""
    request = _lock(request, actor)
    _require_received(request)
    items = list(request.items.all())
    per_item = {i.pk: outcomes for i in items} if isinstance(outcomes, str) else dict(outcomes)
    if set(per_item) != {i.pk for i in items}:
        raise RequestError("请为每一项申请内容选择办理结果")
    bad = {o for o in per_item.values() if o not in OUTCOME_KEYS}
    if bad:
        raise RequestError(f"未知的办理结果：{'、'.join(sorted(bad))}")
    refusal = texts_refusal(
        [(f"第{i.position}项的理由或说明", (reasons or {}).get(i.pk, ""), NOTE_MAX) for i in items]
    )
    if refusal:
        raise RequestError(refusal)
    for item in items:
        item.outcome = per_item[item.pk]
        item.reason = (reasons or {}).get(item.pk, "")
        item.save(update_fields=["outcome", "reason"])
    outcome = request_outcome(per_item[i.pk] for i in items)
    data: dict[str, Any] = {"items": {str(k): v for k, v in per_item.items()}}
    if request.due_on and on > request.due_on:
        data["late"] = f"答复日期晚于答复期限{request.due_on}"
    return _conclude(
        request, actor, Status.REPLIED, EventKind.REPLIED, on, outcome, note=note, data=data, locked=True
    )


@transaction.atomic
def deliver(request: Request, *, actor: User, on: date, method: str) -> Request:
    """送达: how and when the reply reached the applicant."""
    request = _lock(request, actor)
    if request.concluded_on and on < request.concluded_on:
        raise RequestError("送达日期不能早于答复日期")
    return _move(
        request, actor, Status.DELIVERED, EventKind.DELIVERED, on, data={"method": method}, locked=True
    )


@transaction.atomic
def archive(request: Request, *, actor: User, on: date | None = None) -> Request:
    return _move(request, actor, Status.ARCHIVED, EventKind.ARCHIVED, on)


@transaction.atomic
def withdraw(request: Request, *, actor: User | None, on: date, reason: str = "") -> Request:
    """申请人撤回: counted under (六)3 其他 (ogi-rules R8)."""
    request = _lock(request, actor)
    return _conclude(
        request, actor, Status.WITHDRAWN, EventKind.WITHDRAWN, on, "other_other", note=reason, locked=True
    )


@transaction.atomic
def refresh_deadline(request: Request, *, reason: str = "") -> Request:
    """Recompute the cached deadline (e.g. after the calendar changed) and record a change."""
    request = Request.objects.select_for_update().get(pk=request.pk)
    before = (request.due_on, request.due_provisional)
    _refresh(request)
    if before != (request.due_on, request.due_provisional):
        _event(
            request,
            None,
            EventKind.DEADLINE_RECOMPUTED,
            _today(),
            "",
            "",
            note=reason or "工作日历变更，期限重新计算",
            data={
                "before": str(before[0]),
                "after": str(request.due_on),
                "provisional": request.due_provisional,
            },
            actor_label="系统",
        )
    return request


def recompute_after_calendar_change(actor: User | None, years: tuple[int, ...]) -> None:
    """Registered with the workdays app: a changed calendar moves open requests' deadlines."""
    recompute_open_requests(reason=f"工作日历变更（{'、'.join(str(y) for y in years)}年），期限重新计算")


def recompute_open_requests(reason: str = "") -> int:
    """After a calendar change: every open request's deadline again; returns how many moved."""
    moved = 0
    for pk in Request.objects.exclude(status__in=[s.value for s in _CLOSED]).values_list("pk", flat=True):
        r = Request.objects.get(pk=pk)
        before = r.due_on
        if refresh_deadline(r, reason=reason).due_on != before:
            moved += 1
    return moved


# ------------------------------------------------------------------ helpers

_CLOSED = (
    Status.REPLIED,
    Status.DELIVERED,
    Status.ARCHIVED,
    Status.WITHDRAWN,
    Status.LAPSED_NO_CORRECTION,
    Status.LAPSED_UNPAID,
)


def facts(request: Request) -> list[deadlines.Fact]:
    return [
        deadlines.Fact(kind, on, data or {})
        for kind, on, data in request.events.values_list("kind", "on", "data")
    ]


def _refresh(request: Request) -> Request:
    d = deadlines.compute(
        request.received_on,
        facts(request),
        calendar(),
        fee_pauses=getattr(settings, "GONGKAI_FEE_PAUSES_CLOCK", False),
    )
    request.due_on = d.reply_due
    request.due_provisional = d.provisional
    request.due_explanation = d.explain()
    request.save(update_fields=["due_on", "due_provisional", "due_explanation", "updated_at"])
    return request


def _guard_published_year(actor: User | None, body: Body, on: date) -> None:
    """A step dated in a year whose annual report is published would change that report: refused
    (YearLocked, in Chinese, saying how to make a 更正) unless the member of staff gives a 更正理由
    (``lock.allowing`` around the action); then recorded as a 更正 of the published report."""
    from gongkai.report_workspace.actions.lock import guard_change

    guard_change(actor=actor, body=body, on=on, staff_may_correct=True)


def _record_in_published_year(actor: User | None, body: Body, on: date, *, what: str, fact: str) -> None:
    """The applicant's own act (an application received) dated in a published year: recorded as a 更正."""
    from gongkai.report_workspace.actions.lock import guard_change

    guard_change(actor=actor, body=body, on=on, what=what, fact=fact)


def _channel_label(channel: str) -> str:
    return str(dict(Channel.choices).get(channel, channel))


def _require(actor: User, body: Body) -> None:
    if not can_handle(actor, body):
        raise PermissionDenied("您不是该机关的工作人员，不能办理其政府信息公开申请")


def _require_received(request: Request) -> None:
    if request.received_on is None:
        raise RequestError("尚未确认收到该申请（第三十一条），请先确认收到申请之日")


def _lock(request: Request, actor: User | None) -> Request:
    locked = Request.objects.select_for_update().get(pk=request.pk)
    if actor is not None:
        _require(actor, locked.body)
    return locked


def _today() -> date:
    from django.utils import timezone

    return timezone.localdate()


def _check_date(on: date, label: str = "日期", *, future: bool = False) -> None:
    """Refuse a date disclosure work cannot have (before the 条例, or in the future unless ``future``)."""
    refusal = date_refusal(on, label, _today(), future=future)
    if refusal:
        raise RequestError(refusal)


def _move(
    request: Request,
    actor: User | None,
    target: Status,
    kind: EventKind,
    on: date | None,
    *,
    note: str = "",
    data: dict[str, Any] | None = None,
    locked: bool = False,
) -> Request:
    if not locked:
        request = _lock(request, actor)
    refusal = length_refusal("说明", note, NOTE_MAX)
    if refusal:
        raise RequestError(refusal)
    on = on or _today()
    _check_date(on, f"{kind.label}日期")
    _guard_published_year(actor, request.body, on)
    check_transition(request.status, target)
    last = request.events.order_by("-on").values_list("on", flat=True).first()
    if last and on < last and kind not in (EventKind.ARCHIVED,):
        raise RequestError(f"日期 {on} 早于上一办理环节的日期 {last}，请核对")
    before = request.status
    request.status = target
    request.save(update_fields=["status", "updated_at"])
    _event(request, actor, kind, on, before, target, note=note, data=data)
    return _refresh(request)


def _conclude(
    request: Request,
    actor: User | None,
    target: Status,
    kind: EventKind,
    on: date,
    outcome: str,
    *,
    note: str = "",
    data: dict[str, Any] | None = None,
    locked: bool = False,
) -> Request:
    if not locked:
        request = _lock(request, actor)
    check_transition(request.status, target)
    request.outcome = outcome
    request.concluded_on = on
    request.save(update_fields=["outcome", "concluded_on", "updated_at"])
    return _move(request, actor, target, kind, on, note=note, data=data, locked=True)


def _event(
    request: Request,
    actor: User | None,
    kind: EventKind,
    on: date,
    before: str,
    after: str,
    *,
    note: str = "",
    data: dict[str, Any] | None = None,
    actor_label: str = "",
) -> Event:
    label = actor_label or (actor.get_username() if actor is not None else "申请人")
    return Event.objects.create(
        request=request,
        kind=kind,
        on=on,
        actor=actor,
        actor_label=label,
        from_status=before,
        to_status=after,
        note=note,
        data=data or {},
    )


__all__ = [
    "Registered",
    "RequestError",
    "TransitionError",
    "archive",
    "confirm_receipt",
    "deliver",
    "end_consultation",
    "extend",
    "lapse_correction",
    "lapse_fee",
    "notify_fee",
    "receive_correction",
    "recompute_open_requests",
    "record_payment",
    "refresh_deadline",
    "register_request",
    "reply",
    "request_correction",
    "start_consultation",
    "start_processing",
    "start_review",
    "withdraw",
]
