"""Search finds an item by its 文号 or 索引号 typed exactly, and by one Chinese character; snippets
read as the text reads (no segmentation spaces) with the hits marked. Same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from gongkai.portal.queries.search import search
from gongkai.portal.queries.search.snippets import plain
from gongkai.portal.rules.numbers import spellings

WINTER = (
    "关于开展冬季道路维修的通知",
    "各社区：\n为保障冬季出行安全，街道将开展冬季道路维修，请居民注意绕行。",
)


def titles(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit.item.title for hit in page.hits]


def test_an_item_is_found_by_its_doc_number_typed_exactly_and_comes_first(publish, library):
    notice = publish(*WINTER, doc_number="京政办发〔2024〕12号")
    publish("关于京政办发文件的学习安排", "学习2024年第12号文件精神。")  # the same words, not the number

    page = search("京政办发〔2024〕12号")

    assert titles(page)[0] == notice.title
    assert str(page.hits[0].doc_number) == "<mark>京政办发〔2024〕12号</mark>"


def test_the_doc_number_is_found_whatever_bracket_the_visitor_types(publish):
    notice = publish(*WINTER, doc_number="京政办发〔2024〕12号")
    for typed in ("京政办发[2024]12号", "京政办发【2024】12号", "京政办发(2024)12号"):
        assert titles(search(typed))[:1] == [notice.title], typed
    assert "京政办发〔2024〕12号" in spellings("京政办发[2024]12号")


def test_an_item_is_found_by_its_index_number_typed_exactly(publish, library):
    notice = publish(*WINTER)
    assert notice.index_number  # given on publication by the body's 索引号 rule

    page = search(notice.index_number)

    assert titles(page) == [notice.title]
    assert str(page.hits[0].index_number) == f"<mark>{notice.index_number}</mark>"
    assert search(notice.index_number[:-1] + "9").total == 0  # another number finds nothing


def test_a_number_outside_the_filters_is_not_pinned(publish, street):
    notice = publish(*WINTER, doc_number="京政办发〔2024〕12号")
    assert search("京政办发〔2024〕12号", start=date(2099, 1, 1)).total == 0
    assert titles(search("京政办发〔2024〕12号", body=street)) == [notice.title]


def test_the_number_of_an_unpublished_item_is_not_found(make_item):
    make_item(title=WINTER[0], body_html=f"<p>{WINTER[1]}</p>", doc_number="京政办发〔2024〕12号")
    assert search("京政办发〔2024〕12号").total == 0


def test_a_single_character_finds_the_items_that_hold_it_inside_a_word(publish, library):
    notice = publish(*WINTER)

    page = search("路")

    assert notice.title in titles(page)  # jieba keeps 道路 whole; 路 is in it
    hit = next(h for h in page.hits if h.item.pk == notice.pk)
    assert "道<mark>路</mark>" in hit.title and "道<mark>路</mark>" in hit.snippet
    assert library["budget"].title not in titles(page)  # no 路 there
    assert titles(search("维")) == [notice.title]
    assert search("鑫").total == 0


def test_a_character_in_the_title_outranks_one_in_the_text_only(publish):
    in_text = publish("街道工作安排", "本周开展道路清扫。")
    in_title = publish("道路清扫安排", "本周开展清扫。")
    assert titles(search("路")) == [in_title.title, in_text.title]


def test_snippets_read_without_segmentation_spaces_and_mark_the_words(publish):
    publish(*WINTER)

    hit = search("冬季道路维修").hits[0]

    assert "<mark>冬季</mark><mark>道路</mark><mark>维修</mark>" in hit.snippet
    text = str(hit.snippet).replace("<mark>", "").replace("</mark>", "")
    assert "冬季道路维修" in text and "冬季 道路" not in text
    assert "各社区：为保障" in text  # the line break joins Chinese text without a space


def test_plain_text_keeps_spaces_between_latin_words_only():
    assert plain("冬季 道路 维修") == "冬季道路维修"
    assert plain("空气质量 PM 2.5 达标，\n  全年 300 天") == "空气质量 PM 2.5 达标，全年 300 天"
