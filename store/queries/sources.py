"""Sources as records one can show: found by ``PLAN:SOURCE`` (or a source id no other plan uses).

A source id is unique only inside its plan (every plan may call its report
"report"), so it is not in the global id space that ``show ID`` searches;
``PLAN_ID:SOURCE_ID`` names one exactly.
"""

from __future__ import annotations

import duckdb

from planscope.store.errors import InputError, RecordNotFound
from planscope.store.queries.records import LINK_LIMIT
from planscope.store.results import Link, RecordDetail

FIELDS = (
    ("Title", "title"),
    ("Publisher", "publisher"),
    ("Date", "date"),
    ("Author", "author"),
    ("Location", "location"),
    ("Paragraphs", "paragraphs"),
    ("Note", "note"),
)

#: The records that cite a source, once each, in search order; $1 is the plan, $2 the source.
CITED_BY = """
SELECT s.kind, s.id, s.title, 'cited by' FROM search_items s
WHERE (s.kind, s.id) IN (
  SELECT record_kind, record_id FROM citations WHERE plan_id = $1 AND source_id = $2
  UNION SELECT 'indicator', o.indicator_id FROM observations o JOIN indicators i ON i.id = o.indicator_id
        WHERE i.plan_id = $1 AND o.cite_source = $2)
ORDER BY s.kind_rank, s.ord
"""


def find_source(con: duckdb.DuckDBPyConnection, name: str) -> tuple[str, str]:
    """The (plan id, source id) that ``name`` means; RecordNotFound when it means none.

    ``PLAN:SOURCE`` is tried at every colon, since ids may hold colons too; a
    bare source id is enough when only one plan has a source of that id.
    """
    for pos, char in enumerate(name):
        if char == ":":
            plan_id, source_id = name[:pos], name[pos + 1 :]
            if _exists(con, plan_id, source_id):
                return plan_id, source_id
    plans = [
        r[0] for r in con.execute("SELECT plan_id FROM sources WHERE id = $1 ORDER BY ord", [name]).fetchall()
    ]
    if len(plans) == 1:
        return plans[0], name
    if plans:
        named = ", ".join(f"{plan}:{name}" for plan in plans[:5])
        raise InputError(f"{len(plans)} plans have a source {name!r}; name one, e.g. {named}")
    raise RecordNotFound(f"no record has the id {name!r}")


def _exists(con: duckdb.DuckDBPyConnection, plan_id: str, source_id: str) -> bool:
    row = con.execute(
        "SELECT 1 FROM sources WHERE plan_id = $1 AND id = $2 LIMIT 1", [plan_id, source_id]
    ).fetchone()
    return row is not None


def source_detail(con: duckdb.DuckDBPyConnection, plan_id: str, source_id: str) -> RecordDetail:
    """A source's fields, its plan, and the records that cite it."""
    row = con.execute(
        f"SELECT {', '.join(col for _, col in FIELDS)} FROM sources WHERE plan_id = $1 AND id = $2",
        [plan_id, source_id],
    ).fetchone()
    if row is None:
        raise RecordNotFound(f"no record has the id {plan_id + ':' + source_id!r}")
    fields = [
        (label, str(value)) for (label, _), value in zip(FIELDS, row, strict=True) if value not in (None, "")
    ]
    fields.insert(1, ("Plan", plan_id))
    links = [
        Link(*r)
        for r in con.execute(
            "SELECT 'plan', id, title, 'plan' FROM plans WHERE id = $1", [plan_id]
        ).fetchall()
    ]
    cited = con.execute(f"SELECT * FROM ({CITED_BY}) LIMIT {LINK_LIMIT + 1}", [plan_id, source_id]).fetchall()
    links += [Link(*r) for r in cited[:LINK_LIMIT]]
    more = max(0, len(cited) - LINK_LIMIT)
    return RecordDetail("source", source_id, str(row[0]), plan_id, fields, links, [], more)
