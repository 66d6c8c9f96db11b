"""The rules of the plan models as SQL over CSV cells, for loading a big CSV file inside DuckDB.

Each CSV kind is a set of typed cells.  For every cell type there is a
*sure* test: when it holds, pydantic would accept the cell and read it as
the value the SQL conversion beside it gives.  The tests are deliberately
narrower than the models (ASCII ids and digits, no whitespace but spaces
around list items, notes without backslashes...): a cell outside them is
not an error here, it only sends the whole file back to the row-by-row
reader, whose messages stay the single source of wording.

Limits count characters (DuckDB's ``length``, as Python's ``len``), never
bytes.  Where the exact test of a limit is dear (a list split into parts), a
cheap test that settles almost every cell runs first and the exact one only
for the rest.  :mod:`~planscope.store.read.csv_mirror` fingerprints the models mirrored here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from planscope.store.read.fields import LIMITS
from planscope.store.vocab import ATTRIBUTES, DIRECTIONS, PLAN_KINDS, STATUSES

# Every test is one regular expression over the whole cell where it can be: evaluating a
# list of parts, a date or a citation piece by piece took most of a million-row check.
_ID = f"[A-Za-z0-9_][A-Za-z0-9_.:-]{{0,{LIMITS.id - 1}}}"
#: Characters Python's str.strip() removes besides the space, which DuckDB's trim() keeps.
_OTHER_SPACE = (
    r"[\t\n\x0b\x0c\r\x1c-\x1f\x85\xa0\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]"
)
#: Whitespace as Python's str.isspace() and str.strip() know it (a superset of what pydantic's \S
#: refuses); text with a character outside it surely is not blank.
_SPACE = _OTHER_SPACE[:1] + " " + _OTHER_SPACE[1:]
#: A count from 1 to ``LIMITS.paragraph`` (1,000,000), leading zeros allowed; the long branch first,
#: or regexp_extract, which stops at the first branch that matches, would read 1000000 as 100000.
_COUNT = "0*(?:1000000|[1-9][0-9]{0,5})"
#: A citation: ``source#paragraph`` (paragraph at least 1), then maybe a note in a JSON string
#: without escapes.  Groups: 1 source, 2 paragraph, 4 note.
_ITEM = f'({_ID})#({_COUNT})( +"([^"\\\\]*)")?'
_DATE = "[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?"


def _list_of(item: str) -> str:
    """A regular expression for ``;``-separated items, each maybe padded with spaces, blanks allowed."""
    return f"( *({item})? *;)*( *({item})? *)"


def _in(v: str, values: tuple[str, ...]) -> str:
    return f"{v} IN ({', '.join(repr(x) for x in values)})"


# --- sure tests of one cell (v is never NULL where these are used) --------------------------------


def is_id(v: str) -> str:
    return f"regexp_full_match({v}, '{_ID}')"


def is_year(v: str) -> str:
    return f"(regexp_full_match({v}, '[0-9]{{1,4}}') AND TRY_CAST({v} AS INTEGER) >= 1)"


def is_count(v: str) -> str:
    return f"regexp_full_match({v}, '{_COUNT}')"


def is_number(v: str) -> str:
    """Plain decimal notation, finite and smaller than ``LIMITS.amount`` in size once read."""
    pattern = r"-?[0-9]{1,300}(\.[0-9]{1,300})?([eE][-+]?[0-9]{1,3})?"
    x = f"TRY_CAST({v} AS DOUBLE)"
    return f"(regexp_full_match({v}, '{pattern}') AND isfinite({x}) AND abs({x}) < {LIMITS.amount!r})"


def is_date(v: str) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD, year at least 1, a day its month has."""
    day_ok = (
        f"CASE WHEN length({v}) < 10 OR right({v}, 2) <= '28' THEN true ELSE "
        f"TRY_CAST(right({v}, 2) AS INTEGER) <= day(last_day(TRY_CAST(left({v}, 7) || '-01' AS DATE))) END"
    )
    return f"(regexp_full_match({v}, '{_DATE}') AND left({v}, 4) <> '0000' AND {day_ok})"


def date_low(v: str) -> str:
    """The first day a partial date covers, as text that sorts like the date."""
    return f"CASE length({v}) WHEN 4 THEN {v} || '-01-01' WHEN 7 THEN {v} || '-01' ELSE {v} END"


def date_high(v: str) -> str:
    """A day as late as the last a partial date covers, in the same month (text, as above)."""
    return f"CASE length({v}) WHEN 4 THEN {v} || '-12-31' WHEN 7 THEN {v} || '-31' ELSE {v} END"


def parts(v: str) -> str:
    """A list cell split at semicolons, each part trimmed, blanks dropped (as ``split_list``)."""
    return f"list_filter(list_transform(string_split({v}, ';'), lambda p: trim(p)), lambda p: p <> '')"


