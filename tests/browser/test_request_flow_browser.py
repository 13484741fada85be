"""An applicant applies online, a clerk handles the request to delivery, the applicant tracks it."""

import io
import re
from pathlib import Path

import docx


def run_action(page, name: str) -> None:
    """Open the action's panel on the case page and submit it with its defaults."""
    page.locator(f"#action-{name} summary").click()
    page.locator(f"#action-{name} button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".form-error").count() == 0, page.locator(".form-error").first.inner_text()


def docx_text(download, tmp_path: Path, name: str) -> str:
    saved = tmp_path / name
    download.save_as(saved)
    return "\n".join(p.text for p in docx.Document(io.BytesIO(saved.read_bytes())).paragraphs)


def test_an_online_request_from_application_to_tracked_delivery(
    transactional_db,
    live_server,
    street,
    clerk,
    letter_settings,
    password,
    tmp_path,
    page,
):
    # The applicant applies on the portal, without an account.
    page.goto(f"{live_server.url}/apply/{street.pk}/")
    page.get_by_label("姓名或单位名称").fill("王五")
    page.get_by_label("证件号码（自然人）").fill("110101199003070011")
    page.get_by_label("电子邮箱").fill("wangwu@example.cn")
    page.get_by_label("所需政府信息的名称").fill("只楚街道2025年财政预算")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(re.compile(r"/apply/\d+/done/$"))
    number = page.locator("#request-number").inner_text().strip()
    code = page.locator("#tracking-code").inner_text().strip()
    assert re.fullmatch(r"〔\d{4}〕第1号", number) and len(code) == 8

    # The clerk logs in and handles it: confirm receipt, review, process, reply 予以公开.
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill(clerk.username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")  # the clerk's own work (我的待办)
    page.goto(f"{live_server.url}/requests/")
    page.get_by_role("link", name=number).click()
    page.wait_for_url(re.compile(r"/requests/\d+/$"))
    for name in ("confirm", "review", "process"):
        run_action(page, name)
    page.locator("#action-reply summary").click()
    page.locator("#action-reply select").first.select_option("granted")
    page.locator("#action-reply button[type=submit]").click()
    page.wait_for_load_state()
    assert "已答复" in page.locator("h1").inner_text()

    # The reply letter: generated, downloaded, delivered.
    page.get_by_label("制作文书").select_option(label="答复书")
    page.get_by_role("button", name="生成文书").click()
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("答复书")).click()
    assert number in docx_text(info.value, tmp_path, "staff.docx")
    page.get_by_label("送达方式").select_option(label="网上")
    page.get_by_role("button", name="记录送达").click()
    page.wait_for_load_state()
    assert "已送达" in page.locator("h1").inner_text()

    # The applicant tracks the request with number and code.
    page.goto(f"{live_server.url}/track/")
    page.get_by_label("申请编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(re.compile(r"/track/\d+/$"))
    assert page.locator("#request-status").inner_text().strip() == "已送达"
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("答复书")).click()
    assert "王五" in docx_text(info.value, tmp_path, "applicant.docx")
