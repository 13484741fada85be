"""SQLite: the lowest and highest item id published on each day, per body and over all bodies.

FTS5 hands matches over newest first (highest id) and the date and body filters are tested on each;
with a range in the past, or one holding no item, it read every match of a common word before the
range (90–150 ms at 1,000,000 items). With the ids the range can hold, FTS5 seeks straight to them
(``f.rowid BETWEEN``, ~0.5 ms): ``search.backends._sqlite``.

``portal_fts_days`` has a row per (body, day) and per (0, day) — 0 for all bodies — filled by triggers
on the search table. A deleted row or a changed date leaves the old bounds: they only ever hold
too many ids, never too few, so the filters tested on each match keep the results exact;
``gongkai reindex`` rebuilds them tight. PostgreSQL walks its own way (migration 0004) and needs none.
"""

from django.db import migrations

UPSERT = (
    "INSERT INTO portal_fts_days (body_id, day, low, high) VALUES ({body}, new.published_on, new.item_id, "
    "new.item_id) ON CONFLICT (body_id, day) DO UPDATE SET low = min(low, excluded.low), "
    "high = max(high, excluded.high);"
)
BOTH = UPSERT.format(body="new.body_id") + " " + UPSERT.format(body="0")
FILL = [
    "INSERT INTO portal_fts_days (body_id, day, low, high) SELECT body_id, published_on, min(item_id), "
    "max(item_id) FROM portal_searchdocument GROUP BY body_id, published_on",
    "INSERT INTO portal_fts_days (body_id, day, low, high) SELECT 0, published_on, min(item_id), "
    "max(item_id) FROM portal_searchdocument GROUP BY published_on",
]
SQLITE = [
    "CREATE TABLE portal_fts_days (body_id INTEGER NOT NULL, day TEXT NOT NULL, low INTEGER NOT NULL, "
    "high INTEGER NOT NULL, PRIMARY KEY (body_id, day)) WITHOUT ROWID",
    f"CREATE TRIGGER portal_fts_days_ai AFTER INSERT ON portal_searchdocument BEGIN {BOTH} END",
    "CREATE TRIGGER portal_fts_days_au AFTER UPDATE OF item_id, body_id, published_on "
    f"ON portal_searchdocument BEGIN {BOTH} END",
    *FILL,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS portal_fts_days_au",
    "DROP TRIGGER IF EXISTS portal_fts_days_ai",
    "DROP TABLE IF EXISTS portal_fts_days",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0005_search_indexes_with_ids")]

    operations = [migrations.RunPython(_run(SQLITE), _run(SQLITE_REVERSE))]
