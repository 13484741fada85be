"""Backup and restore of a whole installation: the database, the uploaded files, the secret key.

``write_backup`` makes one ``.tar.gz`` while the site runs:

- the database as of one instant: on SQLite a copy made with the online backup API (pages copied
  under SQLite's own locking, never a half-written file), on PostgreSQL Django's ``dumpdata``
  inside one ``REPEATABLE READ READ ONLY`` transaction (every table as of the same snapshot; no
  ``pg_dump`` whose version must match the server's, the same connection settings as the site);
- the row count of every table, taken from that same snapshot;
- every file of the file storage (report originals, queued batch files, letters, attachments — the
  ``MEDIA_ROOT`` folder, a shared volume or an object store: ``STORAGES["default"]``, read only through
  Django's storage API) with its SHA-256, hashed as it is copied. The files are copied after the
  database snapshot: files are written once under a new name and never changed, so every file the
  snapshot names is in the archive (unless it was deleted in between: a queued batch file is, once
  read; the manifest, written last, lists what the archive holds);
- the secret key in use: tracking codes are HMACs under it (``requests.models.cases._digest``).

``restore_backup`` puts an archive back onto an empty installation (it refuses one that has data
or uploaded files), checks every file's hash and every table's row count against the archive's
manifest, and writes the key into the data dir. The archive holds the secret key and applicants'
data: it is written readable by its owner only.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

FORMAT = "gongkai-backup"
VERSION = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
JSON_FILE = "database.json"
KEY_FILE = "secret_key"
MEDIA = "media"
# Rows that ``migrate`` itself creates, and the sessions of whoever looked at an empty site: their
# presence does not make an installation "non-empty".
BASELINE_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission", "django_session"})
# Recreated by ``migrate`` on the target (natural keys refer to them in the dump).
JSON_EXCLUDE = ("contenttypes", "auth.permission")


class BackupError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Manifest:
    engine: str
    created: str
    tables: dict[str, int]
    files: dict[str, str]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "engine": self.engine,
            "created": self.created,
            "tables": self.tables,
            "files": self.files,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        if data.get("format") != FORMAT or data.get("version") != VERSION:
            raise BackupError("这不是 gongkai 的备份文件，或由不兼容的版本生成，无法恢复")
        return cls(data["engine"], data["created"], dict(data["tables"]), dict(data["files"]))


def engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else connection.vendor


# ------------------------------------------------------------------ backup


def write_backup(out: Path) -> Manifest:
    """Write the archive to ``out`` (replaced atomically when complete); returns its manifest."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".gongkai-backup-") as work:
        folder = Path(work)
        if engine() == "sqlite":
            database = folder / SQLITE_FILE
            tables = _sqlite_snapshot(database)
        else:
            database = folder / JSON_FILE
            tables = _json_snapshot(database)
        partial = folder / "archive.tar.gz"
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            _add_bytes(archive, KEY_FILE, settings.SECRET_KEY.encode())
            archive.add(database, arcname=database.name)
            files = _add_stored_files(archive)
            manifest = Manifest(engine(), timezone.now().isoformat(), tables, files)
            _add_bytes(
                archive, MANIFEST, json.dumps(manifest.to_json(), ensure_ascii=False, indent=1).encode()
            )
        os.replace(partial, out)
    return manifest


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def _sqlite_snapshot(target: Path) -> dict[str, int]:
    """The live database copied page by page through SQLite's online backup API."""
    connection.ensure_connection()
    live = connection.connection
    copy = sqlite3.connect(target)
    try:
        live.backup(copy, pages=1024)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        return _sqlite_counts(copy)
    finally:
        copy.close()


