"""The one task every periodic job runs through: it looks the job up by name in the schedule table."""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils.module_loading import import_string

from gongkai.queue.schedule import jobs

log = logging.getLogger(__name__)


@shared_task(name="gongkai.periodic")
def run_periodic(name: str) -> None:
    """Run the job ``name`` of the table (only those: a message cannot name any other function)."""
    job = jobs().get(name)
    if job is None:
        log.error("没有名为 %s 的定时任务", name)
        return
    result = import_string(job.path)()
    log.info("定时任务 %s 已运行：%s", name, result)
