"""The rules of ``store.models`` as SQL over CSV cells, for loading a big CSV file inside DuckDB.

Each CSV kind is a set of typed cells.  For every cell type there is a
*sure* test: when it holds, pydantic would accept the cell and read it as
the value the SQL conversion beside it gives.  The tests are deliberately
narrower than the models (ASCII ids and digits, no whitespace but spaces
around list items, notes without backslashes...): a cell outside them is
not an error here, it only sends the whole file back to the row-by-row
reader, whose messages stay the single source of wording.

``MODEL_HASHES`` fingerprints the models these tests mirror.  When a model
changes, ``fast_kinds`` leaves its kind to the row-by-row reader until this
module is brought up to date (a test names what changed).
"""

from __future__ import annotations

import hashlib
import re
from typing import Final, get_args

from pydantic import BaseModel

from store.models import MODEL_OF_KIND
from store.vocab import ATTRIBUTES, DIRECTIONS, PLAN_KINDS, STATUSES

# Every test is one regular expression over the whole cell where it can be: evaluating a
# list of parts, a date or a citation piece by piece took most of a million-row check.
_ID = "[A-Za-z0-9_][A-Za-z0-9_.:-]{0,199}"
#: Characters Python's str.strip() removes besides the space, which DuckDB's trim() keeps.
_OTHER_SPACE = (
    r"[\t\n\x0b\x0c\r\x1c-\x1f\x85\xa0\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]"
)
#: A citation: ``source#paragraph`` (paragraph at least 1), then maybe a note in a JSON string
#: without escapes.  Groups: 1 source, 2 paragraph, 4 note.
_ITEM = f'({_ID})#(0*[1-9][0-9]{{0,8}})( +"([^"\\\\]*)")?'
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
    return f"regexp_full_match({v}, '0*[1-9][0-9]{{0,8}}')"


def is_number(v: str) -> str:
    pattern = r"-?[0-9]{1,300}(\.[0-9]{1,300})?([eE][-+]?[0-9]{1,3})?"
    return f"(regexp_full_match({v}, '{pattern}') AND isfinite(TRY_CAST({v} AS DOUBLE)))"


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


def ids_ok(v: str) -> str:
    return f"regexp_full_match({v}, '{_list_of(_ID)}')"


def _items(v: str) -> str:
    return f"""list_transform(regexp_extract_all({v}, '(?:[^;"]|"[^"]*")+'), lambda p: trim(p))"""


def citations_ok(v: str) -> str:
    """Every item ``source#paragraph`` with maybe a quoted note; only spaces around items."""
    return f"regexp_full_match({v}, '{_list_of(_ITEM)}')"


def _citation(p: str) -> str:
    note = f"""CASE WHEN contains({p}, '"') THEN regexp_extract({p}, '{_ITEM}', 4) END"""
    return (
        f"{{'source': regexp_extract({p}, '{_ITEM}', 1), "
        f"'paragraph': CAST(regexp_extract({p}, '{_ITEM}', 2) AS INTEGER), 'note': {note}}}"
    )


def citations(v: str) -> str:
    """The citations of a cell as the list of structs the schema keeps (empty when not given)."""
    items = f"list_filter({_items(v)}, lambda p: p <> '')"
    return f"coalesce(list_transform({items}, lambda p: {_citation('p')}), [])"


def citation_ok(v: str) -> str:
    """One citation, not trimmed (as ``parse_citation`` reads an observation's cell)."""
    return f"regexp_full_match({v}, '{_ITEM}')"


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
    "tags": plain_spaces,
    "citations": citations_ok,
    "citation": citation_ok,
    "text": lambda v: "TRUE",
    "status": lambda v: _in(v, STATUSES),
    "plan_kind": lambda v: _in(v, PLAN_KINDS),
    "direction": lambda v: _in(v, DIRECTIONS),
    "attribute": lambda v: _in(v, ATTRIBUTES),
    "currency": lambda v: f"regexp_full_match({v}, '[A-Z]{{3}}')",
    "raw": lambda v: "TRUE",
}

