"""Letters of a request: fill a body's template, write the .docx, record it, record its delivery.

``generate_letter`` and ``record_delivery`` are the only ways a Letter comes into being or is marked
delivered; both check that the actor handles the request's body and append an Event. Delivering a
reply letter is the 送达 of the request itself, so it goes through ``actions.deliver``.
"""

from __future__ import annotations

import io
import string
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.bodies.models import Body, StaffMembership
from gongkai.requests.access import can_handle
from gongkai.requests.actions import cases as actions
from gongkai.requests.documents.letters_defaults import PLACEHOLDERS, default_text
from gongkai.requests.models import Event, EventKind, Request
from gongkai.requests.models.letters import DEFAULT_REMEDY, Letter, LetterKind, LetterSettings, LetterTemplate
from gongkai.requests.rules import deadlines
from gongkai.requests.rules.outcomes import LEGAL_BASIS, outcome_label
from gongkai.requests.rules.states import Status
from gongkai.workdays.rules.dates import date_refusal

BODY_FONT = "仿宋"
TITLE_FONT = "黑体"
_REPLY_STATUSES = frozenset(
    {Status.REPLIED, Status.DELIVERED, Status.ARCHIVED, Status.LAPSED_NO_CORRECTION, Status.LAPSED_UNPAID}
)


class LetterError(ValueError):
    """A letter that cannot be made yet (e.g. a correction notice before any 补正 was recorded)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# ------------------------------------------------------------------ templates


def template_for(body: Body, kind: str, outcome: str = "") -> tuple[str, str]:
    """(title, text) of the body's own copy, or the default wording."""
    own = LetterTemplate.objects.filter(body=body, kind=kind, outcome=outcome).first()
    if own is not None:
        return own.title, own.text
    return default_text(kind, outcome)


def settings_for(body: Body) -> LetterSettings:
    """The body's remedy settings (unsaved defaults when none were entered)."""
    return LetterSettings.objects.filter(body=body).first() or LetterSettings(body=body)


def unknown_placeholders(text: str) -> list[str]:
    """Placeholders in ``text`` that ``render_text`` does not know (or a Chinese error for bad braces)."""
    try:
        names = [field for _, field, _, _ in string.Formatter().parse(text) if field is not None]
    except ValueError:
        return ["花括号不成对（如需原样显示花括号，请写成 {{ 或 }}）"]
    return sorted({n for n in names if n not in PLACEHOLDERS and n not in ("review_organ", "court")})


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render_text(text: str, values: Mapping[str, str]) -> str:
    return string.Formatter().vformat(text, (), _Keep(values))


# ------------------------------------------------------------------ what a letter says


def available_kinds(request: Request) -> list[str]:
    """The letters the recorded events of this request allow, in the order they are needed."""
    kinds = [LetterKind.RECEIPT.value]
    recorded = set(request.events.values_list("kind", flat=True))
    if EventKind.CORRECTION_REQUESTED in recorded:
        kinds.append(LetterKind.CORRECTION.value)
    if EventKind.EXTENDED in recorded:
        kinds.append(LetterKind.EXTENSION.value)
    if EventKind.CONSULTATION_STARTED in recorded:
        kinds.append(LetterKind.CONSULTATION.value)
    if request.fee_notices.exists():
        kinds.append(LetterKind.FEE.value)
    if request.outcome and request.status in _REPLY_STATUSES:
        kinds.append(LetterKind.REPLY.value)
    return kinds


