"""What changed between two editions, worked out in SQL with both files attached.

The previous database is attached read-only as ``prev``; the new one is
``main``.  For every kind of record this finds the records added, removed and
changed, and for a changed record one row per field a user sees, with the old
and the new value as text.  Only the differences are written, into the temp
table ``edition_delta``; :mod:`~planscope.store.build.editions` numbers them and keeps them.

Cost matters at a million projects, where nearly every row is unchanged.  So
each table is first compared in one hash join on its key, carrying only a
64-bit hash of the row's fields: a row whose hash differs (or that has no
partner) is a candidate.  Only candidates, usually a few thousand, are then
read in full, turned into text and compared field by field, so a reported
change is always real.  A change can go unseen only if the old and new rows
hash alike, a chance of about one in 2^64 per changed row.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from planscope.store.build.schema import RECORD_TABLES
from planscope.store.vocab import KINDS

#: Numbers as people write them: 60000 rather than 60000.0.
NUMBER_MACRO = """
CREATE OR REPLACE TEMP MACRO ed_num(v) AS CASE WHEN v = trunc(v) AND abs(v) < 1e15
  THEN CAST(CAST(v AS BIGINT) AS VARCHAR) ELSE CAST(v AS VARCHAR) END
"""

DELTA_TABLE = """
CREATE OR REPLACE TEMP TABLE edition_delta (kind VARCHAR, id VARCHAR, title VARCHAR, change VARCHAR,
  field VARCHAR, old VARCHAR, new VARCHAR, field_rank INTEGER)
