"""The two full-text backends: the same filters, the same clauses, one ranked page of item ids.

A clause is a tuple of alternative tokens (OR); all clauses must match (AND). The title weighs ten
times the text on SQLite (``bm25(portal_fts, 10.0, 1.0)``) and A against B on PostgreSQL
(``ts_rank_cd``). Ties are broken by publication date and id, newest first, on both. Both join the
item table and check it is published and 主动公开, whatever the index holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import connection

from ..public import PUBLIC_DISCLOSURE, PUBLIC_STATUS

Clauses = list[tuple[str, ...]]


@dataclass(frozen=True)
class Filters:
    body_id: int | None = None
    node_ids: list[int] | None = None
    start: date | None = None
    end: date | None = None


def _where(filters: Filters) -> tuple[list[str], list[object]]:
    sql = ["i.status = %s", "i.disclosure = %s"]
    params: list[object] = [PUBLIC_STATUS, PUBLIC_DISCLOSURE]
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


def _sqlite(clauses: Clauses, filters: Filters, limit: int, offset: int) -> tuple[list[int], int]:
    where, params = _where(filters)
    base = (
        "FROM portal_fts f JOIN portal_searchdocument d ON d.item_id = f.rowid "
        "JOIN disclosure_item i ON i.id = d.item_id "
        f"WHERE portal_fts MATCH %s AND {' AND '.join(where)}"
    )
    args = [_fts5_query(clauses), *params]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) {base}", args)
        total = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT d.item_id {base} ORDER BY bm25(portal_fts, 10.0, 1.0), d.published_on DESC, "
            "d.item_id DESC LIMIT %s OFFSET %s",
            [*args, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()], total


def _postgres(clauses: Clauses, filters: Filters, limit: int, offset: int) -> tuple[list[int], int]:
    where, params = _where(filters)
    query_sql = " && ".join(
        "(" + " || ".join("plainto_tsquery('simple', %s)" for _ in clause) + ")" for clause in clauses
    )
    query_args = [t for clause in clauses for t in clause]
    base = (
        f"FROM portal_searchdocument d JOIN disclosure_item i ON i.id = d.item_id, (SELECT {query_sql} AS q) AS q "
        f"WHERE d.tsv @@ q.q AND {' AND '.join(where)}"
    )
    args = [*query_args, *params]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) {base}", args)
        total = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT d.item_id {base} ORDER BY ts_rank_cd(d.tsv, q.q) DESC, d.published_on DESC, "
            "d.item_id DESC LIMIT %s OFFSET %s",
            [*args, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()], total


def ranked_ids(clauses: Clauses, filters: Filters, limit: int, offset: int) -> tuple[list[int], int]:
    """One page of matching item ids, best first, and the number of matches."""
    if connection.vendor == "sqlite":
        return _sqlite(clauses, filters, limit, offset)
    if connection.vendor == "postgresql":
        return _postgres(clauses, filters, limit, offset)
    raise NotImplementedError(f"全文检索不支持数据库 {connection.vendor}")
