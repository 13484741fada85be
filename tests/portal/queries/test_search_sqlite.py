"""SQLite search reads only the ids a date range or body can hold: each day's lowest and highest id.

The bounds come from ``portal_fts_days`` (migration 0006), kept by triggers. They may hold too many
ids (a withdrawn item, a changed date), never too few: the items below are published out of id
order, the way a portal publishes what was written earlier.
"""

from __future__ import annotations

import importlib
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.disclosure.actions import review
from gongkai.portal.actions.indexing import reindex
from gongkai.portal.models import SearchDocument
from gongkai.portal.queries.search import backends, search
from gongkai.portal.queries.search.backends import Filters

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="the day bounds are SQLite's")

BEIJING = ZoneInfo("Asia/Shanghai")


def day_rows() -> list[tuple[int, str, int, int]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT body_id, day, low, high FROM portal_fts_days ORDER BY body_id, day")
        return cursor.fetchall()


def bounds(**filters: object) -> tuple[int | None, int | None] | None:
    with connection.cursor() as cursor:
        return backends._id_bounds(cursor, Filters(**filters))  # type: ignore[arg-type]


@pytest.fixture
def dated(make_item, approve_all, clerk):
    """Publish an item about 政府采购 on the given day; returns its id."""

    def run(title: str, day: date) -> int:
        item = approve_all(make_item(title=title, body_html="<p>政府采购项目公告，欢迎供应商参加。</p>"))
        at = datetime(day.year, day.month, day.day, 10, tzinfo=BEIJING)
        return review.publish(item, actor=clerk, override_reason="测试数据", now=at).pk

    return run


@pytest.fixture
def shuffled(dated):
    """Written in this order (ids ascending), published on days out of that order."""
    return {
        "march": dated("三月发布的政府采购公告", date(2025, 3, 10)),
        "january": dated("一月发布的政府采购公告", date(2025, 1, 10)),
        "march_too": dated("三月发布的另一份政府采购公告", date(2025, 3, 10)),
        "february": dated("二月发布的政府采购公告", date(2025, 2, 10)),
    }


def test_each_day_holds_its_lowest_and_highest_id_for_the_body_and_for_all_bodies(street, shuffled):
    s = shuffled
    days = [
        ("2025-01-10", s["january"], s["january"]),
        ("2025-02-10", s["february"], s["february"]),
        ("2025-03-10", s["march"], s["march_too"]),
    ]
    assert day_rows() == [(0, *d) for d in days] + [(street.pk, *d) for d in days]


def test_a_range_reads_from_its_lowest_to_its_highest_id(street, shuffled):
    s = shuffled
    assert bounds(start=date(2025, 2, 1)) == (s["march"], s["february"])
    assert bounds(start=date(2025, 3, 1)) == (s["march"], s["march_too"])
    assert bounds(end=date(2025, 2, 28)) == (s["january"], s["february"])
    assert bounds(body_id=street.pk, start=date(2025, 1, 10), end=date(2025, 1, 10)) == (s["january"],) * 2
    assert bounds() is None  # no filter: nothing to bound


def test_a_range_finds_the_items_published_in_it_whatever_their_ids(street, shuffled):
    s = shuffled

    def found(start: date, end: date) -> set[int]:
        page = search("政府采购", body=street, start=start, end=end)
        return {hit.item.pk for hit in page.hits}

    assert found(date(2025, 2, 1), date(2025, 3, 31)) == {s["march"], s["march_too"], s["february"]}
    assert found(date(2025, 1, 1), date(2025, 2, 28)) == {s["january"], s["february"]}
    assert found(date(2025, 3, 10), date(2025, 3, 10)) == {s["march"], s["march_too"]}


def test_a_range_without_items_reads_no_match(street, shuffled):
    assert bounds(start=date(2024, 1, 1), end=date(2024, 12, 31)) == (None, None)

    with CaptureQueriesContext(connection) as queries:
        page = search("政府采购", start=date(2024, 1, 1), end=date(2024, 12, 31))

    assert page.total == 0
    assert not [q for q in queries.captured_queries if "MATCH" in q["sql"]]


def test_a_withdrawn_item_leaves_its_bounds_until_the_index_is_rebuilt(street, shuffled, leader):
    s = shuffled
    review.withdraw(review.Item.objects.get(pk=s["march_too"]), actor=leader, reason="内容有误")

    assert bounds(start=date(2025, 3, 1)) == (s["march"], s["march_too"])  # too wide, still right
    assert {h.item.pk for h in search("政府采购", start=date(2025, 3, 1)).hits} == {s["march"]}

    reindex()

    assert bounds(start=date(2025, 3, 1)) == (s["march"], s["march"])
    assert len(day_rows()) == 6


def test_a_changed_date_widens_the_bounds_of_its_new_day(street, shuffled):
    s = shuffled
    SearchDocument.objects.filter(item_id=s["february"]).update(published_on=date(2025, 3, 10))

    assert bounds(start=date(2025, 3, 10), end=date(2025, 3, 10)) == (s["march"], s["february"])
    assert bounds(start=date(2025, 2, 1), end=date(2025, 2, 28)) == (s["february"],) * 2  # old day: too wide


def test_the_migration_fills_the_rows_the_triggers_write(street, shuffled):
    written = day_rows()
    migration = importlib.import_module("gongkai.portal.migrations.0006_search_day_bounds")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM portal_fts_days")
        for sql in migration.FILL:
            cursor.execute(sql)

    assert day_rows() == written


def fts_ids(match: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM portal_fts WHERE portal_fts MATCH %s ORDER BY rowid", [match])
        return [row[0] for row in cursor.fetchall()]


def test_the_index_holds_each_documents_body_and_node_as_scope_tokens(street, shuffled, node):
    every = sorted(shuffled.values())
    assert fts_ids(f'scope : "b{street.pk}"') == every
    assert fts_ids(f'scope : "n{node.pk}"') == every
    assert fts_ids(f'scope : "n{node.pk + 1000}"') == []


def test_a_typed_scope_token_is_a_word_like_any_other(street, shuffled, node):
    assert search(f"n{node.pk}").total == 0
    assert search(f"b{street.pk}").total == 0


def test_a_scoped_search_asks_the_index_for_its_scope(street, shuffled, node):
    with CaptureQueriesContext(connection) as queries:
        page = search("政府采购", node=node)

    assert page.total == 4
    (match,) = [q["sql"] for q in queries.captured_queries if "MATCH" in q["sql"]]
    assert f'scope : ("n{node.pk}")' in match


def test_a_moved_document_moves_its_scope(street, shuffled, node):
    moved = shuffled["january"]
    SearchDocument.objects.filter(item_id=moved).update(node_id=node.pk + 1000)

    assert fts_ids(f'scope : "n{node.pk + 1000}"') == [moved]
    assert moved not in fts_ids(f'scope : "n{node.pk}"')
    assert moved in fts_ids('{title_seg text_seg} : "政府采购"')


def test_the_scope_migration_rebuilds_the_index_of_existing_documents(street, shuffled, node):
    migration = importlib.import_module("gongkai.portal.migrations.0007_search_scope_tokens")
    with connection.cursor() as cursor:
        for sql in [*migration.SQLITE_REVERSE, *migration.SQLITE]:
            cursor.execute(sql)

    every = sorted(shuffled.values())
    assert fts_ids(f'scope : "n{node.pk}"') == every
    assert fts_ids('{title_seg text_seg} : "政府采购"') == every
