"""PostgreSQL search walks the newest ids first: the rows are those one ``ORDER BY … LIMIT`` gives.

The walk sizes are set to a few ids so that a handful of items takes every path: the first walk
fills the window, a second walk fills it, the planner finds what the walks did not.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.disclosure.models import Item
from gongkai.portal.queries.search import backends
from gongkai.portal.queries.search.backends import Filters

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the walk is PostgreSQL's")


def newest_matches(word: str, limit: int) -> list[int]:
    """The reference: every match, newest first, straight from the table."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT item_id FROM portal_searchdocument WHERE tsv @@ plainto_tsquery('simple', %s) "
            "ORDER BY item_id DESC LIMIT %s",
            [word, limit],
        )
        return [row[0] for row in cursor.fetchall()]


def found(word: str) -> tuple[list[int], int]:
    """The ids the backend hands over, newest first, and how many search statements it ran."""
    with CaptureQueriesContext(connection) as queries:
        rows = backends._postgres([(word,)], Filters())
    statements = [q for q in queries.captured_queries if "tsv @@" in q["sql"]]
    return [r[0] for r in rows], len(statements)


@pytest.fixture
def items(publish, monkeypatch):
    """Items published oldest first; the ones marked True mention 供应商. The backend hands over
    WINDOW + 1 = 3 rows; the first walk covers the two newest ids."""

    def run(marks: list[bool]) -> list[int]:
        ids = []
        for n, mark in enumerate(marks):
            text = "政府采购项目公告，欢迎供应商参加。" if mark else "安全生产检查情况通报。"
            ids.append(publish(f"第{n + 1}期公告", text).pk)
        assert ids == list(range(ids[0], ids[0] + len(ids)))  # the walks below count ids
        monkeypatch.setattr(backends, "WINDOW", 2)
        monkeypatch.setattr(backends, "WALK_IDS", 2)
        monkeypatch.setattr(backends, "MAX_WALK_IDS", 7)
        return ids

    return run


def test_dense_matches_fill_the_window_in_the_first_walk(items, monkeypatch):
    ids = items([True] * 5)
    monkeypatch.setattr(backends, "WALK_IDS", 3)

    assert found("供应商") == ([ids[4], ids[3], ids[2]], 1)
    assert found("供应商")[0] == newest_matches("供应商", 3)


def test_the_matches_of_the_first_walk_say_how_far_the_second_goes(items):
    # first walk: ids 6–7, one match; two more wanted at one per two ids, with half again to spare:
    # (3 − 1) × 2 / 1 × 1.5 = 6 ids, 0–5, where 4 and 2 match
    ids = items([False, False, True, False, True, False, True, False])

    assert found("供应商") == ([ids[6], ids[4], ids[2]], 2)
    assert found("供应商")[0] == newest_matches("供应商", 3)


def test_no_match_in_the_first_walk_leaves_the_rest_to_the_planner(items):
    ids = items([True, True, False, False, False, False, False, False])

    assert found("供应商") == ([ids[1], ids[0]], 2)  # the walk, then the planner's query below it
    assert found("供应商")[0] == newest_matches("供应商", 3)


def test_what_the_second_walk_does_not_find_the_planner_does(items):
    # first walk: 8–9, one match; second walk: 2–7, none; the planner: 1 and 0
    ids = items([True, True, False, False, False, False, False, False, True, False])

    assert found("供应商") == ([ids[8], ids[1], ids[0]], 3)
    assert found("供应商")[0] == newest_matches("供应商", 3)


def test_a_second_walk_longer_than_allowed_is_left_to_the_planner(items, monkeypatch):
    ids = items([False, False, True, False, True, False, True, False])
    monkeypatch.setattr(backends, "MAX_WALK_IDS", 5)  # the six ids wanted are too many

    assert found("供应商") == ([ids[6], ids[4], ids[2]], 2)


