"""Ranked substring search across every kind of record.

Plain SQL over one table of lower-cased text, because DuckDB's fts extension
cannot be fetched here and its tokenizer drops Chinese.  ``contains`` treats
``%``, ``_``, quotes and brackets as the characters they are.

Every whitespace-separated term must match.  Hits rank in tiers: the title
is the phrase, the id is, the title starts with it, the id does, the title
contains it, it contains every term, then the phrase or the terms are found
elsewhere (description, owner, place, tags).  Within a tier shorter titles
come first.

Scanning three million rows to sort every match would take a quarter of a
second, so tiers are filled one at a time and each stops early: exact and
prefix matches come from a sorted table of titles and ids that DuckDB prunes by block
statistics, and the substring tiers take the first matches they meet and
stop once there are enough.  Before a tier scans, the index of distinct
words (``planscope.store.queries.search_where``) says whether each term can be in a
title, a body or an id at all, and in which rows, so a query that matches
nothing, an id, or a word found only in descriptions reads the words, the
ids and the few rows that can match, not every title and body.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from planscope.store.queries.search_where import (
    Ranges,
    Term,
    both,
    either,
    phrase_in_titles,
    term_in_ids,
    term_in_words,
    within,
)
from planscope.store.results import Hit

MAX_TERMS = 8
SNIPPET = 60
#: How many matches a substring tier gathers before it stops scanning, per hit wanted.
GATHER = 5
#: The largest code point: every string that starts with p sorts below p + this.
_TOP = "\U0010ffff"
#: What every tier fetches; only the body tier adds the body (for snippets) and whether
#: the whole phrase is in the text.  Wide text columns are never fetched needlessly.
_FIELDS = "kind, id, plan_id, title, title_lc, kind_rank, ord"


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
    gather = max(limit * GATHER, 250)
    kind_sql, kind_params = ("", []) if not kinds else (" AND list_contains($K::VARCHAR[], kind)", [kinds])
    found: dict[tuple[str, str], tuple[int, tuple[object, ...]]] = {}

    def take(rows: list[tuple[object, ...]]) -> None:
        for row in rows:
            key = (str(row[0]), str(row[1]))
            score = _score(row, phrase, terms)
            if key not in found or found[key][0] < score:
                found[key] = (score, row)

    def run(
        where: str, params: list[object], n: int, extra: str = "NULL, false", rows: Ranges = None
    ) -> list[tuple[object, ...]]:
        if rows == []:
            return []  # no row can match
        sql = f"SELECT {_FIELDS}, {extra} FROM search_items WHERE {within(rows)}{where}{kind_sql}"
        sql = f"{sql} LIMIT {int(n)}".replace("$K", f"${len(params) + 1}")
        return con.execute(sql, params + kind_params).fetchall()

    # Fetching rows by position scans the table's columns, so fetch only as many as can show.
    # A record is in search_titles at most twice (its title and its id), so twice as many keys
    # hold enough records.  A plain scan with LIMIT keeps the table's order, so the same
    # database always gives the same hits (DISTINCT with LIMIT kept whichever thread was first).
    wanted = int(gather if kinds else limit)
    keys = con.execute(
        f"SELECT sid FROM search_titles WHERE key >= $1 AND key < $2 LIMIT {2 * wanted}",
        [phrase, phrase + _TOP],
    ).fetchall()
    sids = list(dict.fromkeys(sid for (sid,) in keys))[:wanted]
    if sids:
        take(run("rowid = ANY($1::BIGINT[])", [sids], gather))
    if len(found) >= limit:
        return _ranked(found, terms, limit)
    words = {t: term_in_words(con, t) for t in terms}
    # A row that holds every term in its title holds each in its title or its body.
    rows: Ranges = None
    for term in terms:
        rows = both(rows, words[term].rows)
    in_titles = all(w.in_title for w in words.values())
    if in_titles and (phrase in words or phrase_in_titles(con, phrase)):
        take(run("contains(title_lc, $1)", [phrase], gather, rows=rows))
    if len(found) < limit and len(terms) > 1 and in_titles:
        where = " AND ".join(f"contains(title_lc, ${i + 1})" for i in range(len(terms)))
        take(run(where, terms, gather, rows=rows))
    if len(found) < limit:
        body = f"body, contains(concat_ws(' ', title_lc, id_lc, body_lc), ${len(terms) + 1})"
        _elsewhere(
            con,
            terms,
            words,
            lambda where, rows: take(run(where, [*terms, phrase], gather, extra=body, rows=rows)),
            lambda: len(found) < limit,
        )
    return _ranked(found, terms, limit)


def _ranked(
    found: dict[tuple[str, str], tuple[int, tuple[object, ...]]], terms: list[str], limit: int
) -> list[Hit]:
    """The best ``limit`` of the rows found: by tier, then shorter titles, then load order."""
    ranked = sorted(found.values(), key=lambda item: (-item[0], len(str(item[1][3])), item[1][6]))
    return [
        Hit(str(r[0]), str(r[1]), r[2], str(r[3]), score, None if score >= 400 else snippet(r[7], terms))  # type: ignore[arg-type]
        for score, r in ranked[:limit]
    ]


def _elsewhere(
    con: duckdb.DuckDBPyConnection,
    terms: list[str],
    words: dict[str, Term],
    scan: Callable[[str, Ranges], None],
    short: Callable[[], bool],
) -> None:
    """The last tier: every term in the title, the body or the id, looking only where it can be.

    Ids are unique, so scanning them costs a string per record; they are read
    only for a term found in no title and no body, or when titles and bodies
    gave too few hits.  ``scan`` runs a condition on the rows that can match,
    ``short`` says whether more hits are wanted.
    """
    in_ids: dict[str, Ranges] = {}
    for term in terms:
        if not words[term].in_title and not words[term].in_body:
            in_ids[term] = term_in_ids(con, term)
            if in_ids[term] == []:
                return  # in no title, no body and no id: nothing holds every term

    def where(with_ids: bool) -> tuple[str, Ranges]:
        conds, rows = [], None
        for i, term in enumerate(terms):
            word = words[term]
            places = [c for c, here in (("title_lc", word.in_title), ("body_lc", word.in_body)) if here]
            here: Ranges = word.rows
            # A term whose ids were not looked at may be in any id.
            if with_ids and in_ids.get(term) != []:
                places.append("id_lc")
                here = either(here, in_ids.get(term))
            conds.append("(" + " OR ".join(f"contains({c}, ${i + 1})" for c in places) + ")")
            rows = both(rows, here)
        return " AND ".join(conds), rows

    if not in_ids:
        scan(*where(with_ids=False))
        if not short():
            return
        in_ids = {t: term_in_ids(con, t) for t in terms}
        if all(found == [] for found in in_ids.values()):
            return
    scan(*where(with_ids=True))


def _score(row: tuple[object, ...], phrase: str, terms: list[str]) -> int:
    """The tier of a matching row, less its kind's rank so plans outrank milestones in a tie."""
    title_lc, kind_rank, phrase_in_text = str(row[4]), int(row[5]), bool(row[8])  # type: ignore[call-overload]
    rid = str(row[1]).lower()
    if title_lc == phrase:
        tier = 1000
    elif rid == phrase:
        tier = 900
    elif title_lc.startswith(phrase):
        tier = 800
    elif rid.startswith(phrase):
        tier = 700
    elif phrase in title_lc:
        tier = 600
    elif all(t in title_lc for t in terms):
        tier = 400
    elif phrase_in_text:
        tier = 200
    else:
        tier = 100
    return tier - kind_rank


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
