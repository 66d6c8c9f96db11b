"""Indicators with their targets, latest actual, progress and band.

Progress is (actual − baseline) / (target − baseline).  The band compares it
with the share of the target's time already gone: ahead, on track or lagging;
``achieved`` once the target is reached.  When there is no progress to band,
the band says why, because each reason asks something different of the
reader: ``no_target`` (the source sets none), ``no_data`` (a target, but
nothing observed yet), ``flat_target`` (the target equals the baseline, so
progress toward it has no meaning), ``no_baseline``, and ``unknown`` when the
baseline's year is missing and the share of time gone cannot be known.
"""

from __future__ import annotations

import duckdb

from planscope.store.queries.paging import counted_page
from planscope.store.results import IndicatorRow, ObservationInfo, Page, TargetInfo
from planscope.store.vocab import UNKNOWN

#: How far ahead of or behind the expected progress still counts as on track.
AHEAD_BY = 0.05
LAGGING_BY = 0.10


def page(
    con: duckdb.DuckDBPyConnection, plan_id: str | None = None, offset: int = 0, limit: int = 100
) -> Page[IndicatorRow]:
    """A page of indicators in file order, each with progress worked out."""
    cond, params = ("plan_id = $1", [plan_id]) if plan_id else ("TRUE", [])
    rows, total = counted_page(
        con,
        f"SELECT count(*) FROM indicators WHERE {cond}",
        f"SELECT id, plan_id, title, unit, direction, attribute, baseline, baseline_year "
        f"FROM indicators WHERE {cond} ORDER BY ord",
        params,
        offset,
        limit,
    )
    return Page(offset, rows_with_progress(con, rows), total)


def rows_with_progress(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> list[IndicatorRow]:  # type: ignore[type-arg]
    """Attach targets and observations to indicator rows in two queries, not 2n."""
    ids = [r[0] for r in rows]
    if not ids:
        return []
    targets: dict[str, list[TargetInfo]] = {}
    for iid, pid, label, end, value, note in con.execute(
        "SELECT t.indicator_id, t.period_id, s.label, s.end_year, t.value, t.note FROM targets t "
        "JOIN periods s ON s.id = t.period_id WHERE t.indicator_id = ANY($1::VARCHAR[]) "
        "ORDER BY t.indicator_id, s.end_year, t.pos",
        [ids],
    ).fetchall():
        targets.setdefault(iid, []).append(TargetInfo(pid, label, end, value, note))
    latest: dict[str, ObservationInfo] = {}
    n_obs: dict[str, int] = {}
    for iid, value, as_of, note, n in con.execute(
        "SELECT indicator_id, value, as_of, note, count(*) OVER (PARTITION BY indicator_id) "
        "FROM observations WHERE indicator_id = ANY($1::VARCHAR[]) "
        "QUALIFY row_number() OVER (PARTITION BY indicator_id ORDER BY as_of DESC, pos DESC) = 1",
        [ids],
    ).fetchall():
        latest[iid] = ObservationInfo(value, as_of, note)
        n_obs[iid] = n
    out = []
    for iid, plan_id, title, unit, direction, attribute, baseline, baseline_year in rows:
        tlist = targets.get(iid, [])
        obs = latest.get(iid)
        progress, band = assess(baseline, baseline_year, tlist, obs)
        out.append(
            IndicatorRow(
                iid,
                plan_id,
                title,
                unit,
                direction,
                attribute,
                baseline,
                baseline_year,
                tlist,
                obs,
                n_obs.get(iid, 0),
                progress,
                band,
            )
        )
    return out


def assess(
    baseline: float | None, baseline_year: int | None, targets: list[TargetInfo], obs: ObservationInfo | None
) -> tuple[float | None, str]:
    """Progress toward the target that the latest observation is measured against, and its band."""
    goal = _target_for(targets, obs)
    if goal is None or goal.value is None:
        return None, "no_target"
    if obs is None:
        return None, "no_data"
    if baseline is None:
        return None, "no_baseline"
    if goal.value == baseline:
        return None, "flat_target"
    progress = (obs.value - baseline) / (goal.value - baseline)
    if progress >= 1.0:
        return progress, "achieved"
    obs_year = int(obs.as_of[:4])
    if baseline_year is None or goal.end_year <= baseline_year:
        return progress, UNKNOWN
    expected = min(1.0, max(0.0, (obs_year - baseline_year) / (goal.end_year - baseline_year)))
    if progress >= expected + AHEAD_BY:
        return progress, "ahead"
    if progress >= expected - LAGGING_BY:
        return progress, "on_track"
    return progress, "lagging"


def _target_for(targets: list[TargetInfo], obs: ObservationInfo | None) -> TargetInfo | None:
    """The first target whose period has not ended before the observation, else the last."""
    numeric = [t for t in targets if t.value is not None]
    if not numeric:
        return None
    if obs is None:
        return numeric[-1]
    year = int(obs.as_of[:4])
    return next((t for t in numeric if t.end_year >= year), numeric[-1])
