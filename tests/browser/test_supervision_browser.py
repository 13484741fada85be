"""Issue #7 in a real browser: a district's 监督人员 imports a zip of its 街道's reports (the seeds), sees
000's and 004's missing tables, sends 000 back; 只楚街道's clerk sees the send-back, imports a corrected
report; the district's 汇总 .xlsx then adds up, with no finding left for 000 and 004's still listed.

The batch runs through the worker command (``import_batches``, what cron runs) instead of the upload's
background thread, so the test does not race it. ``page`` is asked for last (tests/browser/conftest.py).
"""

import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import Body, StaffMembership
from gongkai.report_format import parse_text, read_bytes
from gongkai.report_format.check import check
from gongkai.report_format.layout import ALL_CELLS, TABLE3_OUTCOME_ROWS, TABLE_CELLS, TABLE_NAMES, Cell
from gongkai.report_format.model import Report
from gongkai.report_format.render import render_markdown
from gongkai.report_format.render.grid import GRIDS
from gongkai.report_imports.models import ImportBatch

YEAR = 2023
# The 街道 named as their reports name them, so the batch files each report under its 街道.
STREETS = {
    "000": ("烟台市芝罘区人民政府只楚街道办事处", "只楚街道"),  # 2023, table 3 cut short, no table 4
    "001": ("新华区西高皇街道办事处", "西高皇街道"),  # 2023, every cell 0
    "002": ("威海市环翠区环翠楼街道办事处", "环翠楼街道"),  # a 2024 report: not in 2023's 汇总
    "003": ("坛山街道办事处", "坛山街道"),  # a 2021 report: not in 2023's 汇总
    "004": ("威海市文登区天福街道办事处", "天福街道"),  # 2023, tables only as images
}


@pytest.fixture
def streets(district) -> dict[str, Body]:
    return {
        prefix: body_actions.create_body(
            actor=None, name=name, short_name=short, level=Body.Level.SUBDISTRICT, parent=district
        )
        for prefix, (name, short) in STREETS.items()
    }


@pytest.fixture
def district_supervisor(district, password):
    return body_actions.create_staff_user(
        actor=None,
        body=district,
        username="district_supervisor",
        password=password,
        role=StaffMembership.Role.SUPERVISOR,
    )


@pytest.fixture
def zhichu_clerk(streets, password):
    return body_actions.create_staff_user(
        actor=None,
        body=streets["000"],
        username="zhichu_clerk",
        password=password,
        role=StaffMembership.Role.CLERK,
    )


def corrected_000(seed) -> Report:
    """Seed 000 with its missing table-3 rows and table 4 filled in, every equation holding."""
    report = read_bytes(seed("000"), "000.txt")
    for cell in TABLE_CELLS["table3"] + TABLE_CELLS["table4"]:
        if report.values.get(cell) is None:
            report.values[cell] = 0
    for column in {c.column for c in TABLE_CELLS["table3"]}:
        report.values[Cell("table3", "total", column)] = sum(
            report.values[Cell("table3", row.key, column)] for row in TABLE3_OUTCOME_ROWS
        )
    assert not [f for f in check(report) if f.level == "error"]
    return report


def hand_sums(reports: list[Report]) -> dict[Cell, Decimal | None]:
    """Per cell, the sum of the reports that have it; None where none has it."""
    out: dict[Cell, Decimal | None] = {}
    for cell in ALL_CELLS:
        present = [Decimal(str(r.values[cell])) for r in reports if r.values.get(cell) is not None]
        out[cell] = sum(present) if present else None
    return out


def value_of(ws, cell: Cell):
    grid = next(g for g in GRIDS[cell.table].starts if g.cell == cell)
    return ws.cell(2 + grid.row, grid.col + 1).value  # the renderer's heading is in row 1


