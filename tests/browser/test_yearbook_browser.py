"""A clerk compiles 只楚街道's 2024 report in a real browser, edits a sentence, enters a missing number,
exports Word and PDF (both opened back) and submits it; the 审核人 reviews it and the 分管领导 signs it
on the confirmation page that shows what the publication locks. Browser, launch arguments and the ``page``
fixture come from tests/browser/conftest.py; ``page`` is asked for last (see its docstring)."""

import re
import shutil
import subprocess

import pytest

from gongkai.report_format import read_bytes
from gongkai.report_format.layout import Cell
from gongkai.report_workspace.models import AnnualReport
from tests.prepared.helpers import run_waiting
from tests.report_workspace.conftest import leader, reviewer, world_2024  # noqa: F401  (fixtures)

needs_office = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")), reason="needs LibreOffice and poppler-utils"
)


@needs_office
def test_a_clerk_compiles_edits_fixes_exports_and_publishes(
    transactional_db,
    live_server,
    world_2024,  # noqa: F811
    clerk,
    reviewer,  # noqa: F811
    leader,  # noqa: F811
    password,
    tmp_path,
    page,
):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill(clerk.username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/yearbook/")
    page.get_by_label("机关").select_option(label="只楚街道办事处")
    page.get_by_label("报告年度").fill("2024")
    page.get_by_role("button", name="统计生成").click()
    page.wait_for_url(re.compile(r"/yearbook/\d+/$"))
    assert page.locator('td[data-cell="table3.rows.new.total"]').inner_text().strip() == "3"

    overview = page.locator("#section-overview")
    text = overview.input_value()
    assert "共收到政府信息公开申请3件，与2023年相比减少2件。" in text
    overview.fill(text.replace("坚持“以公开为常态、不公开为例外”，", "坚持公开为常态，"))
    page.get_by_role("button", name="保存正文并核查").click()
    page.wait_for_load_state()
    assert "坚持公开为常态" in page.locator("#section-overview").input_value()

    fee_cell = page.locator('td[data-cell="table2.fees.amount"]')
    assert "missing" in (fee_cell.get_attribute("class") or "")
    page.get_by_label("单元格").select_option(value="table2.fees.amount")
    page.get_by_label("数值", exact=True).fill("0")
    page.get_by_label("说明").fill("本年未收取行政事业性收费")
    page.get_by_role("button", name="录入", exact=True).click()
    page.wait_for_load_state()
    fee_cell = page.locator('td[data-cell="table2.fees.amount"]')
    assert fee_cell.inner_text().strip() == "0" and fee_cell.get_attribute("data-source") == "entered"
    assert "本年未收取行政事业性收费" in page.locator("#sources").inner_text()

    with page.expect_download() as info:
        page.get_by_role("link", name="Word（.docx）").click()
    saved = tmp_path / "report.docx"
    info.value.save_as(saved)
    back = read_bytes(saved.read_bytes(), "report.docx")
    assert back.values[Cell("table3", "new", "total")] == 3
    assert back.values[Cell("table2", "fees", "amount")] == 0

    workspace_url = page.url
    page.get_by_role("button", name="PDF（.pdf，后台生成）").click()  # queued: its status page
    page.wait_for_load_state()
    assert page.locator("#prepared-state").inner_text() == "排队中"
    assert run_waiting()  # the worker's part, in the test process
    page.reload()
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("link", name="下载").click()
    pdf = tmp_path / "report.pdf"
    info.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "只楚街道办事处2024年政府信息公开工作年度报告" in "".join(text.split())

    page.goto(workspace_url)
    report_url = page.url
    page.get_by_label("给审核人的留言（可选）").fill("请审核")
    page.get_by_role("button", name="提交审核").click()
    page.wait_for_load_state()
    assert page.locator("#approval-state").inner_text() == "已提交，待审核"

    def log_in(user) -> None:  # type: ignore[no-untyped-def]
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/login/")
        page.get_by_label("用户名").fill(user.username)
        page.get_by_label("密码").fill(password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_load_state()

    log_in(reviewer)
    page.goto(report_url)
    page.get_by_label("审核意见（可选）").fill("同意")
    page.get_by_role("button", name="审核通过，报分管领导签发").click()
    page.wait_for_load_state()
    assert page.locator("#approval-state").inner_text() == "已审核，待分管领导签发"

    log_in(leader)
    page.goto(report_url)
    page.get_by_role("link", name="签发并发布……").click()
    page.wait_for_url(re.compile(r"/yearbook/\d+/publish/$"))
    frozen = page.locator("#frozen").inner_text()
    assert "2024年度" in frozen and "依申请公开申请（本年度收到）" in frozen
    page.get_by_label("签发意见（可选）").fill("同意发布")
    page.get_by_label(re.compile("我已了解")).check()
    page.get_by_role("button", name="签发并发布").click()
    page.wait_for_url(re.compile(r"/yearbook/\d+/$"))
    assert page.locator("#status").inner_text().startswith("已发布")
    assert AnnualReport.objects.get(year=2024).status == "published"
