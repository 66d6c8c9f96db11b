"""The CSV layout of each tabular kind, shared by the CSV reader and the exporter.

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

LIST_SEPARATOR: Final = ";"

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


def kind_of_file(name: str) -> str | None:
    """The CSV kind a file name announces (``projects-north.csv`` is projects), or None."""
    stem = name.lower().rsplit(".", 1)[0]
    for kind in sorted(COLUMNS, key=len, reverse=True):
        if stem == kind or stem.startswith((kind + "-", kind + "_", kind + ".")):
            return kind
    return None


def join_list(values: list[str] | None) -> str:
    """A list as one CSV cell."""
    return f"{LIST_SEPARATOR} ".join(values or [])


def split_list(cell: str) -> list[str]:
    """One CSV cell as a list, ignoring blanks around separators."""
    return [part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip()]


#: One citation in a cell: anything up to ``#``, the paragraph, then an optional quoted note.
_CITATION = re.compile(r'^(?P<source>[^"]+?)#(?P<paragraph>\d+)(?:\s+(?P<note>".*"))?$', re.DOTALL)
#: A piece of a citations cell: a JSON string (which may hold ``;``), or a run of anything else.
_PIECE = re.compile(r'"(?:[^"\\]|\\.)*"?|;|[^;"]+')


def format_citation(source: str, paragraph: int, note: str | None = None) -> str:
    """A citation as ``source#paragraph``, with its note as a JSON string when it has one."""
    text = f"{source}#{paragraph}"
    return text if note is None else f"{text} {json.dumps(note, ensure_ascii=False)}"


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
