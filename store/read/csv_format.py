"""The table layout of each tabular kind, shared by the CSV and Parquet readers and the exporter.

One file holds one kind; its name says which (``projects.csv``,
``goals-2024.csv``...).  Lists (goals, tags, projects) are separated by
semicolons, and citations are written ``source#paragraph``, optionally
followed by a note as a JSON string (``report#3 "Named as a key task."``),
several separated by semicolons.  Empty cells mean "not given".
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

from planscope.store.errors import Problem
from planscope.store.read.items import RawRecord

LIST_SEPARATOR: Final = ";"

#: The record kind each table (file name) holds.
KIND_OF_TABLE: Final = {"plans": "plan", "sources": "source", "periods": "period", "goals": "goal",
                        "projects": "project", "indicators": "indicator", "targets": "target",
                        "observations": "observation", "milestones": "milestone"}  # fmt: skip

#: Columns per CSV kind, in file order.  ``plan`` names the plan a row belongs to.
COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "plans": ("id", "title", "issuer", "kind", "start", "end", "horizon", "parent", "summary", "citations"),
    "sources": ("plan", "id", "title", "publisher", "date", "author", "location", "paragraphs", "note"),
    "periods": ("plan", "id", "label", "start", "end", "citations"),
    "goals": ("plan", "id", "parent", "title", "area", "description", "status", "progress", "citations"),
    "projects": (
        "plan",
        "id",
        "title",
        "goals",
        "description",
        "owner",
        "location",
        "status",
        "planned_start",
        "planned_end",
        "actual_start",
        "actual_end",
        "budget_amount",
        "budget_currency",
        "tags",
        "citations",
    ),
    "indicators": (
        "plan",
        "id",
        "title",
        "unit",
        "direction",
        "attribute",
        "goals",
        "baseline",
        "baseline_year",
        "description",
        "citations",
    ),
    "targets": ("indicator", "period", "value", "note"),
    "observations": ("indicator", "value", "as_of", "note", "citation"),
    "milestones": ("plan", "id", "title", "date", "period", "goals", "projects", "description", "citations"),
}

#: Columns every file of a kind must have; the rest may be left out.
REQUIRED: Final[dict[str, tuple[str, ...]]] = {
    "plans": ("id", "title", "start", "end"),
    "sources": ("plan", "id", "title"),
    "periods": ("plan", "id", "label", "start", "end"),
    "goals": ("plan", "id", "title"),
    "projects": ("plan", "id", "title", "goals"),
    "indicators": ("plan", "id", "title"),
    "targets": ("indicator", "period"),
    "observations": ("indicator", "value", "as_of"),
    "milestones": ("plan", "id", "title"),
}

#: Columns that hold lists.
LIST_COLUMNS: Final = frozenset({"goals", "tags", "projects", "citations"})


def row_record(kind: str, data: dict[str, Any], label: str, line: int | None, number: int) -> RawRecord:
    """A table row (CSV or Parquet) as the raw record its plan-document counterpart would give.

    The two budget columns become one budget table, and the ``plan`` and
    ``indicator`` columns say which plan and indicator own the record.
    """
    amount, currency = data.pop("budget_amount", None), data.pop("budget_currency", None)
    if amount is not None or currency is not None:
        data["budget"] = {"amount": amount, "currency": currency}
    plan_id = data.pop("plan", None)
    owner = data.pop("indicator", None)
    if kind == "plan":
        plan_id = data.get("id")
    return RawRecord(kind, data, label, line, f"row {number}", plan_id, owner)


def header_problems(header: list[str], table: str, label: str, line: int | None) -> list[Problem]:
    """What is wrong with a table's column names (a CSV header, a Parquet schema) for its kind."""
    known = COLUMNS[table]
    problems = [
        Problem(label, line, "", col, f"unknown column; expected some of {', '.join(known)}")
        for col in header
        if col not in known
    ]
    missing = [col for col in REQUIRED[table] if col not in header]
    problems += [Problem(label, line, "", col, "required column is missing") for col in missing]
    duplicates = sorted({col for col in header if header.count(col) > 1})
    problems += [Problem(label, line, "", col, "column appears more than once") for col in duplicates]
    return problems


def kind_of_file(name: str) -> str | None:
    """The CSV kind a file name announces (``projects-north.csv`` is projects), or None."""
    stem = name.lower().rsplit(".", 1)[0]
    for kind in sorted(COLUMNS, key=len, reverse=True):
        if stem == kind or stem.startswith((kind + "-", kind + "_", kind + ".")):
            return kind
    return None


def split_list(cell: str) -> list[str]:
    """One CSV cell as a list, ignoring blanks around separators."""
    return [part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip()]


#: One citation in a cell: anything up to ``#``, the paragraph, then an optional quoted note.
_CITATION = re.compile(r'^(?P<source>[^"]+?)#(?P<paragraph>\d+)(?:\s+(?P<note>".*"))?$', re.DOTALL)
#: A piece of a citations cell: a JSON string (which may hold ``;``), or a run of anything else.
_PIECE = re.compile(r'"(?:[^"\\]|\\.)*"?|;|[^;"]+')


def split_citations(cell: str) -> list[str]:
    """A citations cell's items: split at semicolons, except those inside a quoted note."""
    items: list[str] = []
    current = ""
    for piece in [*_PIECE.findall(cell), ";"]:
        if piece == ";":
            items.append(current)
            current = ""
        else:
            current += piece
    return [item.strip() for item in items if item.strip()]


def parse_citation(text: str) -> dict[str, Any]:
    """``source#paragraph "note"`` as a citation table; anything else is left for validation to name."""
    match = _CITATION.match(text)
    if match is None:
        return {"source": text}
    cited: dict[str, Any] = {"source": match["source"], "paragraph": match["paragraph"]}
    if match["note"] is not None:
        try:
            cited["note"] = json.loads(match["note"], strict=False)
        except ValueError:
            return {"source": text}
    return cited