def _sqlite_counts(db: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {name: db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names}


def _json_snapshot(target: Path) -> dict[str, int]:
    """Every model's rows and every table's count as of one snapshot (REPEATABLE READ)."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        tables = _model_counts()
        with target.open("w", encoding="utf-8") as f:
            call_command(
                "dumpdata",
                natural_foreign=True,
                exclude=list(JSON_EXCLUDE),
                format="json",
                indent=None,
                stdout=f,
            )
    return tables


def _model_counts() -> dict[str, int]:
    """The row count of every table Django knows, in the current transaction."""
    existing = set(connection.introspection.table_names())
    counts = {}
    with connection.cursor() as cursor:
        for name in sorted(existing & set(connection.introspection.django_table_names())):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = cursor.fetchone()[0]
    return counts


def stored_names(folder: str = "") -> list[str]:
    """Every file name in the file storage under ``folder``, sorted (through the storage API, so a
    shared volume or an object store is listed like the local folder)."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # no file stored yet: the folder is made on the first save
        return []
    prefix = f"{folder}/" if folder else ""
    names = [prefix + name for name in files]
    for sub in folders:
        names.extend(stored_names(prefix + sub))
    return sorted(names)


class _Hashing:
    """A stored file read through, hashing what passes; a read returns all it asks for unless the file
    ends (tarfile takes a short read for a truncated file, and a remote storage's stream reads short)."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        if size < 0:
            chunk = self.stream.read()
        else:
            parts: list[bytes] = []
            while size > 0 and (part := self.stream.read(size)):
                parts.append(part)
                size -= len(part)
            chunk = b"".join(parts)
        self.digest.update(chunk)
        return chunk


def _add_stored_files(archive: tarfile.TarFile) -> dict[str, str]:
    """Copy every stored file into the archive under ``media/``; their SHA-256 by name. A file
    deleted between the listing and its copy is left out."""
    hashes: dict[str, str] = {}
    for name in stored_names():
        try:
            size = default_storage.size(name)
            stream = default_storage.open(name, "rb")
        except FileNotFoundError:
            continue
        with stream:
            info = tarfile.TarInfo(f"{MEDIA}/{name}")
            info.size, info.mode, info.mtime = size, 0o600, int(timezone.now().timestamp())
            reader = _Hashing(stream)
            archive.addfile(info, reader)
        hashes[name] = reader.digest.hexdigest()
    return hashes


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def storage_place() -> str:
    """Where the files are kept, as the messages name it."""
    if isinstance(default_storage, FileSystemStorage):
        return f"上传文件目录 {default_storage.location} "
    return f"文件存储（{default_storage.__class__.__name__}）"


# ------------------------------------------------------------------ restore


def installation_contents() -> list[str]:
    """What makes this installation non-empty: tables with rows (beyond what ``migrate`` creates)
    and uploaded files, as Chinese phrases; empty when it is empty."""
    found: list[str] = []
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for name in sorted(existing & set(connection.introspection.django_table_names())):
            if name in BASELINE_TABLES:
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
            if count := cursor.fetchone()[0]:
                found.append(f"数据表 {name} 有 {count} 行")
    if files := stored_names():
        found.append(f"{storage_place()}中有 {len(files)} 个文件")
    return found


def restore_backup(archive_path: Path) -> tuple[Manifest, list[str]]:
    """Put the archive back; returns its manifest and warnings (Chinese). Raises BackupError."""
    try:
        archive = tarfile.open(archive_path, mode="r:gz")  # noqa: SIM115 - closed by the with below
    except (OSError, tarfile.TarError):
        raise BackupError(f"无法打开备份文件“{archive_path}”：文件不存在或已损坏") from None
    with archive, tempfile.TemporaryDirectory(prefix=".gongkai-restore-") as work:
        folder = Path(work)
        manifest = _extract(archive, folder)
        contents = installation_contents()
        if contents:
            raise BackupError(
                "只能恢复到空的安装上，这里已有数据（"
                + "；".join(contents[:5])
                + ("……" if len(contents) > 5 else "")
                + "）。请使用新的数据目录（GONGKAI_DATA_DIR）和空数据库后再恢复。"
            )
        _check_hashes(folder, manifest)
        if manifest.engine == "sqlite":
            if engine() != "sqlite":
                raise BackupError("这份备份来自 SQLite 数据库，只能恢复到使用 SQLite 的安装上")
            _sqlite_restore(folder / SQLITE_FILE)
        else:
            call_command("migrate", interactive=False, verbosity=0)
            call_command("loaddata", str(folder / JSON_FILE), verbosity=0)
            call_command("reindex", verbosity=0, stdout=io.StringIO())
        _restore_media(folder, manifest)
        warnings = _restore_key((folder / KEY_FILE).read_text().strip())
        _check_counts(manifest)
    return manifest, warnings


def _extract(archive: tarfile.TarFile, folder: Path) -> Manifest:
    for member in archive.getmembers():
        name = PurePosixPath(member.name)
        if not member.isfile() or name.is_absolute() or ".." in name.parts:
            raise BackupError(f"备份文件中有不安全的条目“{member.name}”，已拒绝恢复")
    archive.extractall(folder, filter="data")
    try:
        manifest = Manifest.from_json(json.loads((folder / MANIFEST).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError):
        raise BackupError("备份文件缺少清单（manifest.json）或清单已损坏，无法恢复") from None
    database = SQLITE_FILE if manifest.engine == "sqlite" else JSON_FILE
    for needed in (database, KEY_FILE):
        if not (folder / needed).is_file():
            raise BackupError(f"备份文件不完整：缺少 {needed}，无法恢复")
    return manifest


def _check_hashes(folder: Path, manifest: Manifest) -> None:
    for name, digest in manifest.files.items():
        path = folder / MEDIA / name
        if not path.is_file() or _sha256(path) != digest:
            raise BackupError(f"备份中的文件“{name}”缺失或与清单不符（备份已损坏），已停止恢复")


def _sqlite_restore(source: Path) -> None:
    connection.close()
    connection.ensure_connection()
    copy = sqlite3.connect(source)
    try:
        copy.backup(connection.connection)
    finally:
        copy.close()
    connection.close()
    call_command("migrate", interactive=False, verbosity=0)  # an archive of an older version


def _restore_media(folder: Path, manifest: Manifest) -> None:
    """Every file of the manifest into the file storage under its own name."""
    for name in manifest.files:
        with (folder / MEDIA / name).open("rb") as f:
            saved = default_storage.save(name, File(f, name=PurePosixPath(name).name))
        if saved != name:
            raise BackupError(f"文件“{name}”已存在于{storage_place()}，无法按原名恢复，已停止恢复")


def _restore_key(key: str) -> list[str]:
    path = Path(settings.DATA_DIR) / KEY_FILE
    partial = path.with_name(KEY_FILE + ".restoring")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(key)
    os.replace(partial, path)
    warnings = []
    from_env = os.getenv("SECRET_KEY")
    if from_env and from_env != key:
        warnings.append(
            "环境变量 SECRET_KEY 与备份中的密钥不同：它优先于数据目录中的密钥，申请人的查询码将全部失效。"
            "请删除该环境变量，或把它设为备份中的密钥。"
        )
    return warnings


def _check_counts(manifest: Manifest) -> None:
    now = _live_sqlite_counts() if manifest.engine == "sqlite" else _model_counts()
    differ = [
        f"{name}（备份 {count} 行，恢复后 {now.get(name, 0)} 行）"
        for name, count in manifest.tables.items()
        if name not in BASELINE_TABLES and now.get(name, 0) != count
    ]
    if differ:
        raise BackupError("恢复后的数据与备份不一致：" + "；".join(differ[:5]))


def _live_sqlite_counts() -> dict[str, int]:
    connection.ensure_connection()
    return _sqlite_counts(connection.connection)
