"""Many report files at once: check an upload (files or a zip) and queue its files.

``create_batch`` checks sizes and zip entries and stores every file to import; the queued files are
imported by the queue's workers (``tasks.batches``).
"""

from __future__ import annotations

import contextlib
import io
import uuid
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, QuerySet

from gongkai.bodies.access import User, area_ids
from gongkai.bodies.models import Body
from gongkai.report_format.read import SUPPORTED_SUFFIXES
from gongkai.report_imports.models.batches import ImportBatch, ImportBatchFile

MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 2000
_CHUNK = 1024 * 1024
_ZIP_UTF8_FLAG = 0x800


class BatchError(Exception):
    """The upload as a whole is refused; ``message`` says why, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Entry:
    name: str
    data: bytes | None  # None when skipped
    reason: str = ""  # why it is skipped


# ---------------------------------------------------------------- who may import for which body


def allowed_bodies(user: User) -> QuerySet[Body]:
    """The user's bodies and, for a supervising body, every body below it."""
    return Body.objects.filter(pk__in=area_ids(user)).order_by("name")


def batches_for_user(user: User) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.filter(
        body__in=allowed_bodies(user), kind=ImportBatch.Kind.BATCH
    ).select_related("body", "created_by")


# ---------------------------------------------------------------- checking an upload


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def _per_file_limit() -> int:
    return int(settings.GONGKAI_MAX_UPLOAD_BYTES)


def _too_big(name: str, size: int) -> str:
    return f"文件过大（{_mb(size)}），单个文件上限为 {settings.GONGKAI_MAX_UPLOAD_MB} MB"


def _unsupported(name: str) -> str | None:
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in SUPPORTED_SUFFIXES:
        return None
    if not suffix:
        return "没有扩展名，无法判断文件类型"
    return f"不支持的文件类型“{suffix}”"


def _zip_name(info: zipfile.ZipInfo) -> str:
    """The entry's name; zips made on Chinese Windows store GBK names without the UTF-8 flag."""
    name = info.filename
    if not info.flag_bits & _ZIP_UTF8_FLAG:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("gb18030")
    return name.replace("\\", "/")


