"""Who may see a prepared file: only the person who asked for it (404 for anyone else, staff of the same
body and superusers included: a file holds what its owner could see when it was made). Public files
(no owner) are offered only by their own page, never here."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser
from django.db.models import QuerySet
from django.http import Http404

from gongkai.prepared.models import PreparedFile

User = AuthUser | AnonymousUser


def files_for_user(user: User) -> QuerySet[PreparedFile]:
    if not user.is_authenticated:
        return PreparedFile.objects.none()
    return PreparedFile.objects.filter(owner_id=user.pk)


def get_file_for_owner(user: User, pk: int) -> PreparedFile:
    try:
        return files_for_user(user).get(pk=pk)
    except PreparedFile.DoesNotExist:
        raise Http404("没有找到这个文件（可能已过期删除）") from None


def public_file(kind: str, params: dict, *, state: str) -> PreparedFile | None:
    """The newest public file (no owner) of ``kind`` for ``params`` in ``state``: what an app's public
    page offers (it decides itself who may see the thing the file shows)."""
    found = PreparedFile.objects.filter(owner=None, kind=kind, params=params, state=state)
    return found.order_by("-finished_at", "-pk").first()