def values_for(request: Request, today: date | None = None) -> dict[str, str]:
    """Every placeholder's value for this request, from its events, items and fee notices."""
    today = today or timezone.localdate()
    body = request.body
    config = settings_for(body)
    items = list(request.items.all())
    d = deadlines.compute(request.received_on, actions.facts(request), actions.calendar())
    values = {key: "" for key in PLACEHOLDERS}
    values.update(
        applicant=request.submitted_name,
        number=request.number,
        received_on=cn_date(request.received_on) if request.received_on else "（待确认）",
        arrived_on=cn_date(request.arrived_on),
        subject=request.subject,
        items="\n".join(f"{i.position}. {i.description}" for i in items),
        due_on=cn_date(request.due_on) if request.due_on else "（待确定）",
        body=body.name,
        office_address=config.office_address or "（未填写）",
        office_phone=config.office_phone or "（未填写）",
        today=cn_date(today),
    )
    if request.outcome:
        values["basis"] = LEGAL_BASIS[request.outcome]
        values["outcome_reason"] = "\n".join(
            f"{i.position}. {i.description}：{outcome_label(i.outcome)}"
            + (f"。{i.reason}" if i.reason else "")
            for i in items
            if i.outcome
        )
    events = {e.kind: e for e in request.events.order_by("at", "pk")}  # the last of each kind
    if correction := events.get(EventKind.CORRECTION_REQUESTED):
        values["correction_items"] = correction.data.get("what", correction.note)
        values["correction_deadline"] = cn_date(date.fromisoformat(correction.data["deadline"]))
    if extension := events.get(EventKind.EXTENDED):
        values["extension_days"] = str(extension.data.get("days", ""))
        values["extension_reason"] = extension.note
    if consultation := events.get(EventKind.CONSULTATION_STARTED):
        values["third_party"] = consultation.data.get("third_party", "")
        due = d.consultation_due or actions.calendar().add_working_days(consultation.on, 15).due
        values["consultation_due"] = cn_date(due)
    if notice := request.fee_notices.order_by("-notice_on").first():
        values["fee_description"] = f"金额：{notice.amount}元。{notice.description}"
    return values


# The body's settings a letter may need, by placeholder: what the clerk is told is missing.
SETTING_LABELS = {
    "review_organ": "行政复议机关名称",
    "court": "人民法院名称",
    "office_address": "办公地址",
    "office_phone": "联系电话",
}


def _placeholders(text: str) -> set[str]:
    try:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field}
    except ValueError:
        return set()


def missing_settings(body: Body, kind: str, outcome: str = "") -> list[str]:
    """The body's letter settings this letter needs and nobody has filled in (in Chinese), in order."""
    config = settings_for(body)
    _title, template = template_for(body, kind, outcome)
    used = _placeholders(template)
    if kind == LetterKind.REPLY:
        used |= _placeholders(config.remedy_text or DEFAULT_REMEDY)
    return [
        label
        for key, label in SETTING_LABELS.items()
        if key in used and not str(getattr(config, key)).strip()
    ]


def missing_message(body: Body, title: str, missing: list[str]) -> str:
    """What the clerk is told: what is missing and who fills it in (the body's 管理员, by name)."""
    admins = sorted(
        StaffMembership.objects.filter(
            body=body, role=StaffMembership.Role.ADMIN, user__is_active=True
        ).values_list("user__username", flat=True)
    )
    who = f"本机关管理员（{'、'.join(admins)}）" if admins else "本机关管理员"
    return (
        f"{title}中的{'、'.join(missing)}尚未填写，文书中会留下占位符，不能制作。"
        f"请{who}在「文书模板 → 救济途径和联系方式设置」中填写后再制作。"
    )


def remedy_sentence(body: Body) -> str:
    config = settings_for(body)
    return render_text(
        config.remedy_text or DEFAULT_REMEDY,
        {"review_organ": config.review_organ or "（复议机关）", "court": config.court or "（人民法院）"},
    )


def compose(request: Request, kind: str, today: date | None = None) -> tuple[str, str]:
    """(title, text) of a letter of this kind for this request; reply letters end with the remedy."""
    outcome = request.outcome if kind == LetterKind.REPLY else ""
    title, template = template_for(request.body, kind, outcome)
    text = render_text(template, values_for(request, today))
    if kind == LetterKind.REPLY:
        text += "\n" + remedy_sentence(request.body)
    return title, text