"""

_NUM = "ed_num({})"
_TEXT = "CAST({} AS VARCHAR)"

#: Per kind: the title column, then (field, column, how to show it as text).  Field names are
#: those of the plan files, so a person can find what changed in their own file.
SCALARS: dict[str, tuple[str, tuple[tuple[str, str, str], ...]]] = {
    "plan": ("title", (
        ("title", "title", "{}"), ("issuer", "issuer", "{}"), ("kind", "kind", "{}"),
        ("start", "start_year", _TEXT), ("end", "end_year", _TEXT), ("horizon", "horizon_year", _TEXT),
        ("parent", "parent_id", "{}"), ("summary", "summary", "{}"),
    )),
    "period": ("label", (
        ("plan", "plan_id", "{}"), ("label", "label", "{}"), ("start", "start_year", _TEXT),
        ("end", "end_year", _TEXT),
    )),
    "goal": ("title", (
        ("plan", "plan_id", "{}"), ("title", "title", "{}"), ("parent", "parent_id", "{}"),
        ("area", "area", "{}"), ("status", "status", "{}"), ("progress", "progress", _NUM),
        ("description", "description", "{}"),
    )),
    "project": ("title", (
        ("plan", "plan_id", "{}"), ("title", "title", "{}"), ("status", "status", "{}"),
        ("owner", "owner", "{}"), ("location", "location", "{}"),
        ("planned_start", "planned_start", "{}"), ("planned_end", "planned_end", "{}"),
        ("actual_start", "actual_start", "{}"), ("actual_end", "actual_end", "{}"),
        ("budget", "budget_amount", _NUM), ("budget_currency", "budget_currency", "{}"),
        ("tags", "tags", "nullif(array_to_string({}, '; '), '')"), ("description", "description", "{}"),
    )),
    "indicator": ("title", (
        ("plan", "plan_id", "{}"), ("title", "title", "{}"), ("unit", "unit", "{}"),
        ("direction", "direction", "{}"), ("attribute", "attribute", "{}"),
        ("baseline", "baseline", _NUM), ("baseline_year", "baseline_year", _TEXT),
        ("description", "description", "{}"),
    )),
    "milestone": ("title", (
        ("plan", "plan_id", "{}"), ("title", "title", "{}"), ("date", "date", "{}"),
        ("period", "period_id", "{}"), ("description", "description", "{}"),
    )),
}  # fmt: skip


@dataclass(frozen=True)
class Child:
    """A link table whose rows are a field of the record that owns them.

    Without ``key`` a record's rows make one field, a list (``goals``: "g1; g2"),
    and rows are matched on (owner, ``part``, pos).  With ``key`` each key is
    its own field (``targets[2021-2025]``), so a revised target reads as one
    value that moved rather than a whole list rewritten, and rows are matched
    on (owner, key), since a key's place in the list carries no meaning.
    """

    table: str
    owner: str
    kind: str  # SQL: the owner's kind
    field: str  # SQL: the field's name, from ``part`` and ``k``
    part: str  # SQL: a column splitting one owner's rows into fields, or a constant
    fields: str  # the other columns, hashed to find rows that differ
    text: str  # SQL: one row as text
    key: str = "NULL"


CHILDREN: tuple[Child, ...] = (
    Child("project_goals", "project_id", "'project'", "'goals'", "''", "goal_id", "goal_id"),
    Child("indicator_goals", "indicator_id", "'indicator'", "'goals'", "''", "goal_id", "goal_id"),
    Child("milestone_links", "milestone_id", "'milestone'", "part || 's'", "target_kind", "target_id",
          "target_id"),
    Child("targets", "indicator_id", "'indicator'", "'targets[' || k || ']'", "''", "period_id, value, note",
          "coalesce(ed_num(value), '-') || coalesce(' (' || note || ')', '')", key="period_id"),
    Child("observations", "indicator_id", "'indicator'", "'observations[' || k || ']'", "''",
          "as_of, value, note, cite_source, cite_paragraph, cite_note",
          "ed_num(value) || coalesce(' (' || note || ')', '')"
          " || coalesce(' [' || cite_source || '#' || cite_paragraph || ']', '')", key="as_of"),
    Child("citations", "record_id", "part", "'citations'", "record_kind", "source_id, paragraph, note",
          "source_id || '#' || paragraph || coalesce(' (' || note || ')', '')"),
)  # fmt: skip

#: Where a field sorts within its record: scalars in spec order, then the link tables.
CHILD_RANK_BASE = 100


def compute_delta(con: duckdb.DuckDBPyConnection) -> None:
    """Fill ``edition_delta`` with every difference between ``prev`` and ``main``."""
    con.execute(NUMBER_MACRO)
    con.execute(DELTA_TABLE)
    for kind in KINDS:
        _records(con, kind)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE ed_child (kind VARCHAR, owner VARCHAR, field VARCHAR, "
        "old VARCHAR, new VARCHAR, field_rank INTEGER)"
    )
    for rank, child in enumerate(CHILDREN):
        _child(con, child, CHILD_RANK_BASE + rank)
    for kind in KINDS:  # link-table changes of records kept in both editions, with their titles
        con.execute(
            f"""INSERT INTO edition_delta
                SELECT '{kind}', c.owner, r.{SCALARS[kind][0]}, 'changed', c.field, c.old, c.new, c.field_rank
                FROM ed_child c JOIN main.{RECORD_TABLES[kind]} r ON r.id = c.owner
                WHERE c.kind = '{kind}' AND c.owner NOT IN (
                  SELECT id FROM edition_delta WHERE kind = '{kind}' AND change = 'added')"""
        )
    con.execute("DROP TABLE ed_child")


def _records(con: duckdb.DuckDBPyConnection, kind: str) -> None:
    """Added and removed records, and one row per changed field of the others."""
    table = RECORD_TABLES[kind]
    title, fields = SCALARS[kind]
    cols = sorted({col for _, col, _ in fields} | {title})
    hashed = f"SELECT id, hash({', '.join(cols)}) AS h FROM {{db}}.{table}"
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE ed_ids AS
            SELECT coalesce(n.id, o.id) AS id FROM ({hashed.format(db="main")}) n
            FULL OUTER JOIN ({hashed.format(db="prev")}) o ON n.id = o.id
            WHERE n.id IS NULL OR o.id IS NULL OR n.h <> o.h"""
    )
    picked = f"SELECT id, {', '.join(cols)} FROM {{db}}.{table} WHERE id IN (SELECT id FROM ed_ids)"
    pairs = ", ".join(
        f"{{'field': '{name}', 'rank': {rank}, 'old': {show.format('o.' + col)}, "
        f"'new': {show.format('n.' + col)}}}"
        for rank, (name, col, show) in enumerate(fields)
    )
    con.execute(
        f"""INSERT INTO edition_delta
            SELECT '{kind}', id, title, change, f.field, f.old, f.new, coalesce(f.rank, -1) FROM (
              SELECT coalesce(n.id, o.id) AS id, coalesce(n.{title}, o.{title}) AS title,
                     CASE WHEN o.id IS NULL THEN 'added' WHEN n.id IS NULL THEN 'removed' ELSE 'changed' END
                       AS change,
                     unnest(CASE WHEN n.id IS NOT NULL AND o.id IS NOT NULL THEN [{pairs}] ELSE [NULL] END)
                       AS f
              FROM ({picked.format(db="main")}) n
              FULL OUTER JOIN ({picked.format(db="prev")}) o ON n.id = o.id)
            WHERE change <> 'changed' OR f.old IS DISTINCT FROM f.new"""
    )
    con.execute("DROP TABLE ed_ids")