def plain_spaces(v: str) -> str:
    """No whitespace but the space: then DuckDB's trim() and Python's strip() agree."""
    return f"NOT regexp_matches({v}, '{_OTHER_SPACE}')"


def is_title(v: str) -> str:
    """At most ``LIMITS.title`` characters, and one that is not whitespace (stricter than ``\\S``)."""
    return f"(length({v}) <= {LIMITS.title} AND regexp_matches({v}, '[^{_SPACE[1:-1]}]'))"


def _at_most(limit: int) -> Callable[[str], str]:
    """Text of at most ``limit`` characters."""
    return lambda v: f"length({v}) <= {limit}"


def _separators(v: str) -> str:
    return f"(strlen({v}) - strlen(replace({v}, ';', '')))"


def _few(v: str, items: str, limit: int) -> str:
    """At most ``limit`` items; counting only the separators settles nearly every cell."""
    return f"({_separators(v)} < {limit} OR len({items}) <= {limit})"


def ids_ok(v: str) -> str:
    """Ids apart, at most ``LIMITS.links`` of them, none named twice (as ``repeats``)."""
    distinct = f"(NOT contains({v}, ';') OR len(list_distinct({parts(v)})) = len({parts(v)}))"
    return f"(regexp_full_match({v}, '{_list_of(_ID)}') AND {_few(v, parts(v), LIMITS.links)} AND {distinct})"


def tags_ok(v: str) -> str:
    """Only spaces around tags, each at most ``LIMITS.tag`` characters, at most ``LIMITS.tags``."""
    long = f"len(list_filter({parts(v)}, lambda p: length(p) > {LIMITS.tag})) = 0"
    return (
        f"({plain_spaces(v)} AND (length({v}) <= {LIMITS.tag} OR {long}) "
        f"AND {_few(v, parts(v), LIMITS.tags)})"
    )


def _items(v: str) -> str:
    """The items of a citations cell, trimmed; a ``;`` inside a quoted note does not split."""
    return f"""list_transform(regexp_extract_all({v}, '(?:[^;"]|"[^"]*")+'), lambda p: trim(p))"""


def _items_fast(v: str) -> str:
    """As :func:`_items`, with a plain split where no note is quoted (most cells), which costs less."""
    plain = f"list_transform(string_split({v}, ';'), lambda p: trim(p))"
    return f"""CASE WHEN contains({v}, '"') THEN {_items(v)} ELSE {plain} END"""


def _short_note(v: str) -> str:
    """The note of one citation at most ``LIMITS.prose`` characters (as the cell, usually)."""
    return f"(length({v}) <= {LIMITS.prose} OR length(regexp_extract({v}, '{_ITEM}', 4)) <= {LIMITS.prose})"


def citations_ok(v: str) -> str:
    """Every item ``source#paragraph`` with maybe a quoted note; only spaces around items; at most
    ``LIMITS.citations`` items, their notes at most ``LIMITS.prose`` characters."""
    items = f"list_filter({_items(v)}, lambda p: p <> '')"
    notes = f"len(list_filter({items}, lambda p: NOT {_short_note('p')})) = 0"
    return (
        f"(regexp_full_match({v}, '{_list_of(_ITEM)}') AND {_few(v, items, LIMITS.citations)} "
        f"AND (length({v}) <= {LIMITS.prose} OR {notes}))"
    )


def _citation(p: str) -> str:
    """The parts of one citation that matches ``_ITEM`` in full, cut with string functions.

    Matching the pattern again for each part cost most of a million-row insert.  An id has no
    ``#`` or ``"`` and a note no ``"``, so the source ends at the first ``#``, the paragraph's
    digits (then maybe spaces) run to the first ``"`` or the end, and the note is between quotes.
    """
    after = f"substr({p}, strpos({p}, '#') + 1)"
    note = f"""CASE WHEN contains({p}, '"') THEN split_part({p}, '"', 2) END"""
    return (
        f"{{'source': split_part({p}, '#', 1), "
        f"""'paragraph': CAST(rtrim(split_part({after}, '"', 1)) AS INTEGER), 'note': {note}}}"""
    )


def citations(v: str) -> str:
    """The citations of a cell as the list of structs the schema keeps (empty when not given)."""
    items = f"list_filter({_items_fast(v)}, lambda p: p <> '')"
    return f"coalesce(list_transform({items}, lambda p: {_citation('p')}), [])"


def citation_ok(v: str) -> str:
    """One citation, not trimmed (as ``parse_citation`` reads an observation's cell)."""
    return f"(regexp_full_match({v}, '{_ITEM}') AND {_short_note(v)})"


def citation(v: str) -> str:
    return _citation(v)


# --- per kind: the sure test of a row, and its values for the base table ---------------------------

