"""An indicator's observations over time, for the text chart in the app."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True, slots=True)
class Point:
    """One observation: when (as written in the plan) and the value."""

    as_of: str
    value: float


@dataclass(frozen=True, slots=True)
class Series:
    """An indicator's observations in date order, with what the chart labels them by."""

    indicator_id: str
    title: str
    unit: str | None
    points: list[Point]


def series(con: duckdb.DuckDBPyConnection, indicator_id: str) -> Series | None:
    """The observations of one indicator, oldest first; None when the id is not an indicator."""
    head = con.execute("SELECT title, unit FROM indicators WHERE id = $1", [indicator_id]).fetchone()
    if head is None:
        return None
    rows = con.execute(
        "SELECT as_of, value FROM observations WHERE indicator_id = $1 ORDER BY as_of, pos",
        [indicator_id],
    ).fetchall()
    return Series(indicator_id, head[0], head[1], [Point(a, v) for a, v in rows])