def _child(con: duckdb.DuckDBPyConnection, c: Child, rank: int) -> None:
    """Rows of ``ed_child`` for owners whose rows in this link table differ."""
    if c.key == "NULL":  # a list: rows pair up by their place in it
        hashed = (
            f"SELECT {c.owner} AS owner, {c.part} AS part, pos, hash({c.fields}) AS h FROM {{db}}.{c.table}"
        )
        on, differs = "n.pos = o.pos", "n.h <> o.h"
    else:  # keyed rows pair up by key, whatever their place (CSV rows number theirs file-wide)
        hashed = (
            f"SELECT {c.owner} AS owner, {c.part} AS part, {c.key} AS k, count(*) AS cnt, "
            f"sum(hash({c.fields}))::HUGEINT AS h FROM {{db}}.{c.table} GROUP BY ALL"
        )
        on, differs = "n.k IS NOT DISTINCT FROM o.k", "n.cnt <> o.cnt OR n.h <> o.h"
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE ed_owner AS
            SELECT DISTINCT coalesce(n.owner, o.owner) AS owner, coalesce(n.part, o.part) AS part
            FROM ({hashed.format(db="main")}) n FULL OUTER JOIN ({hashed.format(db="prev")}) o
              ON n.owner = o.owner AND n.part = o.part AND {on}
            WHERE n.owner IS NULL OR o.owner IS NULL OR {differs}"""
    )
    agg = (
        f"SELECT {c.owner} AS owner, {c.part} AS part, {c.key} AS k, "
        f"string_agg({c.text}, '; ' ORDER BY pos) AS v FROM {{db}}.{c.table} t "
        f"SEMI JOIN ed_owner e ON e.owner = t.{c.owner} AND e.part = {c.part} GROUP BY ALL"
    )
    con.execute(
        f"""INSERT INTO ed_child
            SELECT {c.kind}, owner, {c.field}, old, new, {rank} FROM (
              SELECT coalesce(n.owner, o.owner) AS owner, coalesce(n.part, o.part) AS part,
                     coalesce(n.k, o.k) AS k, o.v AS old, n.v AS new
              FROM ({agg.format(db="main")}) n FULL OUTER JOIN ({agg.format(db="prev")}) o
                ON n.owner = o.owner AND n.part = o.part AND n.k IS NOT DISTINCT FROM o.k
              WHERE n.v IS DISTINCT FROM o.v)"""
    )
    con.execute("DROP TABLE ed_owner")
