"""Ranked substring search across every kind of record.

Plain SQL over one table of lower-cased text, because DuckDB's fts extension
cannot be fetched here and its tokenizer drops Chinese.  ``contains`` treats
``%``, ``_``, quotes and brackets as the characters they are.  Every
whitespace-separated term must match; the whole phrase in the title ranks
first: exact title, then title prefix, then anywhere in the title, then all
terms in the title, then the body.
"""

from __future__ import annotations

import duckdb

from store.results import Hit

MAX_TERMS = 8
SNIPPET = 60


def terms_of(query: str) -> list[str]:
    """The distinct lower-cased terms of a query, at most MAX_TERMS of them."""
    seen: list[str] = []
    for term in query.lower().split():
        if term not in seen:
            seen.append(term)
    return seen[:MAX_TERMS]


def search(
    con: duckdb.DuckDBPyConnection, query: str, *, kinds: list[str] | None = None, limit: int = 50
) -> list[Hit]:
    """Hits for ``query``, best first; an empty query finds nothing."""
    terms = terms_of(query)
    if not terms or limit <= 0:
        return []
    phrase = " ".join(query.lower().split())
    params: list[object] = [phrase]
    where = []
    for term in terms:
        params.append(term)
        where.append(f"contains(text_lc, ${len(params)})")
    in_title = " AND ".join(f"contains(title_lc, ${i + 2})" for i in range(len(terms)))
    if kinds:
        params.append(list(kinds))
        where.append(f"list_contains(${len(params)}::VARCHAR[], kind)")
    params.append(limit)
    sql = f"""
        SELECT kind, id, plan_id, title, body,
               CASE WHEN title_lc = $1 THEN 1000
                    WHEN starts_with(title_lc, $1) THEN 800
                    WHEN contains(title_lc, $1) THEN 600
                    WHEN {in_title} THEN 400
                    WHEN contains(text_lc, $1) THEN 200
                    ELSE 100 END - kind_rank AS score
        FROM search_items
        WHERE {" AND ".join(where)}
        ORDER BY score DESC, length(title), ord
        LIMIT ${len(params)}
    """
    rows = con.execute(sql, params).fetchall()
    return [
        Hit(kind, rid, plan_id, title, score, None if score >= 400 else snippet(body, terms))
        for kind, rid, plan_id, title, body, score in rows
    ]


def snippet(body: str | None, terms: list[str]) -> str | None:
    """A short piece of ``body`` around the first term found in it."""
    if not body:
        return None
    lowered = body.lower()
    at = min((i for t in terms if (i := lowered.find(t)) >= 0), default=-1)
    if at < 0:
        return None
    start = max(0, at - SNIPPET // 3)
    text = body[start : start + SNIPPET]
    return ("..." if start else "") + text + ("..." if start + SNIPPET < len(body) else "")


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the query's terms occur in ``text``, for highlighting (case-insensitive)."""
    lowered = text.lower()
    spans: list[tuple[int, int]] = []
    for term in terms_of(query):
        start = lowered.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = lowered.find(term, start + len(term))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged
