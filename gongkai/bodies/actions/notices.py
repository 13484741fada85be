"""Tell people something: a notice in the app (the 待办 badge, the notices page) and, for a recipient with
an e-mail address, the same text by e-mail (Django's mail: the console backend unless SMTP is set).

``notify`` is what every app calls; ``mark_read`` and ``mark_all_read`` are the recipient's own acts.
A notice with a ``key`` is sent at most once to each recipient, so a job that runs every hour can call
``notify`` every time without repeating itself.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.contrib.auth.models import User as AuthUser
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from gongkai.bodies.models import Body, NoticeKind, Notification, StaffMembership
from gongkai.bodies.models.notices import TEXT_MAX

log = logging.getLogger(__name__)
User = AuthUser
Role = StaffMembership.Role


def staff_with_roles(body: Body | int, roles: Iterable[str]) -> list[User]:
    """The active members of ``body`` holding one of ``roles``, each once, in a stable order."""
    body_id = body if isinstance(body, int) else body.pk
    return list(
        User.objects.filter(memberships__body_id=body_id, memberships__role__in=list(roles), is_active=True)
        .distinct()
        .order_by("pk")
    )


def clerks_of(body: Body | int) -> list[User]:
    """The body's 经办人; a body without one has its 管理员 told instead, so nothing goes unheard."""
    return staff_with_roles(body, [Role.CLERK]) or staff_with_roles(body, [Role.ADMIN])


def notify(
    recipients: Iterable[User],
    *,
    kind: NoticeKind | str,
    text: str,
    link: str = "",
    body: Body | None = None,
    key: str = "",
    subject: str = "",
    mail: bool = True,
) -> list[Notification]:
    """One notice per recipient (none for a recipient who already has the ``key``); each new one is
    e-mailed after the transaction commits when the recipient has an address. Returns the new notices."""
    text = text.strip()[:TEXT_MAX]
    created: list[Notification] = []
    seen: set[int] = set()
    for user in recipients:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        if key and Notification.objects.filter(recipient=user, key=key).exists():
            continue
        try:
            with transaction.atomic():
                created.append(
                    Notification.objects.create(
                        recipient=user, body=body, kind=kind, text=text, link=link, key=key
                    )
                )
        except IntegrityError:  # the same key sent by another process at the same moment
            continue
    if mail:
        to = [(n.recipient.email, n) for n in created if n.recipient.email]
        if to:
            heading = subject or f"【{NoticeKind(kind).label}】{text.splitlines()[0][:60] if text else ''}"
            transaction.on_commit(lambda: _mail(heading, to))
    return created


def mail_text(text: str, link: str) -> str:
    """The body of a notice's e-mail: its text and where to act on it."""
    base = getattr(settings, "GONGKAI_SITE_URL", "").rstrip("/")
    where = f"{base}{link}" if base and link else (link or "")
    tail = f"\n\n请登录政务公开工作平台处理：{where}" if where else "\n\n请登录政务公开工作平台查看。"
    return f"{text}{tail}\n（本邮件由系统自动发送，请勿回复。）"


def _mail(subject: str, to: Sequence[tuple[str, Notification]]) -> None:
    for email, notice in to:
        try:
            send_mail(subject, mail_text(notice.text, notice.link), settings.DEFAULT_FROM_EMAIL, [email])
        except OSError:  # the notice in the app stands; mail is best effort
            log.exception("通知邮件发送失败：%s", email)


def mark_read(user: User, pk: int) -> Notification:
    """The user reads one of their own notices (the first reading time is kept); 404 for anyone else's."""
    try:
        notice = Notification.objects.get(pk=pk, recipient_id=user.pk)
    except Notification.DoesNotExist:
        raise Http404("没有找到这条通知") from None
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


def mark_all_read(user: User) -> int:
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )
