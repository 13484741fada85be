"""Migration 0008 gives the documents already indexed their single characters, on both databases."""

from __future__ import annotations

import importlib

from django.db import connection

from gongkai.portal.models import SearchDocument
from gongkai.portal.queries.search import search

MIGRATION = importlib.import_module("gongkai.portal.migrations.0008_search_single_characters")


class _Editor:
    """What the migration's functions use of a schema editor, on the test's own connection."""

    connection = connection

    def execute(self, sql: str, params: object = None) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def test_documents_indexed_before_the_migration_are_found_by_one_character(publish):
    item = publish("关于开展冬季道路维修的通知", "请居民注意绕行。")
    editor = _Editor()
    if connection.vendor == "postgresql":  # the test's own inserts leave deferred checks that ALTER refuses
        editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    MIGRATION.backwards(None, editor)  # as the index stood after 0007: no characters
    MIGRATION._add_column(None, editor)
    MIGRATION.forwards(None, editor)

    assert SearchDocument.objects.get(item_id=item.pk).chars.startswith("关 于 开 展 冬 季 道 路")
    assert [h.item.pk for h in search("路").hits] == [item.pk]
    assert search("道路").total == 1 and search("绕").total == 1
