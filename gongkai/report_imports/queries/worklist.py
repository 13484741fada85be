"""A person's imports still on the queue, for the home page (待办): the reports read and waiting for
them to confirm the body, and those still waiting for a worker or being read."""

from __future__ import annotations

from django.contrib.auth.models import User as AuthUser
from django.urls import reverse

from gongkai.report_imports.queries.uploads import S, open_uploads
from gongkai.web.worklist import SHOWN, Entry, Line, Section


def imports_section(user: AuthUser) -> Section | None:
    uploads = open_uploads(user)
    awaiting, running = uploads.filter(status=S.AWAITING), uploads.exclude(status=S.AWAITING)
    n_awaiting, n_running = awaiting.count(), running.count()
    if not (n_awaiting or n_running):
        return None

    def lines(files) -> tuple[Line, ...]:
        return tuple(
            Line(
                f.name,
                reverse("reports:import_status", args=[f.batch_id]),
                f"{f.batch.body.name}·{f.get_status_display()}",
            )
            for f in files[:SHOWN]
        )

    page = reverse("reports:import")
    return Section(
        "导入年度报告",
        [
            Entry("报告所署机关不符、待我确认的导入", n_awaiting, page, lines(awaiting), urgent=True),
            Entry("正在后台读取的报告", n_running, page, lines(running)),
        ],
    )
