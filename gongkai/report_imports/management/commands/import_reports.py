"""`gongkai import_reports PATH... --body ID --user NAME [--here]`: a batch import from files on this
machine (folders are searched for reports, zips unpacked), sent to the task queue like one uploaded on
the batch page, and followed on that page; ``--here`` imports it in this process instead."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from gongkai.bodies.models import Body
from gongkai.report_format.read import SUPPORTED_SUFFIXES
from gongkai.report_imports.actions.batches import BatchError, create_batch
from gongkai.report_imports.tasks.batches import enqueue_batch, run_batch


def uploads(paths: list[str]) -> list[SimpleUploadedFile]:
    """Each file given, and each report file or zip inside each folder given, named by its relative path."""
    found: list[SimpleUploadedFile] = []
    for given in map(Path, paths):
        if given.is_dir():
            for path in sorted(p for p in given.rglob("*") if p.is_file()):
                if path.suffix.lower() in (*SUPPORTED_SUFFIXES, ".zip"):
                    found.append(SimpleUploadedFile(path.relative_to(given).as_posix(), path.read_bytes()))
        elif given.is_file():
            found.append(SimpleUploadedFile(given.name, given.read_bytes()))
        else:
            raise CommandError(f"找不到文件或文件夹：{given}")
    return found


class Command(BaseCommand):
    help = "批量导入本机上的年度报告文件（文件夹、文件或 zip），送入后台任务队列，可在网页上查看进度。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="报告文件、zip 压缩包或文件夹")
        parser.add_argument("--body", type=int, required=True, help="所属机关编号")
        parser.add_argument("--user", required=True, help="以哪位工作人员的名义导入（用户名）")
        parser.add_argument("--here", action="store_true", help="在本进程中导入，不送入任务队列")

    def handle(self, *args: Any, paths: list[str], body: int, user: str, here: bool, **options: Any) -> None:
        actor = get_user_model().objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(f"没有名为“{user}”的有效账号")
        target = Body.objects.filter(pk=body).first()
        if target is None:
            raise CommandError(f"没有编号为 {body} 的机关")
        try:
            batch = create_batch(actor=actor, body=target, uploads=uploads(paths))
        except BatchError as e:
            raise CommandError(e.message) from None
        except PermissionDenied as e:
            raise CommandError(str(e)) from None
        page = reverse("reports:batch_detail", args=[batch.pk])
        if here:
            batch = run_batch(batch.pk)
            self.stdout.write(
                f"批次 #{batch.pk}：{batch.get_status_display()}，已导入 {batch.imported_count}，"
                f"失败 {batch.failed_count}，跳过 {batch.skipped_count}。详情见 {page}"
            )
            return
        sent = enqueue_batch(batch.pk)
        self.stdout.write(
            f"批次 #{batch.pk}：{sent} 个文件已送入任务队列（跳过 {batch.skipped_count} 个），"
            f"由后台任务进程导入；进度见 {page}"
        )
