"""Likely repeat requests (第三十六条第（六）项) and the mass-request hint (第三十五条)."""

import pytest

from gongkai.requests.rules.similarity import (
    DuplicateIndex,
    likely_duplicates,
    mass_request_signal,
    normalise,
    similarity,
)

EARLIER = "申请公开某某区人民政府2024年度部门预算及“三公”经费预算执行情况。"

REWORDED = [
    "请求公开 某某区 人民政府 二〇二四年度 部门预算 及 三公经费 预算执行情况",
    "申请公开：某某区人民政府２０２４年部门预算及“三公”经费预算的执行情况！",
    "本人申请获取关于某某区政府2024年部门预算以及三公经费预算执行情况的相关信息",
    "申请公开某某区人民政府2024年度部门预算及“三公”经费预算执行情况，请通过电子邮件提供。",
    "申请公开某某区人民政府2024年度“三公”经费预算执行情况及部门预算。",  # the two items swapped
]
OTHER_YEAR = [
    "申请公开某某区人民政府2023年度部门预算及“三公”经费预算执行情况。",
    "请求公开某某区人民政府二〇二五年度部门预算及三公经费预算执行情况",
]
OTHER_SUBJECT = [
    "申请公开某某区人民政府2024年度部门决算及“三公”经费决算情况。",
    "申请公开某某区2024年度城市更新项目征收补偿安置方案。",
    "申请公开某某街道2024年度老旧小区改造工程招标文件及中标通知书。",
]


def test_normalise_folds_full_width_and_drops_spaces_and_punctuation():
    assert normalise("Ａ区　“三公”经费，２０２４年！") == "a区三公经费2024年"


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("二〇二四年", "2024年"),
        ("二零二三年十二月三十一日", "2023年12月31日"),
        ("二〇二四年第一季度", "2024年第1季度"),
        ("2024年03月05日", "2024年3月5日"),
        ("十四五规划", "十四五规划"),  # not a date: left alone
    ],
)
def test_normalise_writes_dates_in_arabic_numerals(text, normalised):
    assert normalise(text) == normalised


def test_normalise_drops_filler_phrases_and_unifies_synonyms():
    assert normalise("请求公开关于某某区人民政府2024年度的相关政府信息") == "某某区政府2024年"


@pytest.mark.parametrize("text", REWORDED)
def test_the_same_request_reworded_is_a_likely_duplicate(text):
    assert similarity(EARLIER, text) >= 0.8


@pytest.mark.parametrize("text", OTHER_YEAR)
def test_the_same_request_for_another_year_is_not_a_duplicate(text):
    # Character bigrams alone give 0.83 here; differing numbers halve it.
    assert similarity(EARLIER, text) < 0.5


@pytest.mark.parametrize("text", OTHER_SUBJECT)
def test_a_request_about_something_else_is_not_a_duplicate(text):
    assert similarity(EARLIER, text) < 0.7


def test_similarity_is_symmetric_and_one_for_identical_texts():
    assert similarity(EARLIER, EARLIER) == 1.0
    assert similarity(EARLIER, OTHER_SUBJECT[0]) == similarity(OTHER_SUBJECT[0], EARLIER)


def test_texts_of_nothing_but_filler_match_nothing_not_even_each_other():
    assert normalise("申请公开相关信息") == ""
    assert similarity("申请公开相关信息", "请求公开有关政府信息") == 0.0
    assert similarity("申请公开相关信息", EARLIER) == 0.0


def test_likely_duplicates_returns_the_close_candidates_best_first():
    candidates = [
        ("2023-015", OTHER_YEAR[0]),
        ("2024-007", REWORDED[4]),
        ("2024-031", OTHER_SUBJECT[1]),
        ("2024-052", REWORDED[0]),
    ]
    found = likely_duplicates(EARLIER, candidates)
    assert [key for key, _ in found] == ["2024-052", "2024-007"]
    assert found[0][1] == 1.0 and 0.8 <= found[1][1] < 1.0


def test_a_lower_threshold_lets_in_weaker_matches():
    candidates = [("决算", OTHER_SUBJECT[0]), ("征收", OTHER_SUBJECT[1])]
    assert likely_duplicates(EARLIER, candidates) == []
    assert [key for key, _ in likely_duplicates(EARLIER, candidates, threshold=0.5)] == ["决算"]


def test_an_index_prepared_once_answers_like_likely_duplicates():
    candidates = [(i, text) for i, text in enumerate(REWORDED + OTHER_YEAR + OTHER_SUBJECT)]
    index = DuplicateIndex(candidates[:5])
    for key, text in candidates[5:]:
        index.add(key, text)
    assert len(index) == 10
    assert index.search(EARLIER) == likely_duplicates(EARLIER, candidates)
    assert sorted(key for key, _ in index.search(EARLIER)) == [0, 1, 2, 3, 4]


def test_no_mass_request_hint_at_ten_requests_a_month():
    assert mass_request_signal({"2025-03": 10, "2025-04": 2}) is None


def test_a_month_over_ten_requests_gives_an_advisory_hint_citing_article_35():
    hint = mass_request_signal({"2025-04": 12, "2025-03": 15, "2025-05": 3})
    assert hint is not None
    assert "超过10件（2025年3月15件、2025年4月12件）" in hint
    assert "第三十五条" in hint and "仅供参考" in hint


def test_the_mass_request_threshold_is_a_setting():
    assert mass_request_signal({"2025-03": 6}, threshold=5) is not None
    assert mass_request_signal({"2025-03": 15}, threshold=20) is None
