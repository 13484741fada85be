"""Segmentation and snippets: plain functions, no database."""

from __future__ import annotations

from gongkai.portal.queries.search.snippets import highlight, snippet
from gongkai.portal.rules.segment import highlight_terms, query_clauses, segmented


def test_government_terms_stay_whole_after_a_year():
    assert segmented("关于2025年老旧小区改造项目的公示").split() == [
        "关于", "2025", "年", "小区", "老旧小区", "改造", "项目", "的", "公示",
    ]  # fmt: skip


def test_punctuation_is_dropped_and_latin_is_lower_cased():
    assert segmented("“三公”经费，COVID-19！") == "三公 经费 covid 19"


def test_a_query_is_one_clause_per_word_with_its_shorter_words():
    assert query_clauses("财政预算公开") == [("财政预算", "财政", "预算"), ("公开",)]
    assert query_clauses("公开 公开") == [("公开",)]
    assert query_clauses("，。") == []


def test_longer_terms_are_marked_first():
    assert highlight_terms([("财政预算", "财政", "预算")]) == ["财政预算", "财政", "预算"]
    assert str(highlight("2025年财政预算", ["财政预算", "财政"])) == "2025年<mark>财政预算</mark>"


def test_the_snippet_is_cut_around_the_hits_and_escaped():
    text = "无关内容。" * 60 + "<b>老旧小区</b>改造" + "其他内容。" * 60

    result = str(snippet(text, ["老旧小区"], width=40))

    assert result.startswith("…") and result.endswith("…")
    assert "&lt;b&gt;<mark>老旧小区</mark>&lt;/b&gt;" in result
    assert len(result) < 120


def test_a_snippet_without_hits_is_the_beginning():
    assert str(snippet("短文本", [])) == "短文本"
