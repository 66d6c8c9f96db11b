"""A record's own values, typed and named as in a plan file, for ``show --json``.

The detail view shows labels and display strings ("5g, smart-city"); a
script wants what the author wrote: lists as lists, numbers as numbers,
dates as the ISO text given, a budget as amount and currency, targets and
observations as nested objects.  Every field of the kind is present, null
when not given, so scripts can rely on the keys.
"""

from __future__ import annotations

from typing import Any

import duckdb

#: For each kind: (table, [(field name in a plan file, column)]) of its scalar fields.
SCALARS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "plan": (
        "plans",
        [
            ("title", "title"),
            ("issuer", "issuer"),
            ("kind", "kind"),
            ("start", "start_year"),
            ("end", "end_year"),
            ("horizon", "horizon_year"),
            ("parent", "parent_id"),
            ("summary", "summary"),
        ],
    ),
    "period": ("periods", [("label", "label"), ("start", "start_year"), ("end", "end_year")]),
    "goal": (
        "goals",
        [
            ("title", "title"),
            ("parent", "parent_id"),
            ("area", "area"),
            ("description", "description"),
            ("status", "status"),
            ("progress", "progress"),
        ],
    ),
    "project": (
        "projects",
        [
            ("title", "title"),
            ("description", "description"),
            ("owner", "owner"),
            ("location", "location"),
            ("status", "status"),
            ("planned_start", "planned_start"),
            ("planned_end", "planned_end"),
            ("actual_start", "actual_start"),
            ("actual_end", "actual_end"),
            ("budget_amount", "budget_amount"),
            ("budget_currency", "budget_currency"),
            ("tags", "tags"),
        ],
    ),
    "indicator": (
        "indicators",
        [
            ("title", "title"),
            ("unit", "unit"),
            ("direction", "direction"),
            ("attribute", "attribute"),
            ("baseline", "baseline"),
            ("baseline_year", "baseline_year"),
            ("description", "description"),
        ],
    ),
    "milestone": (
        "milestones",
        [
            ("title", "title"),
            ("date", "date"),
            ("period", "period_id"),
            ("description", "description"),
        ],
    ),
}

#: Lists of ids kept in link tables: (field, SQL returning the ids in order; $1 is the record id).
ID_LISTS: dict[str, list[tuple[str, str]]] = {
    "project": [("goals", "SELECT goal_id FROM project_goals WHERE project_id = $1 ORDER BY pos")],
    "indicator": [("goals", "SELECT goal_id FROM indicator_goals WHERE indicator_id = $1 ORDER BY pos")],
    "milestone": [
        (
            "goals",
            "SELECT target_id FROM milestone_links WHERE milestone_id = $1 AND target_kind = 'goal' "
            "ORDER BY pos",
        ),
        (
            "projects",
            "SELECT target_id FROM milestone_links WHERE milestone_id = $1 AND target_kind = 'project' "
            "ORDER BY pos",
        ),
    ],
}

SOURCE_FIELDS = ("title", "publisher", "date", "author", "location", "paragraphs", "note")


def record_values(con: duckdb.DuckDBPyConnection, kind: str, record_id: str) -> dict[str, Any]:
    """The fields of one record of ``kind`` (which must exist) as a plan file would hold them."""
    table, fields = SCALARS[kind]
    row = con.execute(
        f"SELECT {', '.join(column for _, column in fields)} FROM {table} WHERE id = $1", [record_id]
    ).fetchone()
    values: dict[str, Any] = dict(zip((name for name, _ in fields), row or (), strict=False))
    if kind == "project":
        amount, currency = values.pop("budget_amount"), values.pop("budget_currency")
        values["budget"] = {"amount": amount, "currency": currency} if currency is not None else None
        values["tags"] = list(values["tags"] or [])
    for name, sql in ID_LISTS.get(kind, []):
        values[name] = [r[0] for r in con.execute(sql, [record_id]).fetchall()]
    if kind == "indicator":
        values["targets"] = [
            {"period": period, "value": value, "note": note}
            for period, value, note in con.execute(
                "SELECT period_id, value, note FROM targets WHERE indicator_id = $1 ORDER BY pos", [record_id]
            ).fetchall()
        ]
        values["observations"] = [
            {
                "value": value,
                "as_of": as_of,
                "note": note,
                "citation": {"source": src, "paragraph": para, "note": cnote} if src is not None else None,
            }
            for value, as_of, note, src, para, cnote in con.execute(
                "SELECT value, as_of, note, cite_source, cite_paragraph, cite_note FROM observations "
                "WHERE indicator_id = $1 ORDER BY pos",
                [record_id],
            ).fetchall()
        ]
    return values


def source_values(con: duckdb.DuckDBPyConnection, plan_id: str, source_id: str) -> dict[str, Any]:
    """The fields of one source of one plan."""
    row = con.execute(
        f"SELECT {', '.join(SOURCE_FIELDS)} FROM sources WHERE plan_id = $1 AND id = $2",
        [plan_id, source_id],
    ).fetchone()
    return dict(zip(SOURCE_FIELDS, row or (), strict=False))