def _unsafe(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return name.startswith("/") or ".." in parts or (bool(parts) and parts[0].endswith(":"))


def _ignored(name: str) -> bool:
    """Folders and the files archivers add by themselves: not worth listing."""
    parts = PurePosixPath(name).parts
    return not parts or name.endswith("/") or parts[0] == "__MACOSX" or parts[-1].startswith((".", "~$"))


def _read_capped(stream, limit: int) -> bytes | None:
    """At most ``limit`` bytes of the stream, or None when there are more (never trust a zip header)."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(min(_CHUNK, limit + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return None
    return b"".join(chunks)


class _Budget:
    def __init__(self) -> None:
        self.entries = 0
        self.bytes = 0

    def add(self, size: int) -> None:
        self.entries += 1
        self.bytes += size
        if self.entries > MAX_ENTRIES:
            raise BatchError(f"文件太多：一次最多导入 {MAX_ENTRIES} 个文件。")
        if self.bytes > MAX_TOTAL_BYTES:
            raise BatchError(f"文件总大小超过上限 {MAX_TOTAL_BYTES // 1024 // 1024} MB，请分几次上传。")


def _zip_entries(upload_name: str, data: bytes, budget: _Budget) -> Iterator[Entry]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise BatchError(f"{upload_name}：不是有效的 zip 压缩包。") from None
    # Refuse the whole archive before reading anything from it.
    if len(infos) > MAX_ENTRIES:
        raise BatchError(f"{upload_name}：压缩包内文件太多（{len(infos)} 个），上限为 {MAX_ENTRIES} 个。")
    if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
        raise BatchError(
            f"{upload_name}：压缩包解压后超过 {MAX_TOTAL_BYTES // 1024 // 1024} MB，请分几次上传。"
        )
    for info in infos:
        if _unsafe(_zip_name(info)):
            raise BatchError(
                f"{upload_name}：压缩包内含有不安全的路径“{_zip_name(info)}”，已拒绝整个压缩包。"
            )
        if info.flag_bits & 0x1:
            raise BatchError(f"{upload_name}：压缩包已加密，请先解密后再上传。")
        if info.compress_size > info.file_size + info.file_size // 100 + 1024:  # deflate never grows so
            raise BatchError(
                f"{upload_name}：压缩包内文件“{_zip_name(info)}”的实际大小与记录不符（疑似压缩炸弹），已拒绝。"
            )
    limit = _per_file_limit()
    for info in infos:
        name = _zip_name(info)
        if info.is_dir() or _ignored(name):
            continue
        if reason := _unsupported(name):
            yield Entry(name, None, reason)
            continue
        if info.file_size > limit:
            yield Entry(name, None, _too_big(name, info.file_size))
            continue
        try:
            with archive.open(info) as stream:
                content = _read_capped(stream, limit)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
            yield Entry(name, None, "压缩包中的这个文件已损坏，无法解压")
            continue
        if content is None or len(content) != info.file_size:
            raise BatchError(
                f"{upload_name}：压缩包内文件“{name}”的实际大小与记录不符（疑似压缩炸弹），已拒绝。"
            )
        budget.add(len(content))
        yield Entry(name, content)


def collect_entries(uploads: Iterable[UploadedFile]) -> Iterator[Entry]:
    """Every file to queue or to list as skipped; raises BatchError when the upload is refused."""
    budget = _Budget()
    limit = _per_file_limit()
    for upload in uploads:
        name = PurePosixPath((upload.name or "").replace("\\", "/")).name or "未命名文件"
        size = upload.size or 0
        if size > limit:
            raise BatchError(f"{name}：{_too_big(name, size)}。")
        if name.lower().endswith(".zip"):
            yield from _zip_entries(name, upload.read(), budget)
            continue
        if reason := _unsupported(name):
            yield Entry(name, None, reason)
            continue
        budget.add(size)
        yield Entry(name, upload.read())


def create_batch(*, actor: AuthUser, body: Body, uploads: Iterable[UploadedFile]) -> ImportBatch:
    """Check the upload and queue its files; raises BatchError (nothing stored) or PermissionDenied.

    The upload is unpacked and every file written to storage first; the transaction that follows
    only inserts the batch's rows, so no write lock is held while a zip is being unpacked."""
    if not allowed_bodies(actor).filter(pk=body.pk).exists():
        raise PermissionDenied("您不能为该机关导入报告")
    staged: list[tuple[str, str, int, str]] = []  # name, stored path ("" when skipped), size, reason
    try:
        for entry in collect_entries(uploads):
            if entry.data is None:
                staged.append((entry.name, "", 0, entry.reason))
            else:
                path = default_storage.save(staging_path(entry.name), ContentFile(entry.data))
                staged.append((entry.name, path, len(entry.data), ""))
        if not staged:
            raise BatchError("没有找到任何文件，请选择要导入的报告文件或 zip 压缩包。")
        with transaction.atomic():
            batch = ImportBatch.objects.create(body=body, created_by=actor)
            for position, (name, path, size, reason) in enumerate(staged):
                item = ImportBatchFile(batch=batch, position=position, name=name[:500])
                if path:
                    item.size, item.stored.name = size, path
                else:
                    item.status, item.message = ImportBatchFile.Status.SKIPPED, reason
                item.save()
            update_counts(batch)
    except BaseException:
        for _, path, _, _ in staged:
            if path:
                default_storage.delete(path)
        raise
    batch.refresh_from_db()
    return batch


def staging_path(name: str) -> str:
    """Where a queued file is stored before its batch exists: a random name, the user's suffix."""
    return f"report_batches/queued/{uuid.uuid4().hex}{PurePosixPath(name).suffix.lower()}"


def update_counts(batch: ImportBatch) -> None:
    """The batch's counts from its files' statuses (after queueing, and after each file imported).

    Workers finish files at the same moment: the batch's row is locked while it is counted, so the
    last count written is the newest."""
    with transaction.atomic():
        _count(batch)


def _count(batch: ImportBatch) -> None:
    ImportBatch.objects.select_for_update().filter(pk=batch.pk).first()
    rows = batch.files.order_by().values("status").annotate(n=Count("pk"))
    counts = {row["status"]: row["n"] for row in rows}
    S = ImportBatchFile.Status
    batch.imported_count = counts.get(S.IMPORTED, 0)
    batch.failed_count = counts.get(S.FAILED, 0)
    batch.skipped_count = counts.get(S.SKIPPED, 0)
    batch.total_count = sum(counts.values()) - batch.skipped_count
    ImportBatch.objects.filter(pk=batch.pk).update(
        imported_count=batch.imported_count,
        failed_count=batch.failed_count,
        skipped_count=batch.skipped_count,
        total_count=batch.total_count,
    )
