"""A clerk pastes a report in a real browser: the page goes to the import's status page (排队中) while
no worker runs, moves on by itself to the report once a worker has read it; the clerk sees the checked
tables and downloads the Word file."""

import re

import docx
from django.core.management import call_command


def test_a_clerk_pastes_a_report_sees_the_findings_and_downloads_word(
    transactional_db, live_server, clerk, password, seed, tmp_path, page
):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill(clerk.username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")  # the clerk's own work (我的待办)

    page.get_by_role("link", name="导入年度报告").click()
    page.get_by_label("所属机关").select_option(label="只楚街道办事处")
    page.get_by_label("粘贴报告全文").fill(seed("000").decode())
    page.get_by_role("button", name="导入并核对").click()
    page.wait_for_url(re.compile(r"/reports/import/\d+/$"))
    assert page.locator("#upload-state").inner_text() == "排队中"
    assert "可以离开本页" in page.content()

    call_command("import_batches")  # what a worker of the queue does; the page polls and moves on
    page.wait_for_url(re.compile(r"/reports/\d+/$"), timeout=15_000)

    cell = page.locator('td[data-cell="table3.rows.new.natural_person"]')
    assert cell.inner_text().strip() == "5"
    missing = page.locator('.findings li[data-code="MISSING"]')
    assert missing.count() >= 1
    assert "缺失" in missing.first.inner_text()
    assert page.locator("td.missing").count() > 0

    with page.expect_download() as info:
        page.get_by_role("link", name="Word（.docx）").click()
    download = info.value
    assert download.suggested_filename.endswith("政府信息公开工作年度报告.docx")
    saved = tmp_path / "report.docx"
    download.save_as(saved)
    document = docx.Document(str(saved))
    assert len(document.tables) == 3


def test_a_report_of_another_body_waits_while_the_clerk_is_away_then_is_confirmed(
    transactional_db, live_server, clerk, password, seed, page
):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill(clerk.username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/reports/import/")
    page.set_input_files(
        "#id_file", files=[{"name": "西高皇.txt", "mimeType": "text/plain", "buffer": seed("001")}]
    )
    page.get_by_role("button", name="导入并核对").click()
    page.wait_for_url(re.compile(r"/reports/import/\d+/$"))
    status_url = page.url

    page.goto(f"{live_server.url}/")  # the clerk leaves; meanwhile a worker reads the report
    call_command("import_batches")
    page.reload()
    page.get_by_role("link", name="西高皇.txt").click()  # 待办: 待我确认的导入
    page.wait_for_url(status_url)
    assert "新华区西高皇街道办事处" in page.locator("#identity-warnings").inner_text()

    page.get_by_role("button", name="确认无误，仍然导入到只楚街道办事处").click()
    page.wait_for_url(re.compile(r"/reports/\d+/$"))
    assert "新华区西高皇街道办事处" in page.locator("#identity-warnings").inner_text()
