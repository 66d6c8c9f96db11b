"""The next edition of a plan set, with a given share of its records revised.

``planscope generate --revise 1 --db PATH`` reads the plan set in PATH and
writes it back as a new edition in which about 1 % of the goals, projects,
indicators and milestones changed, the way a real plan moves between two
reviews: a project slips to *delayed* and its planned end moves a year, its
budget grows, it gains a tag; a goal's status moves on; an indicator's target
is revised and a new observation comes in; a milestone moves; a few projects
are dropped and new ones added.  Which records change is a hash of their id,
the seed and the edition number, so each revision touches different records
and the same arguments always give the same result.

Everything is SQL over the attached old file, as in ``planscope.store.synthetic.generate``: a
million projects are revised in seconds.  The result goes through
``write_database`` like any load, so the edition and its change log are
recorded by the same code that records a load's.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import duckdb

from planscope.store.build.atomic import write_database
from planscope.store.build.load import LoadSummary
from planscope.store.build.schema import RECORD_TABLES, TABLES
from planscope.store.errors import InputError

#: Base tables copied from the old file (those a load fills; scratch and meta tables are not).
COPIED = tuple(t for t in TABLES if t not in ("files", "rejected", "detached_rows", "meta"))

_PICK = "CREATE TEMP MACRO rv(x, salt) AS hash(x, salt, $seed, $edition) % 1000000"

#: One statement per revision; ``$ppm`` is the share chosen, in parts per million.
#: Among the chosen projects a tenth are removed and a tenth replaced by new ones.
REVISIONS = (
    # Projects: slip, re-budget, gain a tag.
    """UPDATE projects SET
         status = CASE WHEN rv(id, 2) % 2 = 0 THEN 'delayed' ELSE coalesce(status, 'planned') END,
         planned_end = CASE WHEN planned_end IS NULL THEN NULL
           ELSE CAST(CAST(substr(planned_end, 1, 4) AS INTEGER) + 1 AS VARCHAR) || substr(planned_end, 5) END,
         budget_amount = CASE WHEN budget_amount IS NOT NULL THEN round(budget_amount * 1.1) END,
         tags = CASE WHEN rv(id, 3) % 3 = 0 THEN list_append(tags, 'revised') ELSE tags END
       WHERE rv(id, 1) < $ppm AND rv(id, 4) % 10 < 8""",
    # New projects, as many as are removed below, serving the goal of the project they follow.
    """CREATE TEMP TABLE rv_new AS
       SELECT p.plan_id, pg.goal_id, p.title, p.owner, p.location, p.planned_start, p.planned_end,
              'prj-e' || $edition || '-' || substr(md5(p.id), 1, 10) AS id,
              $last_ord + row_number() OVER (ORDER BY p.ord) AS ord
       FROM projects p JOIN project_goals pg ON pg.project_id = p.id AND pg.pos = 0
       WHERE rv(p.id, 1) < $ppm AND rv(p.id, 4) % 10 = 9""",
    """INSERT INTO projects (ord, plan_id, id, title, description, owner, location, status, planned_start,
                             planned_end, tags, src, line)
       SELECT ord, plan_id, id, 'Follow-up to ' || title, 'Added in a revision of the plan.', owner,
              location, 'planned', planned_start, planned_end, []::VARCHAR[], 0, NULL
       FROM rv_new""",
    "INSERT INTO project_goals SELECT id, 0, goal_id FROM rv_new",
    # Removed projects take their links with them.
    """CREATE TEMP TABLE rv_gone AS SELECT id FROM projects
       WHERE rv(id, 1) < $ppm AND rv(id, 4) % 10 = 8 AND id NOT IN (SELECT id FROM rv_new)""",
    "DELETE FROM project_goals WHERE project_id IN (SELECT id FROM rv_gone)",
    "DELETE FROM citations WHERE record_kind = 'project' AND record_id IN (SELECT id FROM rv_gone)",
    # A milestone's own list of projects is made again from its links when the build finalizes.
    """UPDATE milestones SET projects = NULL WHERE id IN (
         SELECT milestone_id FROM milestone_links
         WHERE target_kind = 'project' AND target_id IN (SELECT id FROM rv_gone))""",
    "DELETE FROM milestone_links WHERE target_kind = 'project' AND target_id IN (SELECT id FROM rv_gone)",
    "DELETE FROM projects WHERE id IN (SELECT id FROM rv_gone)",
    # Goals move on.
    """UPDATE goals SET status = CASE coalesce(status, 'planned') WHEN 'planned' THEN 'in_progress'
         WHEN 'in_progress' THEN 'done' WHEN 'delayed' THEN 'in_progress' ELSE 'delayed' END
       WHERE rv(id, 5) < $ppm""",
    # Indicators: the target is revised upward by a twentieth, and a new observation comes in.
    """UPDATE targets SET value = round(value * 1.05, 2)
       WHERE value IS NOT NULL AND rv(indicator_id, 6) < $ppm""",
    """INSERT INTO observations
       SELECT indicator_id, max(pos) + 1, round(arg_max(value, pos) * 1.02, 2),
              CAST(CAST(substr(max(as_of), 1, 4) AS INTEGER) + 1 AS VARCHAR) || '-12',
              'Reported in the revision.', NULL, NULL, NULL
       FROM observations WHERE rv(indicator_id, 7) < $ppm AND rv(indicator_id, 8) % 2 = 0
       GROUP BY indicator_id""",
    # Milestones slip a year.
    """UPDATE milestones SET
         date = CAST(CAST(substr(date, 1, 4) AS INTEGER) + 1 AS VARCHAR) || substr(date, 5)
       WHERE date IS NOT NULL AND rv(id, 9) < $ppm""",
)


def revise(db: Path, percent: float, *, seed: int = 1) -> LoadSummary:
    """Replace ``db`` with its next edition, about ``percent`` % of its records revised."""
    if not 0 < percent <= 100:
        raise InputError(f"the share to revise must be above 0 and at most 100 (per cent); got {percent:g}")
    if not db.is_file():
        raise InputError(f"{db}: no database to revise; create one with `planscope generate --projects N`")
    started = time.perf_counter()
    meta = {"origin": "generated", "seed": str(seed), "revised": f"{percent:g}"}
    summary = write_database(db, lambda con: _fill(con, db, percent, seed), meta)
    summary.seconds = time.perf_counter() - started
    return summary


def _fill(con: duckdb.DuckDBPyConnection, source: Path, percent: float, seed: int) -> LoadSummary:
    """Copy the old file's base tables, then apply every revision."""
    try:
        con.execute("ATTACH $1 AS rv_src (READ_ONLY)", [str(source)])
    except duckdb.Error as exc:
        raise InputError(f"{source}: cannot read it as a planscope database") from exc
    try:
        edition = _next_edition(con)
        for table in COPIED:
            cols = ", ".join(col for col, _ in TABLES[table])
            con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM rv_src.{table}")
        con.execute("INSERT INTO files SELECT src, path FROM rv_src.files ORDER BY src")
    except duckdb.CatalogException as exc:
        raise InputError(f"{source}: not a planscope database of this version; load it again first") from exc
    finally:
        con.execute("DETACH rv_src")
    tables = [*RECORD_TABLES.values(), "sources"]
    last_ord = con.execute(  # new projects come after every record of every kind
        "SELECT max(m) FROM (" + " UNION ALL ".join(f"SELECT max(ord) AS m FROM {t}" for t in tables) + ")"
    ).fetchone()[0]  # type: ignore[index]
    params = {"edition": edition, "ppm": round(percent * 10_000), "last_ord": last_ord or 0}
    con.execute(_PICK.replace("$seed", str(int(seed))).replace("$edition", str(edition)))
    for sql in REVISIONS:
        con.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql})
    con.execute("DROP TABLE rv_new; DROP TABLE rv_gone")
    counts: Counter[str] = Counter()
    for kind, table in {**RECORD_TABLES, "source": "sources"}.items():
        counts[kind] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
    return LoadSummary(files=0, counts=counts)


def _next_edition(con: duckdb.DuckDBPyConnection) -> int:
    """The edition being written, so each revision picks other records."""
    try:
        row = con.execute("SELECT max(edition) FROM rv_src.editions").fetchone()
    except duckdb.CatalogException:
        return 2
    return int(row[0] or 0) + 1 if row else 2
