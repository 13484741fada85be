"""SQLite: each document's body and catalogue node as tokens of the full-text index (``b7 n12``).

A search scoped to a body or a catalogue node used to take the matches newest first and test the
scope of each: a small node's or body's window needed the matches of the whole id range (45 ms for
two words in a node of 1/28 of the items, at 1,000,000). With the scope in the index FTS5 intersects
it with the words (``… AND scope : ("n12" OR "n13")``), seeking each doclist by the other.

The scope column is computed, not stored: the index's external content is a view over
portal_searchdocument (``portal_fts_content``), and the triggers compute it for the rows they write.
The words of a query are kept to the title and text columns (``{title_seg text_seg} : …``), so a
typed "n12" never matches a scope. PostgreSQL filters in its own way (``search.backends``).
"""

import importlib

from django.db import migrations

SCOPE = "'b' || {row}.body_id || ' n' || {row}.node_id"
COLUMNS = "rowid, title_seg, text_seg, scope"


def _values(row: str) -> str:
    return f"{row}.item_id, {row}.title_seg, {row}.text_seg, {SCOPE.format(row=row)}"


INSERT_TRIGGER = (
    "CREATE TRIGGER portal_fts_ai AFTER INSERT ON portal_searchdocument BEGIN "
    f"INSERT INTO portal_fts({COLUMNS}) VALUES ({_values('new')}); END"
)
SQLITE = [
    "DROP TRIGGER IF EXISTS portal_fts_au",
    "DROP TRIGGER IF EXISTS portal_fts_ad",
    "DROP TRIGGER IF EXISTS portal_fts_ai",
    "DROP TABLE IF EXISTS portal_fts",
    "CREATE VIEW portal_fts_content AS SELECT item_id, title_seg, text_seg, "
    f"{SCOPE.format(row='portal_searchdocument')} AS scope FROM portal_searchdocument",
    "CREATE VIRTUAL TABLE portal_fts USING fts5(title_seg, text_seg, scope, content='portal_fts_content', "
    "content_rowid='item_id', tokenize='unicode61')",
    INSERT_TRIGGER,
    "CREATE TRIGGER portal_fts_ad AFTER DELETE ON portal_searchdocument BEGIN "
    f"INSERT INTO portal_fts(portal_fts, {COLUMNS}) VALUES ('delete', {_values('old')}); END",
    "CREATE TRIGGER portal_fts_au AFTER UPDATE ON portal_searchdocument BEGIN "
    f"INSERT INTO portal_fts(portal_fts, {COLUMNS}) VALUES ('delete', {_values('old')}); "
    f"INSERT INTO portal_fts({COLUMNS}) VALUES ({_values('new')}); END",
    "INSERT INTO portal_fts(portal_fts) VALUES ('rebuild')",
]
# Back to migration 0001's index (title and text of the table itself).
_INITIAL = importlib.import_module("gongkai.portal.migrations.0001_initial")
SQLITE_REVERSE = [
    *_INITIAL.SQLITE_REVERSE,
    "DROP VIEW IF EXISTS portal_fts_content",
    *_INITIAL.SQLITE,
    "INSERT INTO portal_fts(portal_fts) VALUES ('rebuild')",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0006_search_day_bounds")]

    operations = [migrations.RunPython(_run(SQLITE), _run(SQLITE_REVERSE))]