# ------------------------------------------------------------------ the .docx


def docx_bytes(title: str, number: str, text: str, body_name: str, on: date) -> bytes:
    """An A4 letter: centred title, the number, 仿宋 body text, the body and date at the bottom right."""
    # python-docx (and lxml) are imported by the process that writes a letter, not by every process.
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)

    _paragraph(document, title, font=TITLE_FONT, size=22, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    _paragraph(document, number, align=WD_ALIGN_PARAGRAPH.CENTER)
    for i, line in enumerate(text.split("\n")):
        if line.strip():
            _paragraph(document, line, indent=i > 0)
    _paragraph(document, "")
    _paragraph(document, body_name, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(document, cn_date(on), align=WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _paragraph(
    document: Any,
    text: str,
    *,
    font: str = BODY_FONT,
    size: int = 16,
    align: int | None = None,
    bold: bool = False,
    indent: bool = False,
) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    p = document.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    run = p.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    run.font.name = font
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


# ------------------------------------------------------------------ actions


@transaction.atomic
def generate_letter(request: Request, *, actor: AuthUser, kind: str) -> Letter:
    """Make the letter of ``kind`` for the request as it stands now, store the .docx, note it."""
    request = Request.objects.select_for_update().select_related("body", "applicant").get(pk=request.pk)
    _require(actor, request.body)
    if kind not in available_kinds(request):
        raise LetterError(
            f"该申请目前不能制作“{LetterKind(kind).label}”" if kind in LetterKind else "未知的文书种类"
        )
    outcome = request.outcome if kind == LetterKind.REPLY else ""
    missing = missing_settings(request.body, kind, outcome)
    if missing:
        raise LetterError(
            missing_message(request.body, template_for(request.body, kind, outcome)[0], missing)
        )
    today = timezone.localdate()
    title, text = compose(request, kind, today)
    letter = Letter(request=request, kind=kind, outcome=outcome, title=title, text=text, created_by=actor)
    content = docx_bytes(title, request.number, text, request.body.name, today)
    letter.file.save(f"{request.year}-{request.seq}-{kind}.docx", ContentFile(content), save=False)
    letter.save()
    _note(request, actor, today, f"制作{title}", {"letter": letter.pk, "letter_kind": kind})
    return letter


@transaction.atomic
def record_delivery(letter: Letter, *, actor: AuthUser, on: date, method: str) -> Letter:
    """记录送达. For a reply letter this is the request's 送达 (``actions.deliver``)."""
    letter = Letter.objects.select_for_update().select_related("request__body").get(pk=letter.pk)
    _require(actor, letter.request.body)
    if letter.delivered_on is not None:
        raise LetterError(f"该文书已于{cn_date(letter.delivered_on)}送达")
    refusal = date_refusal(on, "送达日期", timezone.localdate())
    if refusal:
        raise LetterError(refusal)
    if on < letter.created_at.astimezone(timezone.get_current_timezone()).date():
        raise LetterError("送达日期不能早于文书制作日期")
    if letter.kind == LetterKind.REPLY:
        actions.deliver(letter.request, actor=actor, on=on, method=method)
    else:
        _note(letter.request, actor, on, f"{letter.title}已送达", {"letter": letter.pk, "method": method})
    letter.delivered_on, letter.delivery_method = on, method
    letter.save(update_fields=["delivered_on", "delivery_method"])
    return letter


def _require(actor: AuthUser, body: Body) -> None:
    if not can_handle(actor, body):
        raise PermissionDenied("您不是该机关的工作人员，不能制作或送达其文书")


def _note(request: Request, actor: AuthUser, on: date, note: str, data: dict[str, Any]) -> Event:
    return Event.objects.create(
        request=request,
        kind=EventKind.NOTE,
        on=on,
        actor=actor,
        actor_label=actor.get_username(),
        note=note,
        data=data,
    )


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
