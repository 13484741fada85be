"""The two full-text backends: the same filters, the same clauses, the same ranking.

A clause is a tuple of alternative tokens (OR); all clauses must match (AND). The database only
finds matches — FTS5 on SQLite, a GIN-indexed ``tsvector`` on PostgreSQL — and hands back the
newest ``WINDOW`` of them within the filters (newest = highest item id), each with its score. The
score is SQL written here once for both databases (``_score_sql``), so both order results alike:
for each clause its best alternative counts ten times in the title and once in the text. Counting
in the database spares handing hundreds of texts over (transfer and decoding cost more than the
counting: ~9 µs a match against ~1 µs).

Why a window: ranking every match in the database (bm25 / ts_rank_cd) costs time in proportion to
the matches — a common word matches a third of a million items — while the newest matches come
straight off the index in id order. Past ``WINDOW`` matches the count says "more than"; a visitor
narrows by date, body or catalogue node, and the window follows the filters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Any

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper

from gongkai.portal.rules.segment import is_character

# 500 newest matches are ranked: 50 pages of 10, more than visitors read, and half the work of 1,000
# (at 1,000,000 items on PostgreSQL, the database part of a search p95 ~40 ms with 1,000, ~20 with 500).
WINDOW = 500
TITLE_WEIGHT = 10

Clauses = list[tuple[str, ...]]


@dataclass(frozen=True)
class Filters:
    body_id: int | None = None
    node_ids: list[int] | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Ranked:
    ids: list[int]  # the requested page, best first
    total: int  # matches found, at most WINDOW
    more: bool  # there are more than WINDOW matches


def _where(filters: Filters, column: str = "d.{}") -> tuple[list[str], list[Any]]:
    """The filters as SQL conditions on ``column`` (a format for the column's name), and their values."""
    sql: list[str] = []
    params: list[Any] = []
    if filters.body_id is not None:
        sql.append(f"{column.format('body_id')} = %s")
        params.append(filters.body_id)
    if filters.node_ids is not None:
        sql.append(f"{column.format('node_id')} IN ({', '.join(['%s'] * len(filters.node_ids))})")
        params.extend(filters.node_ids)
    if filters.start is not None:
        sql.append(f"{column.format('published_on')} >= %s")
        params.append(filters.start)
    if filters.end is not None:
        sql.append(f"{column.format('published_on')} <= %s")
        params.append(filters.end)
    return sql, params


def _fts5_query(clauses: Clauses, filters: Filters) -> str:
    """The MATCH expression: the words in the title, text and single characters (migration 0008); the
    body or catalogue nodes as scope tokens (migration 0007), so that FTS5 intersects them with the
    words."""

    def quoted(token: str) -> str:
        return '"' + token.replace('"', '""') + '"'

    words = " AND ".join("(" + " OR ".join(quoted(t) for t in clause) + ")" for clause in clauses)
    query = f"{{title_seg text_seg chars}} : ({words})"
    if filters.node_ids is not None:
        return query + " AND scope : (" + " OR ".join(f'"n{pk}"' for pk in filters.node_ids) + ")"
    if filters.body_id is not None:
        return query + f' AND scope : "b{filters.body_id}"'
    return query


# The first TEXT_CHARS of the text are scored: enough for an item's gist, bounded for long ones.
TEXT_CHARS = 1000


# Title (t) and text (x) spaced for counting: every space doubled and one at each end, so that
# " token " matches every whole token, neighbours included. ``_scored`` counts in them.
def _spaced(title: str, text: str) -> str:
    """SQL for the spaced title ``t`` and text ``x`` of the given column expressions."""
    return (
        f"replace(' ' || {title} || ' ', ' ', '  ') AS t, "
        f"replace(' ' || substr({text}, 1, {TEXT_CHARS}) || ' ', ' ', '  ') AS x"
    )


_COLUMNS = f"d.item_id, {_spaced('d.title_seg', 'd.text_seg')}, d.published_on"
Row = tuple[int, int, date | str]  # item id, score, published (SQLite may hand the date over as text)


def _score_sql(clauses: Clauses) -> tuple[str, list[Any]]:
    """The score of a row ``w`` with spaced title ``w.t`` and text ``w.x`` as SQL, and its parameters:
    title hits weigh ``TITLE_WEIGHT`` times text hits; each clause counts its best alternative.

    A token's hits are the length the text loses when they are cut out, over the pattern's length:
    ``replace`` and ``length`` run in C on both databases (bytes on PostgreSQL, characters on SQLite:
    the same quotient). A single Chinese character is counted wherever it stands (路 in 道路), as it
    was matched (migration 0008)."""
    postgres = connection.vendor == "postgresql"
    length, best = ("octet_length", "GREATEST") if postgres else ("length", "max")
    params: list[Any] = []

    def hits(column: str, pattern: str) -> str:
        params.extend([pattern, pattern])
        return f"({length}({column}) - {length}(replace({column}, %s, ''))) / {length}(%s)"

    def value(token: str) -> str:
        pattern = token if is_character(token) else f" {token} "
        return f"{TITLE_WEIGHT} * {hits('w.t', pattern)} + {hits('w.x', pattern)}"

    parts = []
    for clause in clauses:
        values = [value(token) for token in clause]
        parts.append(values[0] if len(values) == 1 else f"{best}({', '.join(values)})")
    return " + ".join(f"({part})" for part in parts), params


def _scored(sql: str, score: str) -> str:
    """A statement giving ``_COLUMNS`` rows, as one giving ``Row`` rows."""
    return f"SELECT w.item_id, {score}, w.published_on FROM ({sql}) w"


def _sqlite(clauses: Clauses, filters: Filters) -> list[Row]:
    """The filters are checked on the narrow index ``portal_doc_filters`` (``k``) and the texts read
    only for the rows that pass (``d``): with a narrow date range most matches fail, and reading
    their texts cost more than the rest of the search. CROSS JOIN keeps that order.

    FTS5 hands matches over newest first; with filters it starts at the highest id the body and
    dates can hold and stops at the lowest (``_id_bounds``), instead of reading every match newer
    than a range in the past, or every match at all for a range that holds no item."""
    where, params = _where(filters, "k.{}")
    score, score_params = _score_sql(clauses)
    with connection.cursor() as cursor:
        bounds = _id_bounds(cursor, filters)
        if bounds is not None:
            if bounds[0] is None:  # no item was ever published within the filters
                return []
            where.insert(0, "f.rowid BETWEEN %s AND %s")
            params[:0] = bounds
        sql = (
            f"SELECT {_COLUMNS} FROM portal_fts f "
            "CROSS JOIN portal_searchdocument k INDEXED BY portal_doc_filters "
            "CROSS JOIN portal_searchdocument d "
            "WHERE portal_fts MATCH %s AND k.item_id = f.rowid AND d.item_id = f.rowid "
            f"{''.join(' AND ' + w for w in where)} ORDER BY f.rowid DESC LIMIT %s"
        )
        cursor.execute(
            _scored(sql, score), [*score_params, _fts5_query(clauses, filters), *params, WINDOW + 1]
        )
        return cursor.fetchall()


def _id_bounds(cursor: CursorWrapper, filters: Filters) -> tuple[int | None, int | None] | None:
    """The lowest and highest id the filters' body and dates can hold (``None, None``: none), from
    each day's lowest and highest id (``portal_fts_days``, body 0 for all bodies: migration 0006);
    ``None`` without such filters."""
    if filters.body_id is None and filters.start is None and filters.end is None:
        return None
    days: list[str] = ["body_id = %s"]
    params: list[Any] = [filters.body_id or 0]
    if filters.start is not None:
        days.append("day >= %s")
        params.append(filters.start)
    if filters.end is not None:
        days.append("day <= %s")
        params.append(filters.end)
    cursor.execute(f"SELECT min(low), max(high) FROM portal_fts_days WHERE {' AND '.join(days)}", params)
    return cursor.fetchone()


# PostgreSQL: the ids the first walk covers, and the most a second walk may cover (see _postgres).
WALK_IDS = 30_000
MAX_WALK_IDS = 150_000
# … and how few rows the filters must leave below a walk to be tested one by one, and what testing
# a row in the table costs in index entries walked.
FEW_ROWS = 20_000
ROW_COST = 4


def _postgres(clauses: Clauses, filters: Filters) -> list[Row]:
    """The newest ``WINDOW + 1`` matches, found by walking the newest ids first, then by the planner.

    Left to itself the planner misjudges how many rows match: it multiplies the shares of the
    query's tokens, but the tokens of one word (光明里 → 光明, 里) come together, so it expects a
    few thousand matches where there are a hundred thousand, fetches every one of them from the
    heap and sorts (0.2–0.5 s at 1,000,000 items). Walking the ids backwards and testing each row
    stops after the newest matches: cheap when matches are dense, ruinous when they are rare. So:
    walk the newest ``WALK_IDS`` ids; if the matches found there say the window fills within
    ``MAX_WALK_IDS`` more, walk that far. After each walk, when the filters leave at most
    ``FEW_ROWS`` rows below it, and testing them costs less than walking on, they are tested one
    by one instead. What is still missing comes from the planner's own plan (bitmap scans, right
    for rare matches). Same rows as one query would give.

    A walk reads the covering index ``portal_doc_filters`` (with the signature: migration 0004):
    the filters and each row's lexeme signature are tested there, and only the rows whose
    signature can match are fetched and tested against ``tsv`` — a quarter of the cost of testing
    every row in the table.
    """
    where, params = _where(filters)
    # In the walk the filters are tested in the index, never used to find rows (``+ 0``): where dates
    # follow the ids the planner takes a date range for rare and would fetch and sort every row of it.
    walk_where, _ = _where(filters, "(k.{} + 0)")
    query_sql = " && ".join(
        "(" + " || ".join("plainto_tsquery('simple', %s)" for _ in clause) + ")" for clause in clauses
    )
    terms = [t for clause in clauses for t in clause]
    # A single character is not in the signature (migration 0008): no lexemes, it tests nothing there.
    signed = ["" if is_character(t) else t for t in terms]
    base = (
        f"SELECT {_COLUMNS} FROM portal_searchdocument d WHERE d.tsv @@ ({query_sql}) "
        f"{''.join(' AND ' + w for w in where)}"
    )
    lexemes = ", ".join(
        "ARRAY(SELECT DISTINCT hash FROM unnest(tsvector_to_array(to_tsvector('simple', %s))) lexeme, "
        "unnest(portal_lexeme_hashes(lexeme)) hash)"
        for _ in terms
    )
    wanted = WINDOW + 1
    rows: list[Row] = []
    nested = connection.in_atomic_block  # else the settings below end with the transaction
    with transaction.atomic(), connection.cursor() as cursor:
        # One round trip: the newest id, the settings as they were, for this transaction no bitmap
        # scans (so that the walk is a walk) and no parallel workers (starting them took ~25 ms of
        # a 10 ms walk), and the signature bits of each term's lexemes. The CTE reads the old
        # values first. (JIT, which compiled such walks for ~20 ms, is off for every connection:
        # settings.database_from_url.)
        cursor.execute(
            "WITH was AS MATERIALIZED (SELECT current_setting('enable_bitmapscan') AS bitmap, "
            "current_setting('max_parallel_workers_per_gather') AS workers) "
            "SELECT (SELECT max(item_id) FROM portal_searchdocument), bitmap, workers, "
            "set_config('enable_bitmapscan', 'off', true), "
            f"set_config('max_parallel_workers_per_gather', '0', true), {lexemes} FROM was",
            signed,
        )
        top, bitmap_was, workers_was, _, _, *hashes = cursor.fetchone()
        signature, signature_params = _signature_test(clauses, hashes)
        score, score_params = _score_sql(clauses)
        walk = (
            f"SELECT {_COLUMNS} FROM (SELECT k.item_id FROM portal_searchdocument k WHERE {signature}"
            f"{''.join(' AND ' + w for w in walk_where)} "
            "AND k.item_id <= %s AND k.item_id > %s ORDER BY k.item_id DESC) k "
            "CROSS JOIN LATERAL (SELECT d.item_id, d.title_seg, d.text_seg, d.published_on "
            f"FROM portal_searchdocument d WHERE d.item_id = k.item_id AND d.tsv @@ ({query_sql}) "
            "OFFSET 0) d ORDER BY k.item_id DESC LIMIT %s"
        )
        done = top is None  # no document at all
        high, span = top or 0, WALK_IDS
        for step in (1, 2):
            if done or not span:
                break
            low = max(0, high - span)
            cursor.execute(
                _scored(walk, score),
                [*score_params, *signature_params, *params, high, low, *terms, wanted - len(rows)],
            )
            rows.extend(cursor.fetchall())
            done = len(rows) >= wanted or low == 0
            high, span = low, _next_walk(len(rows), top - low) if step == 1 else 0
            if done or not where:
                continue
            # Do the filters leave few rows below the walk (a narrow date range, a small body)?
            # Then test those one by one, found by the filters' indexes, rather than walk on: a row
            # tested in the table costs about ROW_COST index entries walked. A bitmap scan of the
            # text index would first read every posting of a common word (~60 ms for 光明里),
            # whatever the filters. The CTE keeps ORDER BY … LIMIT from steering the planner into
            # a walk.
            left = _rows_below(cursor, where, params, high, FEW_ROWS)
            if left <= FEW_ROWS and (not span or left * ROW_COST <= span):
                cursor.execute(
                    _scored(
                        f"WITH f AS MATERIALIZED ({base} AND d.item_id <= %s) "
                        "SELECT * FROM f ORDER BY 1 DESC LIMIT %s",
                        score,
                    ),
                    [*score_params, *terms, *params, high, wanted - len(rows)],
                )
                rows.extend(cursor.fetchall())
                done = True
        if not done or nested:  # the planner's plan may use bitmaps; an outer transaction goes on
            cursor.execute(
                "SELECT set_config('enable_bitmapscan', %s, true), "
                "set_config('max_parallel_workers_per_gather', %s, true)",
                [bitmap_was, workers_was],
            )
        if not done:
            cursor.execute(
                _scored(f"{base} AND d.item_id <= %s ORDER BY d.item_id DESC LIMIT %s", score),
                [*score_params, *terms, *params, high, wanted - len(rows)],
            )
            rows.extend(cursor.fetchall())
    return rows


def _signature_test(clauses: Clauses, hashes: list[list[int]]) -> tuple[str, list[Any]]:
    """SQL true for every row whose signature ``k.sig`` has the bits of the query (migration 0004),
    and its parameters: ``hashes`` holds the lexeme hashes of each term, clause by clause. A term
    without lexemes tests nothing: the signature may only let too much through."""
    clauses_sql: list[str] = []
    params: list[Any] = []
    terms = iter(hashes)
    for clause in clauses:
        alternatives = [sorted(next(terms)) for _ in clause]
        if any(not bits for bits in alternatives):
            continue
        clauses_sql.append(
            "("
            + " OR ".join(
                "(" + " AND ".join(["get_bit(k.sig, mod(%s, 8 * length(k.sig))) = 1"] * len(bits)) + ")"
                for bits in alternatives
            )
            + ")"
        )
        params.extend(h for bits in alternatives for h in bits)
    return " AND ".join(clauses_sql) or "TRUE", params


def _rows_below(cursor: CursorWrapper, where: list[str], params: list[Any], high: int, limit: int) -> int:
    """How many rows up to id ``high`` pass the filters, counted up to ``limit + 1`` (in the indexes
    that end with the id: migration 0005)."""
    cursor.execute(
        "SELECT count(*) FROM (SELECT 1 FROM portal_searchdocument d "
        f"WHERE {' AND '.join(where)} AND d.item_id <= %s LIMIT %s) s",
        [*params, high, limit + 1],
    )
    return cursor.fetchone()[0]


def _next_walk(found: int, walked: int) -> int:
    """How many more ids to walk after the first walk (0: let the planner find the rest): as far as
    the matches found so far say the window will fill, with half as much again to spare."""
    if not found:
        return 0
    need = (WINDOW + 1 - found) * walked // found * 3 // 2
    return need if need <= MAX_WALK_IDS else 0


def score(clauses: Clauses, title_seg: str, text_seg: str) -> int:
    """The score the database gives a title and text (segmented) for the query: ``_score_sql`` alone."""
    sql, params = _score_sql(clauses)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql} FROM (SELECT {_spaced('%s', '%s')}) w", [*params, title_seg, text_seg])
        return cursor.fetchone()[0]


def ranked_ids(
    clauses: Clauses, filters: Filters, limit: int, offset: int, first: Sequence[int] = ()
) -> Ranked:
    """One page of matching item ids, best first (then newest), among the newest WINDOW matches;
    the ids ``first`` (exact 文号/索引号 matches) before them, each once."""
    if connection.vendor == "sqlite":
        rows = _sqlite(clauses, filters)
    elif connection.vendor == "postgresql":
        rows = _postgres(clauses, filters)
    else:
        raise NotImplementedError(f"全文检索不支持数据库 {connection.vendor}")
    more = len(rows) > WINDOW
    rows = sorted(rows, key=itemgetter(0), reverse=True)[:WINDOW]
    ranked = sorted(rows, key=itemgetter(1, 2, 0), reverse=True)
    pinned = set(first)
    ids = [*first, *(row[0] for row in ranked if row[0] not in pinned)]
    return Ranked(ids[offset : offset + limit], len(ids), more)
