"""A send-back shows where each side works: its reason on the body's own report page, its status
(待处理 / 已更正) in the row of the supervisor's area table; a corrected report closes it."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from gongkai.report_imports.actions.imports import import_report
from gongkai.supervision.actions import supervision as actions
from tests.supervision.conftest import YEAR


def _row(page: str, name: str) -> str:
    """The area table's row of the body."""
    start = page.index(f">{name}</a></th>")
    return page[start : page.index("</tr>", start)]


def test_the_reason_shows_on_the_clerks_report_page_until_a_corrected_report_comes(
    world, supervisor, clerk, seed
):
    actions.send_back(actor=supervisor, body=world.zhichu, year=YEAR, comment="表四缺失，请补充")
    c = Client()
    c.force_login(clerk)

    page = c.get(reverse("reports:detail", args=[world.reports["000"].pk])).content.decode()
    assert "上级已退回本年度报告，待更正" in page and "退回理由：表四缺失，请补充" in page
    assert "district_supervisor" in page

    corrected = import_report(actor=clerk, body=world.zhichu, data=seed("000"), filename="000.txt")
    for report in (world.reports["000"], corrected):
        page = c.get(reverse("reports:detail", args=[report.pk])).content.decode()
        assert "待更正" not in page


def test_the_area_row_says_pending_then_corrected(world, supervisor, supervisor_client, clerk, seed):
    actions.send_back(actor=supervisor, body=world.zhichu, year=YEAR, comment="表四缺失，请补充")
    url = reverse("supervision:area", args=[world.district.pk, YEAR])

    row = _row(supervisor_client.get(url).content.decode(), "只楚街道")
    assert "已退回·待处理" in row and "表四缺失，请补充" in row
    assert "已退回" not in _row(supervisor_client.get(url).content.decode(), "西高皇街道")

    import_report(actor=clerk, body=world.zhichu, data=seed("000"), filename="000.txt")
    page = supervisor_client.get(url).content.decode()
    assert "已退回·已更正" in _row(page, "只楚街道") and "待处理" not in _row(page, "只楚街道")
    assert "已更正（" in page.split('id="sendbacks"')[1]  # the 退回记录 says so too
