"""The search index: a plain table for both databases, then the full-text part each one has."""

import django.db.models.deletion
from django.db import migrations, models

SQLITE = [
    "CREATE VIRTUAL TABLE portal_fts USING fts5(title_seg, text_seg, content='portal_searchdocument', "
    "content_rowid='item_id', tokenize='unicode61')",
    "CREATE TRIGGER portal_fts_ai AFTER INSERT ON portal_searchdocument BEGIN "
    "INSERT INTO portal_fts(rowid, title_seg, text_seg) VALUES (new.item_id, new.title_seg, new.text_seg); END",
    "CREATE TRIGGER portal_fts_ad AFTER DELETE ON portal_searchdocument BEGIN "
    "INSERT INTO portal_fts(portal_fts, rowid, title_seg, text_seg) "
    "VALUES ('delete', old.item_id, old.title_seg, old.text_seg); END",
    "CREATE TRIGGER portal_fts_au AFTER UPDATE ON portal_searchdocument BEGIN "
    "INSERT INTO portal_fts(portal_fts, rowid, title_seg, text_seg) "
    "VALUES ('delete', old.item_id, old.title_seg, old.text_seg); "
    "INSERT INTO portal_fts(rowid, title_seg, text_seg) VALUES (new.item_id, new.title_seg, new.text_seg); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS portal_fts_au",
    "DROP TRIGGER IF EXISTS portal_fts_ad",
    "DROP TRIGGER IF EXISTS portal_fts_ai",
    "DROP TABLE IF EXISTS portal_fts",
]
POSTGRES = [
    "ALTER TABLE portal_searchdocument ADD COLUMN tsv tsvector",
    """CREATE FUNCTION portal_searchdocument_tsv() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.tsv := setweight(to_tsvector('simple', NEW.title_seg), 'A')
              || setweight(to_tsvector('simple', NEW.text_seg), 'B');
      RETURN NEW;
    END $$""",
    "CREATE TRIGGER portal_searchdocument_tsv BEFORE INSERT OR UPDATE ON portal_searchdocument "
    "FOR EACH ROW EXECUTE FUNCTION portal_searchdocument_tsv()",
    "CREATE INDEX portal_searchdocument_tsv_gin ON portal_searchdocument USING gin (tsv)",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS portal_searchdocument_tsv ON portal_searchdocument",
    "DROP FUNCTION IF EXISTS portal_searchdocument_tsv()",
    "DROP INDEX IF EXISTS portal_searchdocument_tsv_gin",
    "ALTER TABLE portal_searchdocument DROP COLUMN IF EXISTS tsv",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(f"全文检索不支持数据库 {schema_editor.connection.vendor}")
        for sql in statements:
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    initial = True

    dependencies = [("disclosure", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "item",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="disclosure.item",
                        verbose_name="信息",
                    ),
                ),
                ("body_id", models.BigIntegerField(db_index=True, verbose_name="机关")),
                ("node_id", models.BigIntegerField(verbose_name="目录栏目")),
                ("published_on", models.DateField(verbose_name="发布日期")),
                ("title_seg", models.TextField(verbose_name="标题分词")),
                ("text_seg", models.TextField(verbose_name="正文分词")),
            ],
            options={
                "verbose_name": "检索索引",
                "verbose_name_plural": "检索索引",
                "indexes": [
                    models.Index(fields=["body_id", "published_on"], name="portal_sear_body_id_798053_idx")
                ],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        ),
    ]
