"""Where a search term can be: in titles, in bodies, in ids, and in which rows of search_items.

A substring tier that scans every record's text reads three million rows at
a million projects, which costs 100-150 ms when matches are rare or absent.
The word index (``search_tokens``) and the id blocks (``search_id_blocks``)
say which rows can hold a term at all; a tier then reads only those rows,
as ranges of row ids that DuckDB seeks to instead of scanning the table.

Ranges are sorted, disjoint ``(first, last)`` row ids; ``None`` stands for
"anywhere", where no range is known or there are too many to be worth it.
Restricting a scan to rows that can match changes nothing about which rows
match, nor their order, so a tier that stops at its first matches still
stops at the same ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from planscope.store.build.search_index import ID_BLOCK, TOKEN_BLOCK

Ranges = list[tuple[int, int]] | None

#: DuckDB seeks to each range apart, at about a millisecond each when they are scattered,
#: and tests every range on every row it reads; past this many ranges a scan of the whole
#: table, which stops at its first matches, costs less.
MAX_RANGES = 48
#: Id blocks fetched for one term before it counts as found anywhere (a common piece of ids).
MAX_ID_BLOCKS = 1024

_WORDS = (
    "SELECT bool_or(in_title), bool_or(in_body), bit_or(blocks)::VARCHAR "
    "FROM search_tokens WHERE contains(token, $1)"
)
_IDS = f"SELECT block FROM search_id_blocks WHERE contains(text, $1) LIMIT {MAX_ID_BLOCKS + 1}"
_TITLES = "SELECT 1 FROM search_vocab WHERE contains(text, $1) LIMIT 1"


@dataclass(frozen=True, slots=True)
class Term:
    """What the word index says about one term: whether titles or bodies hold it, and where."""

    in_title: bool
    in_body: bool
    #: The rows whose title or body holds the term (an empty list: none do).
    rows: list[tuple[int, int]]


def term_in_words(con: duckdb.DuckDBPyConnection, term: str) -> Term:
    """Read the words that contain ``term``: one pass over a hundred thousand short strings."""
    row = con.execute(_WORDS, [term]).fetchone()
    in_title, in_body, bits = row if row else (None, None, None)
    blocks = (i for i, bit in enumerate(bits or "") if bit == "1")
    return Term(bool(in_title), bool(in_body), _spans(blocks, TOKEN_BLOCK))


def term_in_ids(con: duckdb.DuckDBPyConnection, term: str) -> Ranges:
    """The rows whose id may hold ``term``: [] when no id does, None when too many might."""
    blocks = [int(b) for (b,) in con.execute(_IDS, [term]).fetchall()]
    return None if len(blocks) > MAX_ID_BLOCKS else _spans(sorted(blocks), ID_BLOCK)


def phrase_in_titles(con: duckdb.DuckDBPyConnection, phrase: str) -> bool:
    """Whether any title holds ``phrase``, which may hold spaces (so no single word can tell)."""
    return con.execute(_TITLES, [phrase]).fetchone() is not None


def _spans(blocks: Iterable[int], size: int) -> list[tuple[int, int]]:
    """Ascending block numbers as row id ranges, neighbours joined."""
    out: list[tuple[int, int]] = []
    for block in blocks:
        first, last = block * size, block * size + size - 1
        if out and out[-1][1] + 1 == first:
            out[-1] = (out[-1][0], last)
        else:
            out.append((first, last))
    return out


def both(a: Ranges, b: Ranges) -> Ranges:
    """Rows in ``a`` and in ``b``."""
    if a is None or b is None:
        return b if a is None else a
    out: list[tuple[int, int]] = []
    i = j = 0
    while i < len(a) and j < len(b):
        first, last = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if first <= last:
            out.append((first, last))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def either(a: Ranges, b: Ranges) -> Ranges:
    """Rows in ``a`` or in ``b``."""
    if a is None or b is None:
        return None
    out: list[tuple[int, int]] = []
    for first, last in sorted(a + b):
        if out and first <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(last, out[-1][1]))
        else:
            out.append((first, last))
    return out


def within(ranges: Ranges) -> str:
    """A condition that keeps a scan inside ``ranges``, or "" to scan everything.

    The bounds are row ids this module computed, never text from a user, so
    they go into the SQL as integers: DuckDB then seeks to each range.
    """
    if ranges is None or len(ranges) > MAX_RANGES:
        return ""
    return "(" + " OR ".join(f"rowid BETWEEN {int(a)} AND {int(b)}" for a, b in ranges) + ") AND "
