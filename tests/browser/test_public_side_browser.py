"""The public side in a real browser: /apply/ leads to a body's form; the portal's search finds an item
by its 文号 as typed and by one character, its snippet reading without segmentation spaces."""

import os
from pathlib import Path

from tests.portal.conftest import _fresh_cache, approve_all, leader, make_item, node, publish, reviewer

__all__ = ["_fresh_cache", "approve_all", "leader", "make_item", "node", "publish", "reviewer"]

SHOTS = Path(os.environ.get("GONGKAI_SHOTS", "")) if os.environ.get("GONGKAI_SHOTS") else None


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_apply_lists_the_bodies_and_leads_to_the_chosen_bodys_form(
    transactional_db, live_server, district, street, other_street, page
):
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="在线申请").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name=district.name).is_visible()
    shot(page, "apply-index")

    page.get_by_role("link", name=other_street.name).click()
    page.wait_for_load_state()

    assert page.url.endswith(f"/apply/{other_street.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == f"向{other_street.name}申请政府信息公开"


def test_search_finds_by_doc_number_and_by_one_character_with_clean_snippets(
    transactional_db, live_server, street, publish, page
):
    publish(
        "关于开展冬季道路维修的通知",
        "各社区：\n为保障冬季出行安全，街道将开展冬季道路维修，请居民注意绕行。",
        doc_number="京政办发〔2024〕12号",
    )
    publish("关于公开招聘社区工作者的公告", "面向社会公开招聘社区工作者15名。")

    page.goto(f"{live_server.url}/gk/search/")
    page.get_by_label("关键词").fill("京政办发[2024]12号")  # square brackets, as a keyboard types them
    page.get_by_role("button", name="检索").click()
    page.wait_for_load_state()
    first = page.locator("ol.results > li").first
    assert first.get_by_role("heading").inner_text() == "关于开展冬季道路维修的通知"
    assert first.locator("mark").filter(has_text="京政办发〔2024〕12号").count() == 1
    shot(page, "search-doc-number")

    page.get_by_label("关键词").fill("路")
    page.get_by_role("button", name="检索").click()
    page.wait_for_load_state()
    hits = page.locator("ol.results > li")
    assert hits.count() == 1
    snippet = hits.first.locator("p").first
    assert "冬季道路维修" in snippet.inner_text() and "冬季 道路" not in snippet.inner_text()
    assert snippet.locator("mark").first.inner_text() == "路"
    shot(page, "search-one-character")
