"""An upload held while its importer decides on a warning (the title names another body or year).

The browser cannot send a file again, so the bytes and the report already read wait in the storage,
under the importer's id and a random token, until they confirm (taken once) or cancel; what nobody
took is deleted after a day.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from gongkai.report_format import Report

FOLDER = "pending-imports"
KEPT_FOR = timedelta(days=1)
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class Held:
    data: bytes
    filename: str
    pasted: bool
    body_id: int
    year: int | None
    report: Report


def _path(user: User, token: str, part: str) -> str:
    return f"{FOLDER}/{user.pk}/{token}.{part}"


def hold(
    user: User,
    *,
    data: bytes,
    filename: str,
    pasted: bool,
    body_id: int,
    report: Report,
    year: int | None = None,
) -> str:
    """Keep an upload for ``user``; returns the token that takes it back."""
    _sweep(user)
    token = uuid.uuid4().hex
    meta = {"filename": filename, "pasted": pasted, "body": body_id, "year": year, "report": report.to_json()}
    default_storage.save(_path(user, token, "bin"), ContentFile(data))
    default_storage.save(
        _path(user, token, "json"), ContentFile(json.dumps(meta, ensure_ascii=False).encode())
    )
    return token


def take(user: User, token: str) -> Held | None:
    """The upload ``user`` held under ``token``, removed from the storage; None when there is none
    (another person's token, taken already, or swept)."""
    if not _TOKEN.match(token or ""):
        return None
    data_path, meta_path = _path(user, token, "bin"), _path(user, token, "json")
    if not (default_storage.exists(data_path) and default_storage.exists(meta_path)):
        return None
    with default_storage.open(data_path, "rb") as f:
        data = f.read()
    with default_storage.open(meta_path, "rb") as f:
        meta = json.loads(f.read())
    default_storage.delete(data_path)
    default_storage.delete(meta_path)
    report = Report.from_json(meta["report"])
    return Held(data, meta["filename"], meta["pasted"], meta["body"], meta.get("year"), report)


def _sweep(user: User) -> None:
    folder = f"{FOLDER}/{user.pk}"
    if not default_storage.exists(folder):
        return
    old = timezone.now() - KEPT_FOR
    for name in default_storage.listdir(folder)[1]:
        path = f"{folder}/{name}"
        if default_storage.get_modified_time(path) < old:
            default_storage.delete(path)
