"""Chinese full-text search: ranking, highlighting, filters and pages — the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.disclosure.actions import catalogue
from gongkai.portal.queries.search import PAGE_SIZE, search


def titles(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit.item.title for hit in page.hits]


def test_the_item_about_renovation_ranks_above_one_that_mentions_it(library):
    page = search("老旧小区改造")

    assert titles(page)[0] == library["renovation"].title
    assert page.total == 1  # 改造 is only in the renovation notice

    page = search("老旧小区")
    assert titles(page) == [library["renovation"].title, library["mention"].title]


def test_each_realistic_query_finds_its_item(library):
    assert titles(search("财政预算")) == [library["budget"].title]
    assert titles(search("招聘公告")) == [library["hiring"].title]
    assert titles(search("社区工作者 报名")) == [library["hiring"].title]
    assert titles(search("三公经费")) == [library["budget"].title]  # the text says “三公”经费
    assert search("不存在的词语组合甲乙丙").total == 0


def test_every_word_must_match(library):
    assert titles(search("老旧小区 招聘")) == []
    assert set(titles(search("光明里 外墙保温"))) == {library["renovation"].title, library["mention"].title}


def test_hits_are_marked_in_title_and_snippet(library):
    hit = search("老旧小区").hits[0]

    assert str(hit.title) == "关于2025年<mark>老旧小区</mark>改造项目的公示"
    assert "<mark>老旧小区</mark>" in hit.snippet


def test_markup_in_an_item_is_escaped_and_only_the_hit_is_marked(publish):
    publish("关于<script>alert(1)</script>财政预算的说明", "财政预算 <b>加粗</b> &amp; 其他")

    hit = search("财政预算").hits[0]

    assert "<script>" not in hit.title
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<mark>财政预算</mark>" in hit.title
    assert "<b>" not in hit.snippet


def test_blank_or_punctuation_only_queries_find_nothing_and_do_not_fail(library):
    for query in ["", "   ", "，。！", '"', "AND OR NOT", "*", "()"]:
        assert search(query).total == 0, query


def test_filter_by_node_and_its_children(library, publish, street):
    node = library["hiring"].node
    child = catalogue.add_node(actor=None, body=street, name="招聘专栏", parent=node, basis=node.basis)
    publish("2025年社区工作者招聘公告（第二批）", "继续公开招聘社区工作者。", node=child)
    other = next(
        n for n in street.catalogue_nodes.all() if n.pk not in (node.pk, child.pk) and n.parent_id is None
    )

    assert search("社区工作者", node=node).total == 2
    assert titles(search("社区工作者", node=child)) == ["2025年社区工作者招聘公告（第二批）"]
    assert search("社区工作者", node=other).total == 0


def test_filter_by_body(library, street, other_street):
    assert search("部门预算", body=street).total == 1
    assert search("部门预算", body=other_street).total == 0


def test_filter_by_publication_date(library):
    today = timezone.localdate()
    assert search("老旧小区", start=today, end=today).total == 2
    assert search("老旧小区", start=today + timedelta(days=1)).total == 0
    assert search("老旧小区", end=today - timedelta(days=1)).total == 0


def test_results_come_in_pages_of_ten(publish):
    for n in range(PAGE_SIZE + 3):
        publish(f"第{n + 1}期政府采购公告", "政府采购项目公告，欢迎供应商参加。")

    first, second = search("政府采购", page=1), search("政府采购", page=2)

    assert (first.total, first.pages, len(first.hits), len(second.hits)) == (13, 2, 10, 3)
    assert not set(titles(first)) & set(titles(second))
    # equal rank: the newest (highest id) first, the same on both databases
    assert titles(first)[0] == "第13期政府采购公告"
    assert search("政府采购", page=3).hits == []


def test_the_search_page_shows_results_filters_and_pager(client, library, street):
    response = client.get(reverse("gk:search"), {"q": "老旧小区", "body": street.pk})
    page = response.content.decode()

    assert response.status_code == 200
    assert "找到 2 条结果" in page
    assert "<mark>老旧小区</mark>" in page
    assert '<label for="id_node">栏目</label>' in page
    assert '<label for="id_start">发布日期从</label>' in page


def test_a_wrong_date_range_is_refused_with_a_message(client, library):
    response = client.get(reverse("gk:search"), {"q": "老旧小区", "start": "2025-10-02", "end": "2025-10-01"})

    assert response.status_code == 400
    assert "结束日期不能早于开始日期" in response.content.decode()


@pytest.mark.parametrize("bad", [{"start": "昨天"}, {"page": "0"}, {"node": "999999"}])
def test_bad_parameters_are_a_400_not_a_crash(client, library, bad):
    assert client.get(reverse("gk:search"), {"q": "老旧小区", **bad}).status_code == 400


def test_the_score_weighs_a_title_hit_ten_times_a_text_hit_and_takes_each_clauses_best_alternative(db):
    from gongkai.portal.queries.search.backends import score

    clauses = [("老旧小区", "老旧", "小区"), ("改造",)]
    # 老旧小区: title 1 → 10 (better than 小区's 10 + text 1? 小区 appears in title once and text once = 11)
    assert score(clauses, "光明里 老旧小区 小区 改造", "小区 改造 改造") == 11 + 12
    assert score([("招聘",)], "公告", "招聘 招聘") == 2


@pytest.mark.parametrize(
    ("clauses", "title", "text", "expected"),
    [
        ([("改造",)], "改造 改造", "改造 改造 改造", 10 * 2 + 3),  # neighbours both count
        ([("小区",)], "老旧小区 改造", "老旧小区 小区", 1),  # whole tokens only, not inside 老旧小区
        ([("covid-19",)], "covid-19 通知", "", 10),  # ASCII and punctuation count like any token
        ([("低保",), ("小区",)], "低保", "小区 小区", 10 + 2),  # clauses add up
        ([("公示",)], "通知", "公示 " + "字" * 2000 + " 公示", 1),  # the text's first 1000 characters
        ([("公示",)], "通知", "无关", 0),
    ],
)
def test_the_score_counts_whole_tokens_as_the_database_gives_them(db, clauses, title, text, expected):
    from gongkai.portal.queries.search.backends import score

    assert score(clauses, title, text) == expected


def test_past_the_window_the_newest_matches_are_ranked_and_the_count_says_more(publish, monkeypatch, client):
    from gongkai.portal.queries.search import backends

    monkeypatch.setattr(backends, "WINDOW", 3)
    first = publish("光明里政府采购公告", "政府采购项目公告。")
    for n in range(4):
        publish(f"第{n + 2}期公告", "政府采购项目公告。")
    page = search("政府采购")
    assert (page.total, page.more) == (3, True)
    assert first.title not in titles(page)  # the oldest match is outside the window …
    assert titles(search("政府采购 光明里")) == [first.title]  # … but a narrower query reaches it
