"""The applicant's confirmation e-mail after an online application (when they gave an address).

It says the number, the day it was submitted, what the receipt date and the reply period depend on
(第三十一条) and where to follow the request. It never carries the tracking code: the code is shown
once on the page after submission and only its hash is stored (models/cases.py), so a mailbox read by
someone else cannot open the request.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from gongkai.requests.models import Request

log = logging.getLogger(__name__)


def receipt_mail(request: Request, track_url: str) -> tuple[str, str]:
    """Subject and text of the confirmation e-mail."""
    body = request.body.name
    subject = f"【申请已提交】{body}政府信息公开申请{request.number}"
    text = (
        f"您好：\n\n{body}已收到您通过网上提交的政府信息公开申请。\n\n"
        f"申请编号：{request.number}\n"
        f"提交日期：{request.arrived_on:%Y年%-m月%-d日}\n"
        f"所需信息：{request.subject}\n\n"
        f"依据《政府信息公开条例》第三十一条，通过互联网提交的申请，以{body}与您双方确认之日为收到申请之日，"
        "答复期限（20个工作日）自该日起计算。确认后，您可以在查询页面看到收到申请之日和答复期限。\n\n"
        f"查询办理进度：{track_url}\n"
        "请输入申请编号和提交申请时页面上显示的查询码。为保护您的信息，本邮件不含查询码；"
        f"查询码遗失的，请联系{body}。\n\n（本邮件由系统自动发送，请勿回复。）"
    )
    return subject, text


def mail_application_receipt(request: Request, track_url: str) -> str:
    """E-mail the confirmation once the registration commits; returns the address written to ("" if none)."""
    email = (request.applicant_contact or {}).get("email", "").strip()
    if not email:
        return ""
    subject, text = receipt_mail(request, track_url)

    def send() -> None:
        try:
            send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [email])
        except OSError:  # the applicant has the number and code on screen; mail is best effort
            log.exception("申请确认邮件发送失败：申请%s", request.number)

    transaction.on_commit(send)
    return email
