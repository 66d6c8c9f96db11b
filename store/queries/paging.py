"""One page of a query's rows and how many rows there are in all, the way every paged pane asks."""

from __future__ import annotations

from typing import Any

import duckdb


def counted_page(
    con: duckdb.DuckDBPyConnection, count_sql: str, rows_sql: str, params: list[Any], offset: int, limit: int
) -> tuple[list[tuple[Any, ...]], int]:
    """The rows ``offset`` to ``offset + limit`` of ``rows_sql``, and the total ``count_sql`` finds.

    Both queries take ``params``; the page's LIMIT and OFFSET are appended to
    ``rows_sql`` as the next two parameters, so it must end with its ORDER BY.
    """
    found = con.execute(count_sql, params).fetchone()
    n = len(params)
    rows = con.execute(f"{rows_sql} LIMIT ${n + 1} OFFSET ${n + 2}", [*params, limit, offset]).fetchall()
    return rows, int(found[0]) if found else 0