#: Cell types: a sure test of a given cell, and whether the model requires the cell.
_TESTS: Final = {
    "id": is_id,
    "year": is_year,
    "count": is_count,
    "number": is_number,
    "date": is_date,
    "ids": ids_ok,
    "tags": tags_ok,
    "citations": citations_ok,
    "citation": citation_ok,
    "title": is_title,
    "name": _at_most(LIMITS.name),
    "prose": _at_most(LIMITS.prose),
    "status": lambda v: _in(v, STATUSES),
    "plan_kind": lambda v: _in(v, PLAN_KINDS),
    "direction": lambda v: _in(v, DIRECTIONS),
    "attribute": lambda v: _in(v, ATTRIBUTES),
    "currency": lambda v: f"regexp_full_match({v}, '[A-Z]{{3}}')",
    "raw": lambda v: "TRUE",
}

#: Per kind: each CSV column's cell type, and the columns a record must have.
CELLS: Final[dict[str, dict[str, str]]] = {
    "plans": {"id": "id", "title": "title", "issuer": "name", "kind": "plan_kind", "start": "year",
              "end": "year", "horizon": "year", "parent": "id", "summary": "prose", "citations": "citations"},
    "sources": {"plan": "raw", "id": "id", "title": "title", "publisher": "name", "date": "date",
                "author": "name", "location": "prose", "paragraphs": "count", "note": "prose"},
    "periods": {"plan": "raw", "id": "id", "label": "title", "start": "year", "end": "year",
                "citations": "citations"},
    "goals": {"plan": "raw", "id": "id", "parent": "id", "title": "title", "area": "name",
              "description": "prose", "status": "status", "progress": "number", "citations": "citations"},
    "projects": {"plan": "raw", "id": "id", "title": "title", "goals": "ids", "description": "prose",
                 "owner": "name", "location": "name", "status": "status", "planned_start": "date",
                 "planned_end": "date", "actual_start": "date", "actual_end": "date",
                 "budget_amount": "number", "budget_currency": "currency", "tags": "tags",
                 "citations": "citations"},
    "indicators": {"plan": "raw", "id": "id", "title": "title", "unit": "name", "direction": "direction",
                   "attribute": "attribute", "goals": "ids", "baseline": "number", "baseline_year": "year",
                   "description": "prose", "citations": "citations"},
    "targets": {"indicator": "raw", "period": "id", "value": "number", "note": "prose"},
    "observations": {"indicator": "raw", "value": "number", "as_of": "date", "note": "prose",
                     "citation": "citation"},
    "milestones": {"plan": "raw", "id": "id", "title": "title", "date": "date", "period": "id",
                   "goals": "ids", "projects": "ids", "description": "prose", "citations": "citations"},
}  # fmt: skip

_REQUIRED: Final[dict[str, tuple[str, ...]]] = {
    "plans": ("id", "title", "start", "end"),
    "sources": ("id", "title"),
    "periods": ("id", "label", "start", "end"),
    "goals": ("id", "title"),
    "projects": ("id", "title", "goals"),
    "indicators": ("id", "title"),
    "targets": ("period",),
    "observations": ("value", "as_of"),
    "milestones": ("id", "title"),
}


def _col(name: str) -> str:
    return f'"{name}"'


def _in_order(start: str, end: str) -> str:
    a, b = _col(start), _col(end)
    return f"({a} IS NULL OR {b} IS NULL OR {date_low(a)} <= {date_high(b)})"


#: Rules that span cells of one record (the models' own validators), as sure tests.
_RECORD_RULES: Final[dict[str, list[str]]] = {
    "plans": ['TRY_CAST("start" AS INTEGER) <= TRY_CAST("end" AS INTEGER)',
              '("horizon" IS NULL OR TRY_CAST("horizon" AS INTEGER) >= TRY_CAST("end" AS INTEGER))',
              '("parent" IS NULL OR "parent" <> "id")'],
    "periods": ['TRY_CAST("start" AS INTEGER) <= TRY_CAST("end" AS INTEGER)'],
    "goals": ['("parent" IS NULL OR "parent" <> "id")',
              '("progress" IS NULL OR TRY_CAST("progress" AS DOUBLE) BETWEEN 0 AND 1)'],
    "projects": [_in_order("planned_start", "planned_end"), _in_order("actual_start", "actual_end"),
                 "regexp_matches(\"goals\", '[A-Za-z0-9_]')",
                 '(("budget_amount" IS NULL) = ("budget_currency" IS NULL))',
                 '("budget_amount" IS NULL OR TRY_CAST("budget_amount" AS DOUBLE) >= 0)'],
    "milestones": ['("date" IS NOT NULL OR "period" IS NOT NULL)'],
}  # fmt: skip


def sure_sql(kind: str) -> str:
    """A condition that holds for a row exactly when the fast path may take it as it is."""
    conds = [f"{_col(c)} IS NOT NULL" for c in _REQUIRED[kind]]
    for column, cell in CELLS[kind].items():
        test = _TESTS[cell](_col(column))
        if test != "TRUE":
            conds.append(f"({_col(column)} IS NULL OR {test})")
    conds += _RECORD_RULES.get(kind, [])
    return " AND ".join(conds)