def test_the_walk_leaves_the_session_settings_as_they_were(items):
    items([True, False, False])

    def settings() -> tuple[str, str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('enable_bitmapscan'), current_setting('jit')")
            return cursor.fetchone()

    before = settings()
    found("供应商")
    assert settings() == before


def found_in(word: str, filters: Filters) -> tuple[list[int], list[str]]:
    with CaptureQueriesContext(connection) as queries:
        rows = backends._postgres([(word,)], filters)
    return [r[0] for r in rows], [q["sql"] for q in queries.captured_queries if "tsv @@" in q["sql"]]


def test_when_the_filters_leave_few_rows_they_are_tested_one_by_one(items):
    ids = items([True, True, False, False, False, False, False, False])
    body_id = Item.objects.get(pk=ids[0]).body_id

    rows, statements = found_in("供应商", Filters(body_id=body_id))

    assert rows == [ids[1], ids[0]]
    assert len(statements) == 2 and "WITH f AS MATERIALIZED" in statements[1]


def test_when_the_filters_leave_many_rows_the_planner_finds_the_rest(items, monkeypatch):
    ids = items([True, True, False, False, False, False, False, False])
    body_id = Item.objects.get(pk=ids[0]).body_id
    monkeypatch.setattr(backends, "FEW_ROWS", 5)  # six rows pass the filter below the walk

    rows, statements = found_in("供应商", Filters(body_id=body_id))

    assert rows == [ids[1], ids[0]]
    assert len(statements) == 2 and "WITH f AS MATERIALIZED" not in statements[1]


# ---------------------------------------------------------------- the lexeme signature (migration 0004)


def signature_misses(item_id: int) -> list[str]:
    """The lexemes of a document's title and text (weights A and B; its single characters, D, are
    left out of the signature: migration 0008) whose bits its signature lacks (there must be none)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lexeme FROM portal_searchdocument, unnest(tsvector_to_array(ts_filter(tsv, '{a,b}'))) lexeme, "
            "unnest(portal_lexeme_hashes(lexeme)) hash "
            "WHERE item_id = %s AND get_bit(sig, mod(hash, 8 * length(sig))) = 0",
            [item_id],
        )
        return [row[0] for row in cursor.fetchall()]


def signature_bytes(item_id: int) -> tuple[int, int]:
    """(bytes of the signature, lexemes of the document)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT length(sig), length(tsv) FROM portal_searchdocument WHERE item_id = %s", [item_id]
        )
        return cursor.fetchone()


MIXED = (
    "COVID-19防控：请访问 https://www.example.gov.cn/notice?id=3 或致信 office@example.gov.cn，"
    "热线 12345；Version 2.0 发布，A-B 测试，光明里、幸福里2025年老旧小区改造。"
)


def test_the_signature_holds_both_bits_of_every_lexeme(publish):
    item = publish("关于COVID-19防控的通知", MIXED)

    assert signature_misses(item.pk) == []


def test_the_signature_has_sixteen_bits_a_lexeme_as_a_power_of_two_within_bounds(publish):
    short = publish("通知", "公示。")
    long = publish("长文", "、".join(f"事项{n}号" for n in range(3000)))

    size, lexemes = signature_bytes(short.pk)
    assert (size, lexemes) == (32, lexemes)  # 256 bits: the least
    size, lexemes = signature_bytes(long.pk)
    assert lexemes > 512 and size == 1024  # 16 × lexemes would pass 8,192 bits: the most


def test_an_updated_row_gets_a_new_signature(publish):
    item = publish("关于招生的通知", "义务教育阶段招生入学工作安排。")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE portal_searchdocument SET text_seg = text_seg || ' 加装 电梯' WHERE item_id = %s",
            [item.pk],
        )

    assert signature_misses(item.pk) == []
    assert found("电梯")[0] == [item.pk]


@pytest.mark.parametrize(
    "query",
    ["covid-19", "COVID", "19", "https://www.example.gov.cn/notice?id=3", "office@example.gov.cn",
     "12345", "version 2.0", "A-B", "光明里", "老旧小区改造", "幸福里 2025年", "防控 热线"],
)  # fmt: skip
def test_the_signature_never_drops_a_match(publish, query):
    from gongkai.portal.rules.segment import query_clauses

    matching = publish("关于COVID-19防控的通知", MIXED)
    publish("安全生产检查情况通报", "开展安全生产大检查，督促企业落实主体责任。")
    clauses = query_clauses(query)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT item_id FROM portal_searchdocument WHERE tsv @@ ("
            + " && ".join(
                "(" + " || ".join(["plainto_tsquery('simple', %s)"] * len(c)) + ")" for c in clauses
            )
            + ") ORDER BY item_id DESC",
            [t for c in clauses for t in c],
        )
        reference = [row[0] for row in cursor.fetchall()]

    assert reference == [matching.pk]
    assert [row[0] for row in backends._postgres(clauses, Filters())] == reference


def test_after_a_walk_the_few_rows_the_filters_leave_are_tested_when_cheaper_than_walking_on(
    items, monkeypatch
):
    # first walk: ids 6–7, one match; walking on would cover 6 ids, the body filter leaves 6 rows
    ids = items([False, False, True, False, True, False, True, False])
    body_id = Item.objects.get(pk=ids[0]).body_id
    monkeypatch.setattr(backends, "ROW_COST", 1)  # 6 rows × 1 ≤ 6 ids: test the rows

    rows, statements = found_in("供应商", Filters(body_id=body_id))

    assert rows == [ids[6], ids[4], ids[2]]
    assert len(statements) == 2 and "WITH f AS MATERIALIZED" in statements[1]


def test_after_a_walk_the_walk_goes_on_when_testing_the_rows_would_cost_more(items, monkeypatch):
    ids = items([False, False, True, False, True, False, True, False])
    body_id = Item.objects.get(pk=ids[0]).body_id
    monkeypatch.setattr(backends, "ROW_COST", 4)  # 6 rows × 4 > 6 ids: walk on

    rows, statements = found_in("供应商", Filters(body_id=body_id))

    assert rows == [ids[6], ids[4], ids[2]]
    assert len(statements) == 2 and "WITH f AS MATERIALIZED" not in statements[1]
