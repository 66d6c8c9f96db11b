"""Write a whole database out as JSON plan documents, CSV tables or Parquet.

JSON export writes one plan document per plan, in exactly the structure a
TOML plan file has, one record per line, so ``load`` reads it back unchanged
and a second export is byte-identical to the first.  Rows stream from DuckDB
in chunks, so exporting a million projects never holds them all in memory.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import duckdb

from store.csv_format import COLUMNS, format_citation, join_list
from store.errors import InputError

FORMATS = ("json", "csv", "parquet")
CHUNK = 10_000

_CITES = "list({'source': source_id, 'paragraph': paragraph, 'note': note} ORDER BY pos)"

# Per section: SQL selecting one plan's records ($1 = plan id) as named columns, in file order.
SECTION_SQL: dict[str, str] = {
    "sources": """SELECT id, title, publisher, date, author, location, paragraphs, note
                  FROM sources WHERE plan_id = $1 ORDER BY ord""",
    "periods": """SELECT id, label, start_year AS start, end_year AS "end", c.citations
                  FROM periods r LEFT JOIN cites c ON c.ckind = 'period' AND c.crid = r.id
                  WHERE plan_id = $1 ORDER BY ord""",
    "goals": """SELECT id, title, parent_id AS parent, area, description, status, progress, c.citations
                FROM goals r LEFT JOIN cites c ON c.ckind = 'goal' AND c.crid = r.id
                WHERE plan_id = $1 ORDER BY ord""",
    "projects": """SELECT id, title, g.goals, description, owner, location, status, planned_start,
                          planned_end, actual_start, actual_end,
                          CASE WHEN budget_amount IS NOT NULL
                               THEN {'amount': budget_amount, 'currency': budget_currency} END AS budget,
                          tags, c.citations
                   FROM projects r
                   LEFT JOIN (SELECT project_id, list(goal_id ORDER BY pos) AS goals
                              FROM project_goals GROUP BY 1) g ON g.project_id = r.id
                   LEFT JOIN cites c ON c.ckind = 'project' AND c.crid = r.id
                   WHERE plan_id = $1 ORDER BY ord""",
    "indicators": """SELECT id, title, unit, direction, attribute, g.goals, baseline, baseline_year,
                            description, t.targets, o.observations, c.citations
                     FROM indicators r
                     LEFT JOIN (SELECT indicator_id, list(goal_id ORDER BY pos) AS goals
                                FROM indicator_goals GROUP BY 1) g ON g.indicator_id = r.id
                     LEFT JOIN (SELECT indicator_id, list({'period': period_id, 'value': value,
                                'note': note} ORDER BY pos) AS targets FROM targets GROUP BY 1) t
                       ON t.indicator_id = r.id
                     LEFT JOIN (SELECT indicator_id, list({'value': value, 'as_of': as_of, 'note': note,
                                'citation': CASE WHEN cite_source IS NOT NULL THEN {'source': cite_source,
                                'paragraph': cite_paragraph, 'note': cite_note} END} ORDER BY pos)
                                AS observations FROM observations GROUP BY 1) o ON o.indicator_id = r.id
                     LEFT JOIN cites c ON c.ckind = 'indicator' AND c.crid = r.id
                     WHERE plan_id = $1 ORDER BY ord""",
    "milestones": """SELECT id, title, date, period_id AS period, g.goals, p.projects, description,
                            c.citations
                     FROM milestones r
                     LEFT JOIN (SELECT milestone_id, list(target_id ORDER BY pos) AS goals
                                FROM milestone_links WHERE target_kind = 'goal' GROUP BY 1) g
                       ON g.milestone_id = r.id
                     LEFT JOIN (SELECT milestone_id, list(target_id ORDER BY pos) AS projects
                                FROM milestone_links WHERE target_kind = 'project' GROUP BY 1) p
                       ON p.milestone_id = r.id
                     LEFT JOIN cites c ON c.ckind = 'milestone' AND c.crid = r.id
                     WHERE plan_id = $1 ORDER BY ord""",
}

CITES_VIEW = f"""CREATE OR REPLACE TEMP VIEW cites AS
SELECT record_kind AS ckind, record_id AS crid, {_CITES} AS citations FROM citations GROUP BY 1, 2"""


def export(con: duckdb.DuckDBPyConnection, fmt: str, out: Path) -> list[Path]:
    """Export every plan to ``out`` in ``fmt``; return the files written."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    con.execute(CITES_VIEW)
    if fmt == "json":
        return export_json(con, out)
    if fmt == "csv":
        return export_csv(con, out)
    return export_parquet(con, out)


def _prune(value: Any) -> Any:
    """Drop empty fields so files hold only what was said (None and [] mean 'not given')."""
    if isinstance(value, dict):
        return {k: _prune(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[object]) -> Iterator[dict[str, Any]]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]  # type: ignore[union-attr]
    while chunk := cur.fetchmany(CHUNK):
        for row in chunk:
            yield _prune(dict(zip(names, row, strict=True)))


