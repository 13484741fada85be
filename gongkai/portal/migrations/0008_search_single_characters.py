"""Each document's Chinese characters, once each, as tokens of their own (``chars``: ``冬 季 道 路 维 修``).

jieba keeps 道路 whole, so a one-character query (路) found nothing but documents where 路 stood
alone. The characters go into a column of their own, not into the title and text: the score counts
whole tokens there, and the title and text keep what jieba made of them.

- SQLite: a ``chars`` column of the FTS5 index (its external content view and its triggers made again,
  the index rebuilt); a query's words are looked for in title, text and characters.
- PostgreSQL: the characters go into ``tsv`` with weight D; the signature (migration 0004) stays that
  of the title and text, so it does not grow with them: a single character is tested in ``tsv``.

The column is filled from each row's segmented title and text (every character of the original is in
one of their tokens).
"""

import importlib

from django.db import migrations, models

from gongkai.portal.rules.segment import characters

_SCOPE = importlib.import_module("gongkai.portal.migrations.0007_search_scope_tokens")
SCOPE = _SCOPE.SCOPE
COLUMNS = "rowid, title_seg, text_seg, chars, scope"


def _values(row: str) -> str:
    return f"{row}.item_id, {row}.title_seg, {row}.text_seg, {row}.chars, {SCOPE.format(row=row)}"


INSERT_TRIGGER = (
    "CREATE TRIGGER portal_fts_ai AFTER INSERT ON portal_searchdocument BEGIN "
    f"INSERT INTO portal_fts({COLUMNS}) VALUES ({_values('new')}); END"
)
_DROP_INDEX = [
    "DROP TRIGGER IF EXISTS portal_fts_au",
    "DROP TRIGGER IF EXISTS portal_fts_ad",
    "DROP TRIGGER IF EXISTS portal_fts_ai",
    "DROP TABLE IF EXISTS portal_fts",
    "DROP VIEW IF EXISTS portal_fts_content",
]
SQLITE_INDEX = [
    "CREATE VIEW portal_fts_content AS SELECT item_id, title_seg, text_seg, chars, "
    f"{SCOPE.format(row='portal_searchdocument')} AS scope FROM portal_searchdocument",
    "CREATE VIRTUAL TABLE portal_fts USING fts5(title_seg, text_seg, chars, scope, "
    "content='portal_fts_content', content_rowid='item_id', tokenize='unicode61')",
    INSERT_TRIGGER,
    "CREATE TRIGGER portal_fts_ad AFTER DELETE ON portal_searchdocument BEGIN "
    f"INSERT INTO portal_fts(portal_fts, {COLUMNS}) VALUES ('delete', {_values('old')}); END",
    "CREATE TRIGGER portal_fts_au AFTER UPDATE ON portal_searchdocument BEGIN "
    f"INSERT INTO portal_fts(portal_fts, {COLUMNS}) VALUES ('delete', {_values('old')}); "
    f"INSERT INTO portal_fts({COLUMNS}) VALUES ({_values('new')}); END",
    "INSERT INTO portal_fts(portal_fts) VALUES ('rebuild')",
]
POSTGRES_TRIGGER = """CREATE OR REPLACE FUNCTION portal_searchdocument_tsv() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      words tsvector;
    BEGIN
      words := setweight(to_tsvector('simple', NEW.title_seg), 'A')
            || setweight(to_tsvector('simple', NEW.text_seg), 'B');
      NEW.sig := portal_signature(words);
      NEW.tsv := words || setweight(to_tsvector('simple', NEW.chars), 'D');
      RETURN NEW;
    END $$"""
_SIGNATURE = importlib.import_module("gongkai.portal.migrations.0004_search_signature")
POSTGRES_TRIGGER_BEFORE = next(s for s in _SIGNATURE.POSTGRES if "portal_searchdocument_tsv()" in s)

BATCH = 2000


def _add_column(apps, schema_editor):
    schema_editor.execute("ALTER TABLE portal_searchdocument ADD COLUMN chars text NOT NULL DEFAULT ''")


def _fill(schema_editor) -> None:
    """Each row's characters from its segmented title and text, in batches by id."""
    connection = schema_editor.connection
    last = -1
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                "SELECT item_id, title_seg, text_seg FROM portal_searchdocument WHERE item_id > %s "
                "ORDER BY item_id LIMIT %s",
                [last, BATCH],
            )
            rows = cursor.fetchall()
            if not rows:
                return
            cursor.executemany(
                "UPDATE portal_searchdocument SET chars = %s WHERE item_id = %s",
                [(characters(title, text), pk) for pk, title, text in rows],
            )
            last = rows[-1][0]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in _DROP_INDEX:
            schema_editor.execute(sql, params=None)
        _fill(schema_editor)  # with no trigger: the index is rebuilt once at the end
        for sql in SQLITE_INDEX:
            schema_editor.execute(sql, params=None)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_TRIGGER, params=None)
        schema_editor.execute("ALTER TABLE portal_searchdocument DISABLE TRIGGER portal_searchdocument_tsv")
        _fill(schema_editor)
        schema_editor.execute(
            "UPDATE portal_searchdocument SET tsv = tsv || setweight(to_tsvector('simple', chars), 'D') "
            "WHERE chars <> ''"
        )
        schema_editor.execute("ALTER TABLE portal_searchdocument ENABLE TRIGGER portal_searchdocument_tsv")


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in _DROP_INDEX:
            schema_editor.execute(sql, params=None)
        schema_editor.execute("ALTER TABLE portal_searchdocument DROP COLUMN chars")
        for sql in _SCOPE.SQLITE[4:]:  # 0007's view, index and triggers, rebuilt
            schema_editor.execute(sql, params=None)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_TRIGGER_BEFORE, params=None)
        schema_editor.execute("ALTER TABLE portal_searchdocument DROP COLUMN chars")
        # the trigger computes tsv and sig again from the title and text
        schema_editor.execute("UPDATE portal_searchdocument SET title_seg = title_seg")


class Migration(migrations.Migration):
    dependencies = [("portal", "0007_search_scope_tokens")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="searchdocument",
                    name="chars",
                    field=models.TextField(default="", verbose_name="单字"),
                ),
            ],
            database_operations=[migrations.RunPython(_add_column, migrations.RunPython.noop)],
        ),
        migrations.RunPython(forwards, backwards),
    ]
