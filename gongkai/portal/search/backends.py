"""The two full-text backends: the same filters, the same clauses, the same ranking.

A clause is a tuple of alternative tokens (OR); all clauses must match (AND). The database only
finds matches — FTS5 on SQLite, a GIN-indexed ``tsvector`` on PostgreSQL — and hands back the
newest ``WINDOW`` of them within the filters (newest = highest item id), with their segmented
title and text. Ranking happens here, in one function for both databases, so both order results
alike: for each clause its best alternative counts ten times in the title and once in the text.

Why a window: ranking every match in the database (bm25 / ts_rank_cd) costs time in proportion to
the matches — a common word matches a third of a million items — while the newest matches come
straight off the index in id order. Past ``WINDOW`` matches the count says "more than"; a visitor
narrows by date, body or catalogue node, and the window follows the filters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper

WINDOW = 1000
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


def _where(filters: Filters) -> tuple[list[str], list[object]]:
    sql: list[str] = []
    params: list[object] = []
    if filters.body_id is not None:
        sql.append("d.body_id = %s")
        params.append(filters.body_id)
    if filters.node_ids is not None:
        sql.append(f"d.node_id IN ({', '.join(['%s'] * len(filters.node_ids))})")
        params.extend(filters.node_ids)
    if filters.start is not None:
        sql.append("d.published_on >= %s")
        params.append(filters.start)
    if filters.end is not None:
        sql.append("d.published_on <= %s")
        params.append(filters.end)
    return sql, params


def _fts5_query(clauses: Clauses) -> str:
    def quoted(token: str) -> str:
        return '"' + token.replace('"', '""') + '"'

    return " AND ".join("(" + " OR ".join(quoted(t) for t in clause) + ")" for clause in clauses)


# The first TEXT_CHARS of the text are scored: enough for an item's gist, bounded for long ones.
TEXT_CHARS = 1000
# Title and text come back spaced for counting (see ``scorer``): every space doubled, one at each end.
_COLUMNS = (
    "d.item_id, replace(' ' || d.title_seg || ' ', ' ', '  '), "
    f"replace(' ' || substr(d.text_seg, 1, {TEXT_CHARS}) || ' ', ' ', '  '), d.published_on"
)
Row = tuple[int, str, str, date]


def _sqlite(clauses: Clauses, filters: Filters) -> list[Row]:
    """The filters are checked on the narrow index ``portal_doc_filters`` (``k``) and the texts read
    only for the rows that pass (``d``): with a narrow date range most matches fail, and reading
    their texts cost more than the rest of the search. CROSS JOIN keeps that order."""
    where, params = _where(filters)
    sql = (
        f"SELECT {_COLUMNS} FROM portal_fts f "
        "CROSS JOIN portal_searchdocument k INDEXED BY portal_doc_filters "
        "CROSS JOIN portal_searchdocument d "
        "WHERE portal_fts MATCH %s AND k.item_id = f.rowid AND d.item_id = f.rowid "
        f"{''.join(' AND ' + w.replace('d.', 'k.') for w in where)} ORDER BY f.rowid DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_fts5_query(clauses), *params, WINDOW + 1])
        return cursor.fetchall()


# PostgreSQL: the ids the first walk covers, and the most a second walk may cover (see _postgres).
WALK_IDS = 30_000
MAX_WALK_IDS = 150_000
# … and how few rows the filters must leave below the walks to be tested one by one.
FEW_ROWS = 20_000


def _postgres(clauses: Clauses, filters: Filters) -> list[Row]:
    """The newest ``WINDOW + 1`` matches, found by walking the newest ids first, then by the planner.

    Left to itself the planner misjudges how many rows match: it multiplies the shares of the
    query's tokens, but the tokens of one word (光明里 → 光明, 里) come together, so it expects a
    few thousand matches where there are a hundred thousand, fetches every one of them from the
    heap and sorts (0.2–0.5 s at 1,000,000 items). Walking the primary key backwards and testing
    each row stops after the newest matches: cheap when matches are dense, ruinous when they are
    rare. So: walk the newest ``WALK_IDS`` ids; if the matches found there say the window fills
    within ``MAX_WALK_IDS`` more, walk that far; what is still missing comes from the rows the
    filters leave, tested one by one when they are at most ``FEW_ROWS``, else from the planner's
    own plan (bitmap scans, right for rare matches). Same rows as one query would give.
    """
    where, params = _where(filters)
    query_sql = " && ".join(
        "(" + " || ".join("plainto_tsquery('simple', %s)" for _ in clause) + ")" for clause in clauses
    )
    terms = [t for clause in clauses for t in clause]
    base = (
        f"SELECT {_COLUMNS} FROM portal_searchdocument d WHERE d.tsv @@ ({query_sql}) "
        f"{''.join(' AND ' + w for w in where)}"
    )
    wanted = WINDOW + 1
    rows: list[Row] = []
    nested = connection.in_atomic_block  # else the settings below end with the transaction
    with transaction.atomic(), connection.cursor() as cursor:
        # One round trip: the newest id, the setting as it was, and for this transaction no bitmap
        # scans (so that the walk is a walk). The CTE reads the old value first. (JIT, which
        # compiled such walks for ~20 ms, is off for every connection: settings.database_from_url.)
        cursor.execute(
            "WITH was AS MATERIALIZED (SELECT current_setting('enable_bitmapscan') AS bitmap) "
            "SELECT (SELECT max(item_id) FROM portal_searchdocument), bitmap, "
            "set_config('enable_bitmapscan', 'off', true) FROM was"
        )
        top, bitmap_was, _ = cursor.fetchone()
        done = top is None  # no document at all
        high, span = top or 0, WALK_IDS
        for walk in (1, 2):
            if done or not span:
                break
            low = max(0, high - span)
            cursor.execute(
                f"{base} AND d.item_id <= %s AND d.item_id > %s ORDER BY d.item_id DESC LIMIT %s",
                [*terms, *params, high, low, wanted - len(rows)],
            )
            rows.extend(cursor.fetchall())
            done = len(rows) >= wanted or low == 0
            high, span = low, _next_walk(len(rows), top - low) if walk == 1 else 0
        if not done and where and _at_most(cursor, where, params, high, FEW_ROWS):
            # The filters leave few rows below the walks (a narrow date range, a small body): test
            # them one by one, found by the filters' indexes. A bitmap scan of the text index
            # would first read every posting of a common word (~60 ms for 光明里), whatever the
            # filters. The CTE keeps ORDER BY … LIMIT from steering the planner into a walk.
            cursor.execute(
                f"WITH f AS MATERIALIZED ({base} AND d.item_id <= %s) SELECT * FROM f ORDER BY 1 DESC LIMIT %s",
                [*terms, *params, high, wanted - len(rows)],
            )
            rows.extend(cursor.fetchall())
            done = True
        if not done or nested:  # the planner's plan may use bitmaps; an outer transaction goes on
            cursor.execute("SELECT set_config('enable_bitmapscan', %s, true)", [bitmap_was])
        if not done:
            cursor.execute(
                f"{base} AND d.item_id <= %s ORDER BY d.item_id DESC LIMIT %s",
                [*terms, *params, high, wanted - len(rows)],
            )
            rows.extend(cursor.fetchall())
    return rows


def _at_most(cursor: CursorWrapper, where: list[str], params: list[object], high: int, limit: int) -> bool:
    """Whether at most ``limit`` rows up to id ``high`` pass the filters (counting stops past it)."""
    cursor.execute(
        "SELECT count(*) FROM (SELECT 1 FROM portal_searchdocument d "
        f"WHERE {' AND '.join(where)} AND d.item_id <= %s LIMIT %s) s",
        [*params, high, limit + 1],
    )
    return cursor.fetchone()[0] <= limit


def _next_walk(found: int, walked: int) -> int:
    """How many more ids to walk after the first walk (0: let the planner find the rest): as far as
    the matches found so far say the window will fill, with half as much again to spare."""
    if not found:
        return 0
    need = (WINDOW + 1 - found) * walked // found * 3 // 2
    return need if need <= MAX_WALK_IDS else 0


def spaced(segmented: str) -> str:
    """A segmented text (tokens joined by spaces) as ``scorer`` counts in it: every space doubled
    and one at each end, so that " token " matches every whole token, neighbours included. The
    databases hand texts over spaced already (``_COLUMNS``)."""
    return f" {segmented.replace(' ', '  ')} "


def scorer(clauses: Clauses) -> Callable[[str, str], int]:
    """The score of a (spaced title, spaced text) for the query: title hits weigh ``TITLE_WEIGHT``
    times text hits; each clause counts its best alternative.

    str.count runs in C; splitting a thousand texts would not. The patterns are made once per
    query and the loop is plain: it runs for every match, most clauses having one alternative."""
    singles = [f" {clause[0]} " for clause in clauses if len(clause) == 1]
    groups = [[f" {t} " for t in clause] for clause in clauses if len(clause) > 1]
    weight = TITLE_WEIGHT

    def score_of(title: str, text: str) -> int:
        total = 0
        for p in singles:
            total += weight * title.count(p) + text.count(p)
        for alternatives in groups:
            best = 0
            for p in alternatives:
                value = weight * title.count(p) + text.count(p)
                if value > best:
                    best = value
            total += best
        return total

    return score_of


def score(clauses: Clauses, title_seg: str, text_seg: str) -> int:
    return scorer(clauses)(spaced(title_seg), spaced(text_seg))


def ranked_ids(clauses: Clauses, filters: Filters, limit: int, offset: int) -> Ranked:
    """One page of matching item ids, best first, among the newest WINDOW matches."""
    if connection.vendor == "sqlite":
        rows = _sqlite(clauses, filters)
    elif connection.vendor == "postgresql":
        rows = _postgres(clauses, filters)
    else:
        raise NotImplementedError(f"全文检索不支持数据库 {connection.vendor}")
    more = len(rows) > WINDOW
    rows = rows[:WINDOW]
    score_of = scorer(clauses)
    keyed = sorted((-score_of(title, text), -day.toordinal(), -pk) for pk, title, text, day in rows)
    return Ranked([-key[2] for key in keyed[offset : offset + limit]], len(rows), more)