def plan_header(con: duckdb.DuckDBPyConnection, plan_id: str) -> dict[str, Any]:
    """A plan's own table in document form."""
    sql = """SELECT id, title, issuer, kind, start_year AS start, end_year AS "end", horizon_year AS horizon,
                    parent_id AS parent, summary, c.citations
             FROM plans r LEFT JOIN cites c ON c.ckind = 'plan' AND c.crid = r.id WHERE id = $1"""
    return next(_rows(con, sql, [plan_id]))


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def write_document(con: duckdb.DuckDBPyConnection, plan_id: str, out: TextIO) -> None:
    """Stream one plan document as JSON, one record per line."""
    out.write('{\n  "format": "planscope/1",\n  "plan": ' + _dump(plan_header(con, plan_id)))
    for section, sql in SECTION_SQL.items():
        out.write(f',\n  "{section}": [')
        first = True
        for record in _rows(con, sql, [plan_id]):
            out.write(("\n    " if first else ",\n    ") + _dump(record))
            first = False
        out.write("]" if first else "\n  ]")
    out.write("\n}\n")


def _atomic_text(path: Path) -> tuple[Path, TextIO]:
    tmp = path.with_name(f".{path.name}.tmp")
    return tmp, tmp.open("w", encoding="utf-8", newline="\n")


def export_json(con: duckdb.DuckDBPyConnection, out: Path) -> list[Path]:
    """One ``<plan id>.json`` per plan."""
    written = []
    for (plan_id,) in con.execute("SELECT id FROM plans ORDER BY ord").fetchall():
        path = out / f"{plan_id}.json"
        tmp, handle = _atomic_text(path)
        with handle:
            write_document(con, plan_id, handle)
        os.replace(tmp, path)
        written.append(path)
    return written


def _csv_rows(con: duckdb.DuckDBPyConnection, kind: str) -> Iterator[list[str]]:
    for (plan_id,) in con.execute("SELECT id FROM plans ORDER BY ord").fetchall():
        if kind == "plans":
            yield _csv_row(kind, plan_header(con, plan_id), None)
            continue
        if kind in ("targets", "observations"):
            for record in _rows(con, SECTION_SQL["indicators"], [plan_id]):
                for item in record.get(kind, []):
                    yield _csv_row(kind, item, None, indicator=record["id"])
            continue
        for record in _rows(con, SECTION_SQL[kind], [plan_id]):
            yield _csv_row(kind, record, plan_id)


def _csv_row(
    kind: str, record: dict[str, Any], plan_id: str | None, indicator: str | None = None
) -> list[str]:
    values = dict(record)
    values["plan"] = plan_id
    values["indicator"] = indicator
    if "budget" in values:
        values["budget_amount"] = values["budget"]["amount"]
        values["budget_currency"] = values["budget"]["currency"]
    values["citations"] = join_list(
        [format_citation(c["source"], c["paragraph"]) for c in values.get("citations", [])]
    )
    if kind == "observations" and values.get("citation"):
        values["citation"] = format_citation(values["citation"]["source"], values["citation"]["paragraph"])
    for key in ("goals", "tags", "projects"):
        if isinstance(values.get(key), list):
            values[key] = join_list(values[key])
    return ["" if values.get(col) is None else _cell(values[col]) for col in COLUMNS[kind]]


def _cell(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    return str(value)


def export_csv(con: duckdb.DuckDBPyConnection, out: Path) -> list[Path]:
    """One CSV per kind, in the layout the CSV reader takes."""
    written = []
    for kind, columns in COLUMNS.items():
        path = out / f"{kind}.csv"
        tmp, handle = _atomic_text(path)
        with handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows(_csv_rows(con, kind))
        os.replace(tmp, path)
        written.append(path)
    return written


PARQUET_TABLES = (
    "plans",
    "sources",
    "periods",
    "goals",
    "projects",
    "project_goals",
    "indicators",
    "indicator_goals",
    "targets",
    "observations",
    "milestones",
    "milestone_links",
    "citations",
)

#: Columns that only say where a row was read from, or are derived at load time.
_NOT_EXPORTED = {"src", "line", "rn"}
_DERIVED = {"projects": {"goal_id", "area", "start_year", "end_year"}, "milestones": {"year"}}


def export_parquet(con: duckdb.DuckDBPyConnection, out: Path) -> list[Path]:
    """One Parquet file per table, written by DuckDB itself."""
    written = []
    for table in PARQUET_TABLES:
        path = out / f"{table}.parquet"
        skip = _NOT_EXPORTED | _DERIVED.get(table, set())
        columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in skip]
        order = "ord" if "ord" in columns else "1"
        con.sql(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}").write_parquet(str(path))
        written.append(path)
    return written
