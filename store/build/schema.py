"""The DuckDB schema: the tables a load writes, and the version that guards them.

Loading writes the *base* tables below, in input order (``ord``).  A record's
links and citations are kept twice: as lists in the record's own row (so an
export reads each record whole, in order, with no join or grouping) and as
rows of the link and ``citations`` tables (which checks and queries use);
every writer fills both from the same values.  After the
cross-record checks pass, ``finalize`` derives the read-side tables (paging
order, search items, roll-ups).  Columns ``src`` and ``line`` remember where
each record was read, so a check that fails can point at the file and line.
"""

from __future__ import annotations

from typing import Final

from planscope.store.vocab import PLURALS

#: Bumped whenever a table changes shape; a database of another version is rebuilt or refused.
SCHEMA_VERSION: Final = "10"

#: A record's citations, in order, kept with the record as well as in ``citations``.
CITES: Final = "STRUCT(source VARCHAR, paragraph INTEGER, note VARCHAR)[]"

#: Base tables and their columns, in insert order.  Types follow each name.
TABLES: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "files": (("src", "INTEGER"), ("path", "VARCHAR")),
    "plans": (
        ("ord", "BIGINT"),
        ("id", "VARCHAR"),
        ("title", "VARCHAR"),
        ("issuer", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("start_year", "INTEGER"),
        ("end_year", "INTEGER"),
        ("horizon_year", "INTEGER"),
        ("parent_id", "VARCHAR"),
        ("summary", "VARCHAR"),
        ("citations", CITES),
        ("src", "INTEGER"),
        ("line", "INTEGER"),
    ),
    "sources": (
        ("ord", "BIGINT"),
        ("plan_id", "VARCHAR"),
        ("id", "VARCHAR"),
        ("title", "VARCHAR"),
        ("publisher", "VARCHAR"),
        ("date", "VARCHAR"),
        ("author", "VARCHAR"),
        ("location", "VARCHAR"),
        ("paragraphs", "INTEGER"),
        ("note", "VARCHAR"),
        ("src", "INTEGER"),
        ("line", "INTEGER"),
    ),
    "periods": (
        ("ord", "BIGINT"),
        ("plan_id", "VARCHAR"),
        ("id", "VARCHAR"),
        ("label", "VARCHAR"),
        ("start_year", "INTEGER"),
        ("end_year", "INTEGER"),
        ("citations", CITES),
        ("src", "INTEGER"),
        ("line", "INTEGER"),
    ),
    "goals": (
        ("ord", "BIGINT"),
        ("plan_id", "VARCHAR"),
        ("id", "VARCHAR"),
        ("parent_id", "VARCHAR"),
        ("title", "VARCHAR"),
        ("area", "VARCHAR"),
        ("description", "VARCHAR"),
        ("status", "VARCHAR"),
        ("progress", "DOUBLE"),
        ("citations", CITES),
        ("src", "INTEGER"),
        ("line", "INTEGER"),
    ),
    # rn (position in load order) and the last four are derived: by finalize, unless a writer
    # that knows them (the generator) fills them in load order already.
    "projects": (
        ("rn", "BIGINT"),
        ("ord", "BIGINT"),
        ("plan_id", "VARCHAR"),
        ("id", "VARCHAR"),
        ("title", "VARCHAR"),
        ("description", "VARCHAR"),
        ("owner", "VARCHAR"),
        ("location", "VARCHAR"),
        ("status", "VARCHAR"),
        ("planned_start", "VARCHAR"),
        ("planned_end", "VARCHAR"),
        ("actual_start", "VARCHAR"),
        ("actual_end", "VARCHAR"),
        ("budget_amount", "DOUBLE"),
        ("budget_currency", "VARCHAR"),
        ("tags", "VARCHAR[]"),
        ("goals", "VARCHAR[]"),
        ("citations", CITES),
        ("src", "INTEGER"),
        ("line", "INTEGER"),
        ("goal_id", "VARCHAR"),
        ("area", "VARCHAR"),
        ("start_year", "INTEGER"),
        ("end_year", "INTEGER"),
    ),
    "project_goals": (("project_id", "VARCHAR"), ("pos", "INTEGER"), ("goal_id", "VARCHAR")),
    "indicators": (
        ("ord", "BIGINT"),
        ("plan_id", "VARCHAR"),
        ("id", "VARCHAR"),
        ("title", "VARCHAR"),
        ("unit", "VARCHAR"),
        ("direction", "VARCHAR"),
        ("attribute", "VARCHAR"),
        ("baseline", "DOUBLE"),
        ("baseline_year", "INTEGER"),
        ("description", "VARCHAR"),
        ("goals", "VARCHAR[]"),
        ("citations", CITES),
        ("src", "INTEGER"),
        ("line", "INTEGER"),
    ),
    "indicator_goals": (("indicator_id", "VARCHAR"), ("pos", "INTEGER"), ("goal_id", "VARCHAR")),
    "targets": (
        ("indicator_id", "VARCHAR"),
        ("pos", "INTEGER"),
        ("period_id", "VARCHAR"),
        ("value", "DOUBLE"),
        ("note", "VARCHAR"),
    ),
    "observations": (
        ("indicator_id", "VARCHAR"),
        ("pos", "INTEGER"),
        ("value", "DOUBLE"),
        ("as_of", "VARCHAR"),
        ("note", "VARCHAR"),
        ("cite_source", "VARCHAR"),
        ("cite_paragraph", "INTEGER"),
        ("cite_note", "VARCHAR"),
    ),
    "milestones": (
        ("ord", "BIGINT"),
        ("plan_id", "VARCHAR"),
        ("id", "VARCHAR"),
        ("title", "VARCHAR"),
        ("date", "VARCHAR"),
        ("period_id", "VARCHAR"),
        ("description", "VARCHAR"),
        ("goals", "VARCHAR[]"),
        ("projects", "VARCHAR[]"),
        ("citations", CITES),
        ("src", "INTEGER"),
        ("line", "INTEGER"),
    ),
    "milestone_links": (
        ("milestone_id", "VARCHAR"),
        ("pos", "INTEGER"),
        ("target_kind", "VARCHAR"),
        ("target_id", "VARCHAR"),
    ),
    "citations": (
        ("record_kind", "VARCHAR"),
        ("record_id", "VARCHAR"),
        ("plan_id", "VARCHAR"),
        ("pos", "INTEGER"),
        ("source_id", "VARCHAR"),
        ("paragraph", "INTEGER"),
        ("note", "VARCHAR"),
    ),
    "rejected": (("kind", "VARCHAR"), ("id", "VARCHAR")),
    # Where target and observation rows read from CSV came from (load-time only).
    "detached_rows": (
        ("kind", "VARCHAR"),
        ("indicator_id", "VARCHAR"),
        ("pos", "INTEGER"),
        ("src", "INTEGER"),
        ("line", "INTEGER"),
    ),
    "meta": (("key", "VARCHAR"), ("value", "VARCHAR")),
}

#: Tables whose rows are records with a global id, keyed by kind (each named for its kind's plural).
RECORD_TABLES: Final = PLURALS


def create_base_tables_sql() -> str:
    """DDL for every base table, as one script."""
    parts = []
    for name, columns in TABLES.items():
        cols = ", ".join(f"{col} {typ}" for col, typ in columns)
        parts.append(f"CREATE TABLE {name} ({cols});")
    return "\n".join(parts)


def insert_sql(table: str) -> str:
    """An INSERT that takes one list parameter per column and unnests them together.

    Sending whole columns as lists is about twenty times faster than
    executemany and needs no Arrow dependency.
    """
    columns = TABLES[table]
    names = ", ".join(col for col, _ in columns)
    values = ", ".join(f"unnest(${i + 1}::{typ}[])" for i, (_, typ) in enumerate(columns))
    return f"INSERT INTO {table} ({names}) SELECT {values}"
