"""Two plans side by side: their goal areas, what each area holds, and how shared targets moved.

Plans do not share record ids (each plan's ids carry its own prefix), so an
indicator of one plan is matched to one of the other by its title, ignoring
case and spacing, and its unit.  That is how a reader pairs "5G base stations"
of a 13th Five-Year Plan with the same line of the 14th; nothing is guessed
beyond it.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from planscope.store.errors import RecordNotFound

NO_AREA = "(no area)"


@dataclass(frozen=True, slots=True)
class PlanSide:
    """A compared plan's header."""

    id: str
    title: str
    start_year: int
    end_year: int


@dataclass(frozen=True, slots=True)
class AreaCounts:
    """One goal area: how many goals, projects and indicators each plan has in it."""

    area: str
    goals_a: int
    goals_b: int
    projects_a: int
    projects_b: int
    indicators_a: int
    indicators_b: int


@dataclass(frozen=True, slots=True)
class TargetMove:
    """An indicator both plans set a target for: each plan's last target, and the move."""

    title: str
    unit: str | None
    id_a: str
    id_b: str
    target_a: float
    year_a: int
    target_b: float
    year_b: int

    @property
    def moved(self) -> float:
        """How far B's target is from A's, in the indicator's unit."""
        return self.target_b - self.target_a


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything ``compare`` reports."""

    a: PlanSide
    b: PlanSide
    areas_both: list[str]
    areas_only_a: list[str]
    areas_only_b: list[str]
    areas: list[AreaCounts]
    targets: list[TargetMove]


def compare(con: duckdb.DuckDBPyConnection, plan_a: str, plan_b: str) -> Comparison:
    """Set ``plan_a`` and ``plan_b`` side by side; raises RecordNotFound for an unknown plan."""
    a, b = _side(con, plan_a), _side(con, plan_b)
    areas = [AreaCounts(*row) for row in con.execute(_AREAS, [plan_a, plan_b, NO_AREA]).fetchall()]
    named = [x for x in areas if x.area != NO_AREA]
    return Comparison(
        a,
        b,
        [x.area for x in named if x.goals_a and x.goals_b],
        [x.area for x in named if x.goals_a and not x.goals_b],
        [x.area for x in named if x.goals_b and not x.goals_a],
        areas,
        [TargetMove(*row) for row in con.execute(_TARGETS, [plan_a, plan_b]).fetchall()],
    )


def _side(con: duckdb.DuckDBPyConnection, plan_id: str) -> PlanSide:
    row = con.execute("SELECT id, title, start_year, end_year FROM plans WHERE id = $1", [plan_id]).fetchone()
    if row is None:
        raise RecordNotFound(f"no plan has the id {plan_id!r}")
    return PlanSide(*row)


# Goals count by their own area; projects by the area of the goal they mainly serve (the
# derived ``area`` column); indicators by the area of the first goal they measure.
_AREAS = """
WITH g AS (SELECT plan_id, coalesce(area, $3) AS area FROM goals WHERE plan_id IN ($1, $2)),
p AS (SELECT plan_id, coalesce(area, $3) AS area FROM projects WHERE plan_id IN ($1, $2)),
i AS (SELECT i.plan_id, coalesce(g.area, $3) AS area FROM indicators i
      LEFT JOIN indicator_goals ig ON ig.indicator_id = i.id AND ig.pos = 0
      LEFT JOIN goals g ON g.id = ig.goal_id WHERE i.plan_id IN ($1, $2)),
counted AS (
  SELECT area, count(*) FILTER (plan_id = $1) AS ga, count(*) FILTER (plan_id = $2) AS gb,
         0 AS pa, 0 AS pb, 0 AS ia, 0 AS ib FROM g GROUP BY area
  UNION ALL SELECT area, 0, 0, count(*) FILTER (plan_id = $1), count(*) FILTER (plan_id = $2), 0, 0
            FROM p GROUP BY area
  UNION ALL SELECT area, 0, 0, 0, 0, count(*) FILTER (plan_id = $1), count(*) FILTER (plan_id = $2)
            FROM i GROUP BY area)
SELECT area, sum(ga)::INT, sum(gb)::INT, sum(pa)::INT, sum(pb)::INT, sum(ia)::INT, sum(ib)::INT
FROM counted GROUP BY area ORDER BY area = $3, area
"""

# Each indicator's last target: the one whose period ends latest, with a value.
_TARGETS = """
WITH last AS (
  SELECT i.plan_id, i.id, i.title, i.unit, lower(regexp_replace(trim(i.title), '\\s+', ' ', 'g')) AS key,
         arg_max(t.value, s.end_year) AS value, max(s.end_year) AS year
  FROM indicators i JOIN targets t ON t.indicator_id = i.id JOIN periods s ON s.id = t.period_id
  WHERE i.plan_id IN ($1, $2) AND t.value IS NOT NULL GROUP BY ALL)
SELECT a.title, a.unit, a.id, b.id, a.value, a.year, b.value, b.year
FROM last a JOIN last b ON a.key = b.key AND a.unit IS NOT DISTINCT FROM b.unit
WHERE a.plan_id = $1 AND b.plan_id = $2
ORDER BY a.title, a.id, b.id
"""