def log_in(page, url, user, password):
    page.goto(f"{url}/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()


def log_out(page):
    page.get_by_role("button", name=re.compile("^退出")).click()
    page.wait_for_load_state()


def problems(page) -> list[str]:
    return [t.strip() for t in page.locator("ul.findings li").all_inner_texts()]


def test_import_send_back_fix_and_the_summary_adds_up(
    transactional_db,
    live_server,
    settings,
    district,
    streets,
    district_supervisor,
    zhichu_clerk,
    password,
    seed,
    tmp_path,
    page,
):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        for prefix in STREETS:
            z.writestr(f"街道年报/{prefix}.txt", seed(prefix))

    # The district's 监督人员 uploads the zip; the worker imports it.
    log_in(page, live_server.url, district_supervisor, password)
    page.goto(f"{live_server.url}/reports/batch/new/")
    page.get_by_label("所属机关").select_option(label="某某区人民政府")
    page.set_input_files(
        "#id_files",
        files=[{"name": "街道年报.zip", "mimeType": "application/zip", "buffer": archive.getvalue()}],
    )
    page.get_by_role("button", name="上传并开始导入").click()
    page.wait_for_url(re.compile(r"/reports/batch/\d+/$"))
    call_command("import_batches")
    assert ImportBatch.objects.get().status == ImportBatch.Status.DONE
    page.reload()
    assert "已处理 5 / 5（已导入 5，失败 0）" in page.content()

    # The area page of 2023 shows the tables 000 and 004 lack.
    area = f"{live_server.url}/supervision/{district.pk}/{YEAR}/"
    page.goto(area)
    listed = problems(page)
    assert any(p.endswith("只楚街道：表四缺失（该表缺失），未计入汇总。") for p in listed)
    assert any(re.search(r"只楚街道：表三有 \d+ 个数值缺失", p) for p in listed)
    assert any(p.endswith("天福街道：表三缺失（原文中该表为图片，未能读取），未计入汇总。") for p in listed)
    assert not any("西高皇街道" in p for p in listed)

    # … and sends 000 back.
    zhichu = streets["000"]
    page.locator(f"#comment-{zhichu.pk}").fill("表三不全、缺表四，请补全后重新报送")
    page.locator(f"form:has(#comment-{zhichu.pk})").get_by_role("button", name="退回").click()
    page.wait_for_load_state()
    assert "已将只楚街道2023年度报告退回" in page.content()
    log_out(page)

    # 只楚街道's clerk sees the task and imports the corrected report.
    log_in(page, live_server.url, zhichu_clerk, password)
    page.goto(f"{live_server.url}/supervision/tasks/")
    task = page.locator("tr", has_text="表三不全、缺表四，请补全后重新报送")
    assert "待处理" in task.inner_text()
    fixed = corrected_000(seed)
    text = render_markdown(fixed)
    assert parse_text(text).values == fixed.values  # what the clerk pastes reads back to the fix
    page.goto(f"{live_server.url}/reports/import/")
    page.get_by_label("所属机关").select_option(label=STREETS["000"][0])
    page.get_by_label("粘贴报告全文").fill(text)
    page.get_by_role("button", name="导入并核对").click()
    page.wait_for_url(re.compile(r"/reports/import/\d+/$"))
    call_command("import_batches")  # the worker reads it; the status page moves on to the report
    page.wait_for_url(re.compile(r"/reports/\d+/$"), timeout=15_000)
    page.goto(f"{live_server.url}/supervision/tasks/")
    assert "已重新报送" in page.locator("tr", has_text="表三不全、缺表四").inner_text()
    log_out(page)

    # The 监督人员 downloads the 汇总: it adds up, and only 004's gap (and the district's own) remain.
    log_in(page, live_server.url, district_supervisor, password)
    page.goto(area)
    listed = problems(page)
    assert not any("只楚街道" in p for p in listed)
    assert any(p.startswith("[错误]天福街道：表三缺失") for p in listed)
    with page.expect_download() as info:
        page.get_by_role("link", name="下载汇总表（Excel）").click()
    saved = tmp_path / "summary.xlsx"
    info.value.save_as(saved)
    wb = load_workbook(saved)

    counted = [fixed, read_bytes(seed("001"), "001.txt"), read_bytes(seed("004"), "004.txt")]
    expected = hand_sums(counted)
    for cell, total in expected.items():
        got = value_of(wb[f"汇总·{TABLE_NAMES[cell.table]}"], cell)
        assert (None if got in (None, "", "—") else Decimal(str(got))) == total, cell.path
    table3 = wb["汇总·表三"]
    assert value_of(table3, Cell("table3", "new", "total")) == 5  # 只楚 5 + 西高皇 0; 天福 unread
    assert value_of(table3, Cell("table3", "unable_not_held", "total")) == 5
    assert value_of(table3, Cell("table3", "total", "total")) == 5  # 只楚's 总计, now filled in
    assert value_of(wb["汇总·表四"], Cell("table4", "review", "total")) == 0
    flagged = {row[0] for row in wb["问题"].iter_rows(min_row=2, values_only=True)}
    assert "天福街道" in flagged and "只楚街道" not in flagged and "西高皇街道" not in flagged
