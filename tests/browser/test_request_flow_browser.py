"""An applicant applies online; a clerk confirms it, asks for 补正 (the applicant sees the 补正告知书 when
tracking), records the 补正, replies, issues the letter and records its delivery; the applicant tracks it."""

import io
import re
from datetime import timedelta
from pathlib import Path

import docx
from django.utils import timezone


def run_action(page, name: str) -> None:
    """Open the action's panel on the case page and submit it with its defaults."""
    page.locator(f"#action-{name} summary").click()
    page.locator(f"#action-{name} button[type=submit]").click()
    page.wait_for_load_state()
    no_form_error(page)


def no_form_error(page) -> None:
    assert page.locator(".form-error").count() == 0, page.locator(".form-error").first.inner_text()


def docx_text(download, tmp_path: Path, name: str) -> str:
    saved = tmp_path / name
    download.save_as(saved)
    return "\n".join(p.text for p in docx.Document(io.BytesIO(saved.read_bytes())).paragraphs)


def track(page, base: str, number: str, code: str) -> str:
    """As the applicant: look the request up with its number and code; returns its status."""
    page.context.clear_cookies()
    page.goto(f"{base}/track/")
    page.get_by_label("申请编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(re.compile(r"/track/\d+/$"))
    return page.locator("#request-status").inner_text().strip()


def log_in(page, base: str, user, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/")  # the clerk's own work (我的待办)


def open_case(page, base: str, number: str) -> None:
    page.goto(f"{base}/requests/")
    page.get_by_role("link", name=number).click()
    page.wait_for_url(re.compile(r"/requests/\d+/$"))


def issue_letter(page, label: str) -> None:
    """Generate the letter and record that it was delivered online, on the case page."""
    page.get_by_label("制作文书").select_option(label=label)
    page.get_by_role("button", name="生成文书").click()
    page.wait_for_load_state()
    page.get_by_label("送达方式").select_option(label="网上")
    page.get_by_role("button", name="记录送达").click()
    page.wait_for_load_state()
    no_form_error(page)


def test_an_online_request_from_application_through_correction_to_tracked_delivery(
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

    # The clerk logs in, confirms receipt, reviews it and asks for 补正 once, with a deadline.
    base = live_server.url
    log_in(page, base, clerk, password)
    open_case(page, base, number)
    for name in ("confirm", "review"):
        run_action(page, name)
    what = "请写明所需预算信息的具体科目或项目名称。"
    deadline = timezone.localdate() + timedelta(days=21)
    panel = page.locator("#action-correction")
    panel.locator("summary").click()
    panel.get_by_label("需要补正的事项（一次性告知）").fill(what)
    panel.get_by_label("补正期限").fill(deadline.isoformat())
    panel.get_by_role("button", name="发出补正告知").click()
    page.wait_for_load_state()
    assert "补正中" in page.locator("h1").inner_text()
    issue_letter(page, "补正告知书")
    page.screenshot(path=str(tmp_path / "case-correcting.png"), full_page=True)
    case_url = page.url

    # The applicant tracks it: 补正中, with the 补正告知书 that says what to correct.
    assert track(page, base, number, code) == "补正中"
    page.screenshot(path=str(tmp_path / "track-correcting.png"), full_page=True)
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("补正告知书")).click()
    notice = docx_text(info.value, tmp_path, "correction.docx")
    assert what in notice and number in notice

    # The applicant's 补正 arrives; the clerk records it, processes and replies 予以公开.
    log_in(page, base, clerk, password)
    page.goto(case_url)
    panel = page.locator("#action-correction_received")
    panel.locator("summary").click()
    panel.get_by_label("说明").fill("申请人补正：2025年一般公共预算支出明细")
    panel.get_by_role("button", name="收到补正材料").click()
    page.wait_for_load_state()
    assert "办理中" in page.locator("h1").inner_text()
    assert "申请人补正：2025年一般公共预算支出明细" in page.locator(".timeline").inner_text()
    page.locator("#action-reply summary").click()
    page.locator("#action-reply select").first.select_option("granted")
    page.locator("#action-reply button[type=submit]").click()
    page.wait_for_load_state()
    assert "已答复" in page.locator("h1").inner_text()

    # The reply letter: generated, delivered, downloaded.
    issue_letter(page, "答复书")
    assert "已送达" in page.locator("h1").inner_text()
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("答复书")).click()
    assert number in docx_text(info.value, tmp_path, "staff.docx")

    # The applicant tracks the request with number and code: delivered, both letters there.
    assert track(page, base, number, code) == "已送达"
    assert page.get_by_role("link", name=re.compile("补正告知书")).count() == 1
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("答复书")).click()
    assert "王五" in docx_text(info.value, tmp_path, "applicant.docx")
