"""The SQL behind ``export``: every record kind as typed rows, and as JSON text built by DuckDB.

Each kind is one query whose columns carry the names of the CSV layout
(``planscope.store.read.csv_format.COLUMNS``) with native types: lists stay lists, a
citation is a struct of source, paragraph and note.  The CSV and Parquet
exports select from these; the JSON export turns the same rows into the
text of plan-document records.  Everything runs in DuckDB, so a million
projects never pass through Python one by one.  No value is ever spliced
into SQL: the only names written here are fixed column and key names.
"""

from __future__ import annotations

from typing import Final


def ordered_list(fields: dict[str, str]) -> str:
    """An aggregate: a list of structs of ``fields``, in ``pos`` order.

    Gathered unordered and sorted inside each short list: an aggregate with its
    own ORDER BY was several times slower at a million records.
    """
    pack = ", ".join(f"'{k}': {v}" for k, v in fields.items())
    keep = ", ".join(f"'{k}': x.{k}" for k in fields)
    return f"list_transform(list_sort(list({{'pos': pos, {pack}}})), lambda x: {{{keep}}})"


def _nonempty(expr: str) -> str:
    return f"CASE WHEN len({expr}) > 0 THEN {expr} END"


_CITED = _nonempty("r.citations") + " AS citations"

#: Per kind: typed rows named as the CSV columns, plus ``ord`` (and ``pos``) to order them by.
#: A record's links and citations are lists in its own row (see ``planscope.store.build.schema``), so each
#: kind is one scan of one table: no join and no grouping over a million records.
RECORDS: Final[dict[str, str]] = {
    "plans": f"""SELECT r.ord, r.id, r.title, r.issuer, r.kind, r.start_year AS start, r.end_year AS "end",
        r.horizon_year AS horizon, r.parent_id AS parent, r.summary, {_CITED} FROM plans r""",
    "sources": """SELECT ord, plan_id AS plan, id, title, publisher, date, author, location, paragraphs, note
        FROM sources""",
    "periods": f"""SELECT r.ord, r.plan_id AS plan, r.id, r.label, r.start_year AS start, r.end_year AS "end",
        {_CITED} FROM periods r""",
    "goals": f"""SELECT r.ord, r.plan_id AS plan, r.id, r.parent_id AS parent, r.title, r.area, r.description,
        r.status, r.progress, {_CITED} FROM goals r""",
    "projects": f"""SELECT r.ord, r.plan_id AS plan, r.id, r.title, {_nonempty("r.goals")} AS goals,
        r.description, r.owner, r.location, r.status, r.planned_start, r.planned_end, r.actual_start,
        r.actual_end, r.budget_amount, r.budget_currency, {_nonempty("r.tags")} AS tags, {_CITED}
        FROM projects r""",
    "indicators": f"""SELECT r.ord, r.plan_id AS plan, r.id, r.title, r.unit, r.direction, r.attribute,
        {_nonempty("r.goals")} AS goals, r.baseline, r.baseline_year, r.description, {_CITED}
        FROM indicators r""",
    "targets": """SELECT i.ord, t.pos, t.indicator_id AS indicator, t.period_id AS period, t.value, t.note
        FROM targets t JOIN indicators i ON i.id = t.indicator_id""",
    "observations": """SELECT i.ord, o.pos, o.indicator_id AS indicator, o.value, o.as_of, o.note,
        CASE WHEN o.cite_source IS NOT NULL THEN {'source': o.cite_source, 'paragraph': o.cite_paragraph,
          'note': o.cite_note} END AS citation
        FROM observations o JOIN indicators i ON i.id = o.indicator_id""",
    "milestones": f"""SELECT r.ord, r.plan_id AS plan, r.id, r.title, r.date, r.period_id AS period,
        {_nonempty("r.goals")} AS goals, {_nonempty("r.projects")} AS projects, r.description, {_CITED}
        FROM milestones r""",
}

#: Columns that hold a number that may be fractional (the rest are text, whole numbers or lists).
NUMBER_COLUMNS: Final = frozenset({"progress", "budget_amount", "baseline", "value"})
#: Columns that hold a list of ids or words.
LIST_COLUMNS: Final = frozenset({"goals", "tags", "projects"})


def order_of(kind: str) -> str:
    """How a kind's rows are ordered: load order, and position inside the indicator for its parts."""
    return "ord, pos" if kind in ("targets", "observations") else "ord"


# --- CSV cells ------------------------------------------------------------------------------------


def _citation_text(c: str) -> str:
    """``source#paragraph``, then the note as a JSON string when there is one."""
    note = f"coalesce(' ' || CAST(to_json({c}.note) AS VARCHAR), '')"
    return f"({c}.source || '#' || {c}.paragraph || {note})"


