"""PostgreSQL: each document's lexemes as a bit signature, kept in a covering index for the search walk.

The search walks the newest rows and tests each one (``search.backends._postgres``). Testing a row
in the table costs a heap fetch (~0.5–1 µs at 1,000,000 items); testing its signature in an
index-only scan of ``portal_doc_filters`` costs a quarter of that, and only the rows whose signature
holds a bit for every lexeme of the query are fetched and tested against ``tsv``.

The signature sets two bits per lexeme (the two halves of its 64-bit hash, modulo the length), with 16
bits for each lexeme rounded up to a power of two, 256 to 8,192 bits: a lexeme a document lacks
finds both its bits set in 1–2 % of documents (more for documents of over 512 lexemes). Two bits,
not one: with one, a lexeme whose bit a frequent lexeme shares passed in a quarter of documents. A
signature only ever lets too much through, never too little: the ``tsv`` test decides. The hash
is PostgreSQL's ``hashtextextended``, which hash partitions rely on staying the same; were a major
version ever to change it, ``gongkai reindex`` writes every row, and so every signature, again.

Autovacuum is told to visit the table after every thousand new rows: an index-only scan reads the
heap for pages not yet marked all-visible, and the walk starts with the newest pages.
"""

from django.db import migrations

# The model's portal_doc_filters, with the signature: so no narrower index with the same key tempts the
# planner into reading the table for every row (it takes a date filter for rare where dates follow ids).
WALK_INDEX = (
    "CREATE INDEX portal_doc_filters ON portal_searchdocument (item_id, body_id, published_on, node_id) "
    "INCLUDE (sig)"
)
FILTERS_INDEX = "CREATE INDEX portal_doc_filters ON portal_searchdocument (item_id, body_id, published_on, node_id)"
POSTGRES = [
    # Both halves of PostgreSQL's own 64-bit text hash (the one hash partitioning relies on).
    """CREATE FUNCTION portal_lexeme_hashes(lexeme text) RETURNS integer[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT ARRAY[(hashtextextended(lexeme, 0) & 2147483647)::integer,
                       ((hashtextextended(lexeme, 0) >> 32) & 2147483647)::integer] $$""",
    """CREATE FUNCTION portal_signature(doc tsvector) RETURNS bytea
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
    DECLARE
      bits integer := 256;
      sig bytea;
      hash integer;
    BEGIN
      WHILE bits < 16 * length(doc) AND bits < 8192 LOOP
        bits := bits * 2;
      END LOOP;
      sig := decode(repeat('00', bits / 8), 'hex');
      FOREACH hash IN ARRAY ARRAY(
        SELECT unnest(portal_lexeme_hashes(lexeme)) FROM unnest(tsvector_to_array(doc)) lexeme
      ) LOOP
        sig := set_bit(sig, hash % bits, 1);
      END LOOP;
      RETURN sig;
    END $$""",
    "ALTER TABLE portal_searchdocument ADD COLUMN sig bytea",
    """CREATE OR REPLACE FUNCTION portal_searchdocument_tsv() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.tsv := setweight(to_tsvector('simple', NEW.title_seg), 'A')
              || setweight(to_tsvector('simple', NEW.text_seg), 'B');
      NEW.sig := portal_signature(NEW.tsv);
      RETURN NEW;
    END $$""",
    # the rows there are: their tsv stands, so the trigger need not parse their texts again
    "ALTER TABLE portal_searchdocument DISABLE TRIGGER portal_searchdocument_tsv",
    "UPDATE portal_searchdocument SET sig = portal_signature(tsv)",
    "ALTER TABLE portal_searchdocument ENABLE TRIGGER portal_searchdocument_tsv",
    "DROP INDEX portal_doc_filters",
    WALK_INDEX,
    "ALTER TABLE portal_searchdocument SET (autovacuum_vacuum_insert_threshold = 1000, "
    "autovacuum_vacuum_insert_scale_factor = 0)",
]
POSTGRES_REVERSE = [
    "ALTER TABLE portal_searchdocument RESET (autovacuum_vacuum_insert_threshold, "
    "autovacuum_vacuum_insert_scale_factor)",
    "DROP INDEX IF EXISTS portal_doc_filters",
    FILTERS_INDEX,
    """CREATE OR REPLACE FUNCTION portal_searchdocument_tsv() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.tsv := setweight(to_tsvector('simple', NEW.title_seg), 'A')
              || setweight(to_tsvector('simple', NEW.text_seg), 'B');
      RETURN NEW;
    END $$""",
    "ALTER TABLE portal_searchdocument DROP COLUMN IF EXISTS sig",
    "DROP FUNCTION IF EXISTS portal_signature(tsvector)",
    "DROP FUNCTION IF EXISTS portal_lexeme_hashes(text)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":  # SQLite's FTS5 needs no signature
            for sql in statements:
                schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_search_date_index")]

    operations = [migrations.RunPython(_run(POSTGRES), _run(POSTGRES_REVERSE))]
