"""Search reads only the rows the word index and the id blocks point at, and finds what a full scan finds.

The generated database has several blocks of search_items rows (TOKEN_BLOCK
each), so a term's rows are real ranges, not the whole table.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from planscope.store.build.search_index import TOKEN_BLOCK
from planscope.store.queries import search, search_where
from planscope.store.queries.search_where import both, either, term_in_ids, term_in_words, within


@pytest.fixture
def cur(gen_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """One thread, so a tier that stops at its first matches meets them in the same order every time."""
    connection = duckdb.connect(str(gen_db), read_only=True)
    connection.execute("SET threads = 1")
    yield connection
    connection.close()


def texts(cur: duckdb.DuckDBPyConnection) -> list[tuple[int, str, str]]:
    return cur.execute("SELECT rowid, id, text_lc FROM search_items ORDER BY rowid").fetchall()


def queries(cur: duckdb.DuckDBPyConnection) -> list[str]:
    """Terms from every place a record is found by: title words, description words, ids and their middles."""
    desc = cur.execute(
        "SELECT lower(description) FROM indicators WHERE description LIKE '% %' ORDER BY ord LIMIT 1"
    ).fetchone()[0]  # type: ignore[index]
    title = cur.execute("SELECT title_lc FROM search_items WHERE kind = 'milestone' LIMIT 1").fetchone()[0]  # type: ignore[index]
    ids = [r for (r,) in cur.execute("SELECT id_lc FROM search_items WHERE rowid % 1999 = 7").fetchall()]
    words = desc.split()[:3] + title.split()[:2]
    return [
        *words,
        *ids,
        *(i[2:-1] for i in ids),
        f"{words[0]} {words[1]}",
        f"{words[0]} {ids[-1]}",
        "zqxjv",
        "-00",
        "smart port",
    ]


def test_the_database_spans_several_blocks(cur: duckdb.DuckDBPyConnection) -> None:
    assert len(texts(cur)) > 2 * TOKEN_BLOCK


def test_every_match_lies_in_the_rows_the_index_names(cur: duckdb.DuckDBPyConnection) -> None:
    items = texts(cur)
    for term in (t for q in queries(cur) for t in search.terms_of(q)):
        word = term_in_words(cur, term)
        ids = term_in_ids(cur, term)
        rows = either(word.rows, ids)
        matching = [rowid for rowid, _, text in items if term in text]
        assert all(rows is None or any(a <= r <= b for a, b in rows) for r in matching), term
        title_or_body = cur.execute(
            "SELECT count(*) FROM search_items WHERE contains(title_lc, $1) OR contains(body_lc, $1)", [term]
        ).fetchone()[0]  # type: ignore[index]
        assert (word.in_title or word.in_body) == (title_or_body > 0), term
        assert (ids != []) == any(term in rid for _, rid, _ in items), term


def test_search_finds_every_record_that_holds_every_term(cur: duckdb.DuckDBPyConnection) -> None:
    items = texts(cur)
    for query in queries(cur):
        terms = search.terms_of(query)
        expected = {rid for _, rid, text in items if all(t in text for t in terms)}
        assert {h.id for h in search.search(cur, query, limit=100_000)} == expected, query


def test_reading_only_those_rows_changes_no_hit_nor_its_place(
    cur: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = [(q, kinds, limit) for q in queries(cur) for kinds in (None, ["milestone"]) for limit in (5, 50)]
    narrowed = [search.search(cur, q, kinds=kinds, limit=limit) for q, kinds, limit in cases]
    monkeypatch.setattr(search, "within", lambda rows: "")
    whole = [search.search(cur, q, kinds=kinds, limit=limit) for q, kinds, limit in cases]
    assert narrowed == whole


def test_ranges_meet_join_and_become_sql() -> None:
    a = [(0, 9), (20, 29), (40, 49)]
    b = [(5, 24), (45, 60)]
    assert both(a, b) == [(5, 9), (20, 24), (45, 49)]
    assert both(a, None) == a and both(None, b) == b and both(a, []) == []
    assert either(a, b) == [(0, 29), (40, 60)]
    assert either(a, None) is None and either([], b) == b
    assert either([(0, 9)], [(10, 19)]) == [(0, 19)]
    assert within(None) == ""
    assert within([(0, 9), (20, 29)]) == "(rowid BETWEEN 0 AND 9 OR rowid BETWEEN 20 AND 29) AND "
    many = [(i * 10, i * 10 + 1) for i in range(search_where.MAX_RANGES + 1)]
    assert within(many) == ""