def _number_text(x: str) -> str:
    """Whole numbers without a trailing ``.0``; others in DuckDB's shortest exact form."""
    return (
        f"CASE WHEN {x} = trunc({x}) AND abs({x}) < 1e15 THEN CAST(CAST({x} AS BIGINT) AS VARCHAR) "
        f"ELSE CAST({x} AS VARCHAR) END"
    )


def csv_cell(column: str) -> str:
    """SQL for one CSV cell of a typed row's column."""
    name = f'"{column}"'
    if column in LIST_COLUMNS:
        return f"array_to_string({name}, '; ')"
    if column == "citations":
        return f"array_to_string(list_transform({name}, lambda c: {_citation_text('c')}), '; ')"
    if column == "citation":
        return _citation_text(name)
    if column in NUMBER_COLUMNS:
        return _number_text(name)
    return name


# --- JSON text ------------------------------------------------------------------------------------


def json_object(fields: list[tuple[str, str]]) -> str:
    """SQL for the JSON text of an object; each field is (key, SQL of its JSON text or NULL).

    ``concat_ws`` skips NULLs, so a field that is not given is left out, as a
    hand-written plan file would leave it out.
    """
    parts = ", ".join(f"""'"{key}": ' || {expr}""" for key, expr in fields)
    return f"('{{' || concat_ws(', ', {parts}) || '}}')"


def j(expr: str) -> str:
    """JSON text of a scalar (NULL stays NULL)."""
    return f"CAST(to_json({expr}) AS VARCHAR)"


def j_list(expr: str, item: str = "x", text: str | None = None) -> str:
    """JSON text of a list (NULL when empty); ``text`` is the JSON text of one ``item``."""
    inner = text or j(item)
    return (
        f"CASE WHEN len({expr}) > 0 THEN "
        f"'[' || array_to_string(list_transform({expr}, lambda {item}: {inner}), ', ') || ']' END"
    )


def _j_citation(c: str) -> str:
    return json_object([(field, j(f"{c}.{field}")) for field in ("source", "paragraph", "note")])


def _j_citations(expr: str = "citations") -> str:
    return j_list(expr, "c", _j_citation("c"))


def _plain(*names: str) -> list[tuple[str, str]]:
    return [(n, j(f'"{n}"')) for n in names]


_TARGET = json_object([("period", j("t.period")), ("value", j("t.value")), ("note", j("t.note"))])
_OBSERVATION = json_object(
    [
        ("value", j("o.value")),
        ("as_of", j("o.as_of")),
        ("note", j("o.note")),
        ("citation", f"CASE WHEN o.citation IS NOT NULL THEN {_j_citation('o.citation')} END"),
    ]
)
_BUDGET = json_object([("amount", j("budget_amount")), ("currency", j("budget_currency"))])

#: Per plan-document section: the JSON text of each record, in the order of a plan file's fields.
JSON_FIELDS: Final[dict[str, list[tuple[str, str]]]] = {
    "plans": [
        *_plain("id", "title", "issuer", "kind", "start", "end", "horizon", "parent", "summary"),
        ("citations", _j_citations()),
    ],
    "sources": _plain("id", "title", "publisher", "date", "author", "location", "paragraphs", "note"),
    "periods": [*_plain("id", "label", "start", "end"), ("citations", _j_citations())],
    "goals": [
        *_plain("id", "title", "parent", "area", "description", "status", "progress"),
        ("citations", _j_citations()),
    ],
    "projects": [
        *_plain("id", "title"),
        ("goals", j_list("goals")),
        *_plain("description", "owner", "location", "status", "planned_start", "planned_end"),
        *_plain("actual_start", "actual_end"),
        ("budget", f"CASE WHEN budget_amount IS NOT NULL THEN {_BUDGET} END"),
        ("tags", j_list("tags")),
        ("citations", _j_citations()),
    ],
    "indicators": [
        *_plain("id", "title", "unit", "direction", "attribute"),
        ("goals", j_list("goals")),
        *_plain("baseline", "baseline_year", "description"),
        ("targets", j_list("targets", "t", _TARGET)),
        ("observations", j_list("observations", "o", _OBSERVATION)),
        ("citations", _j_citations()),
    ],
    "milestones": [
        *_plain("id", "title", "date", "period"),
        ("goals", j_list("goals")),
        ("projects", j_list("projects")),
        *_plain("description"),
        ("citations", _j_citations()),
    ],
}

#: Indicators nest their targets and observations in a plan document.
INDICATOR_PARTS: Final = f"""SELECT r.*, t.items AS targets, o.items AS observations
FROM ({RECORDS["indicators"]}) r
LEFT JOIN (SELECT indicator, {ordered_list({"period": "period", "value": "value", "note": "note"})} AS items
           FROM ({RECORDS["targets"]}) GROUP BY 1) t ON t.indicator = r.id
LEFT JOIN (SELECT indicator, {
    ordered_list({"value": "value", "as_of": "as_of", "note": "note", "citation": "citation"})
} AS items
           FROM ({RECORDS["observations"]}) GROUP BY 1) o ON o.indicator = r.id"""