#: Per kind: each CSV column's cell type, and the columns a record must have.
CELLS: Final[dict[str, dict[str, str]]] = {
    "plans": {"id": "id", "title": "text", "issuer": "text", "kind": "plan_kind", "start": "year",
              "end": "year", "horizon": "year", "parent": "id", "summary": "text", "citations": "citations"},
    "sources": {"plan": "raw", "id": "id", "title": "text", "publisher": "text", "date": "date",
                "author": "text", "location": "text", "paragraphs": "count", "note": "text"},
    "periods": {"plan": "raw", "id": "id", "label": "text", "start": "year", "end": "year",
                "citations": "citations"},
    "goals": {"plan": "raw", "id": "id", "parent": "id", "title": "text", "area": "text",
              "description": "text", "status": "status", "progress": "number", "citations": "citations"},
    "projects": {"plan": "raw", "id": "id", "title": "text", "goals": "ids", "description": "text",
                 "owner": "text", "location": "text", "status": "status", "planned_start": "date",
                 "planned_end": "date", "actual_start": "date", "actual_end": "date",
                 "budget_amount": "number", "budget_currency": "currency", "tags": "tags",
                 "citations": "citations"},
    "indicators": {"plan": "raw", "id": "id", "title": "text", "unit": "text", "direction": "direction",
                   "attribute": "attribute", "goals": "ids", "baseline": "number", "baseline_year": "year",
                   "description": "text", "citations": "citations"},
    "targets": {"indicator": "raw", "period": "id", "value": "number", "note": "text"},
    "observations": {"indicator": "raw", "value": "number", "as_of": "date", "note": "text",
                     "citation": "citation"},
    "milestones": {"plan": "raw", "id": "id", "title": "text", "date": "date", "period": "id", "goals": "ids",
                   "projects": "ids", "description": "text", "citations": "citations"},
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


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]


def fingerprint(model: type[BaseModel]) -> str:
    """What a model accepts, as text: its fields' types, constraints and defaults, its validators,
    and the same for every model nested in it."""
    lines = []
    for name, info in model.model_fields.items():
        lines.append(f"{name}: {info.annotation!r} {info.metadata!r} default={info.default!r}")
        lines += [fingerprint(inner) for inner in _models_in(info.annotation) if inner is not model]
    decorators = model.__pydantic_decorators__
    checks = sorted([*decorators.model_validators, *decorators.field_validators])
    text = f"{model.__name__}({'; '.join(lines)}) validators {checks} config {model.model_config!r}"
    return re.sub(r" at 0x[0-9a-f]+", "", text)


def model_hash(model: type[BaseModel]) -> str:
    return hashlib.sha256(fingerprint(model).encode()).hexdigest()[:16]


_KIND_OF_TABLE: Final = {"plans": "plan", "sources": "source", "periods": "period", "goals": "goal",
                         "projects": "project", "indicators": "indicator", "targets": "target",
                         "observations": "observation", "milestones": "milestone"}  # fmt: skip

#: The models as the tests above mirror them.  ``tests/test_csv_fast.py`` fails, naming the
#: kind, when a model changes; until this table is updated that kind loads row by row.
MODEL_HASHES: Final[dict[str, str]] = {
    "plan": "58ef778093e16a16",
    "source": "802ab7544a5b067d",
    "period": "2c5e5339ae9c1c46",
    "goal": "69e0bbd1bea38bf6",
    "project": "09c09a1f789e2348",
    "indicator": "cb6c4f7d7229b4a8",
    "milestone": "541a476d24d82901",
    "target": "e8f7d928f4d07ba8",
    "observation": "6e3d70de1ea20915",
}


def fast_kinds() -> set[str]:
    """The CSV kinds whose models are still the ones mirrored here."""
    return {
        table
        for table, kind in _KIND_OF_TABLE.items()
        if MODEL_HASHES.get(kind) == model_hash(MODEL_OF_KIND[kind])
    }
