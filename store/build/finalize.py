"""Derive the read-side tables once the base tables have passed every check.

Queries stay simple and fast because the expensive joins happen here, once
per load: each project's primary goal, area and years; goal roll-ups; and one
table of lower-cased text that search scans.
"""

from __future__ import annotations

import duckdb

from planscope.store.build.schema import TABLES
from planscope.store.build.search_index import build_search

# Row numbers are computed over (rowid, sort key) alone and joined back: a window over the
# whole wide row made DuckDB sort every description twice, and at a million projects that
# was most of a build.  Ids are unique and each project has one pos-0 goal, so the joins
# keep one row per project.
PROJECTS_FINAL = """
CREATE TABLE projects_final AS
SELECT r.rn, p.* EXCLUDE (rn, goal_id, area, start_year, end_year),
       pg.goal_id AS goal_id, g.area AS area,
       y.start_year,
       -- A project that started after its planned end (and has not ended) has no known end.
       CASE WHEN y.end_year >= y.start_year OR y.start_year IS NULL THEN y.end_year END AS end_year
FROM projects p
CROSS JOIN LATERAL (
  SELECT CAST(substr(coalesce(p.actual_start, p.planned_start), 1, 4) AS INTEGER) AS start_year,
         CAST(substr(coalesce(p.actual_end, p.planned_end), 1, 4) AS INTEGER) AS end_year
) y
JOIN (SELECT rowid AS row_id, row_number() OVER (ORDER BY ord) - 1 AS rn FROM projects) r
  ON r.row_id = p.rowid
LEFT JOIN project_goals pg ON pg.project_id = p.id AND pg.pos = 0
LEFT JOIN goals g ON g.id = pg.goal_id
ORDER BY r.rn;
DROP TABLE projects;
ALTER TABLE projects_final RENAME TO projects;
"""

# Grouped counts joined once, rather than four correlated subqueries per goal.
GOAL_COUNTS = """
CREATE TABLE goal_counts AS
SELECT g.id AS goal_id, coalesce(c.n, 0) AS children, coalesce(p.n, 0) AS projects,
       coalesce(i.n, 0) AS indicators, coalesce(m.n, 0) AS milestones
FROM goals g
LEFT JOIN (SELECT parent_id AS id, count(*) AS n FROM goals GROUP BY 1) c ON c.id = g.id
LEFT JOIN (SELECT goal_id AS id, count(*) AS n FROM project_goals GROUP BY 1) p ON p.id = g.id
LEFT JOIN (SELECT goal_id AS id, count(*) AS n FROM indicator_goals GROUP BY 1) i ON i.id = g.id
LEFT JOIN (SELECT target_id AS id, count(*) AS n FROM milestone_links WHERE target_kind = 'goal' GROUP BY 1) m
  ON m.id = g.id
ORDER BY g.ord;
"""

MILESTONES_FINAL = """
CREATE TABLE milestones_final AS
SELECT r.rn, m.*, coalesce(CAST(substr(m.date, 1, 4) AS INTEGER), s.start_year) AS year
FROM milestones m
LEFT JOIN periods s ON s.id = m.period_id
JOIN (SELECT m.rowid AS row_id,
             row_number() OVER (ORDER BY coalesce(m.date, CAST(s.start_year AS VARCHAR)), m.ord) - 1 AS rn
      FROM milestones m LEFT JOIN periods s ON s.id = m.period_id) r
  ON r.row_id = m.rowid
ORDER BY r.rn;
DROP TABLE milestones;
ALTER TABLE milestones_final RENAME TO milestones;
"""

# Projects without dates take their plan's span, so the timeline can still place them.
PROJECT_YEARS = """
CREATE TABLE project_years AS
WITH spans AS (
  SELECT coalesce(p.start_year, p.end_year, pl.start_year) AS y0,
         coalesce(p.end_year, p.start_year, pl.end_year) AS y1
  FROM projects p JOIN plans pl ON pl.id = p.plan_id
), ranges AS (SELECT least(y0, y1) AS y0, greatest(y0, y1) AS y1, count(*) AS n FROM spans GROUP BY ALL)
SELECT y AS year, sum(n)::BIGINT AS projects
FROM ranges, generate_series(y0, y1) AS g(y) GROUP BY y ORDER BY y;
"""

# Targets and observations read from their own CSV rows were numbered after the inline ones
# (so the checks could find their lines); number each indicator's parts from 0 again, in order.
RENUMBER_PARTS = """
UPDATE {table} SET pos = n.new_pos
FROM (SELECT indicator_id AS ind, pos AS old_pos,
             row_number() OVER (PARTITION BY indicator_id ORDER BY pos) - 1 AS new_pos FROM {table}) n
WHERE {table}.indicator_id = n.ind AND {table}.pos = n.old_pos AND n.new_pos <> n.old_pos
"""


# (record table, its list column, the link rows it copies: key, position, value, filter).
_CITES = "{'source': source_id, 'paragraph': paragraph, 'note': note}"
RECORD_LISTS = (
    ("projects", "goals", "project_goals", "project_id", "goal_id", ""),
    ("indicators", "goals", "indicator_goals", "indicator_id", "goal_id", ""),
    ("milestones", "goals", "milestone_links", "milestone_id", "target_id", "target_kind = 'goal'"),
    ("milestones", "projects", "milestone_links", "milestone_id", "target_id", "target_kind = 'project'"),
    *(
        (table, "citations", "citations", "record_id", _CITES, f"record_kind = '{kind}'")
        for kind, table in (("plan", "plans"), ("period", "periods"), ("goal", "goals"),
                            ("project", "projects"), ("indicator", "indicators"), ("milestone", "milestones"))
    ),
)  # fmt: skip

# Lists are gathered unordered and sorted by position inside each short list: an aggregate
# with its own ORDER BY is several times slower over a million records.
_GATHER = """(SELECT {key} AS rid,
                 list_transform(list_sort(list({{'pos': pos, 'v': {value}}})), lambda x: x.v) AS items
          FROM {links} {where} GROUP BY 1)"""


#: DuckDB memory for rewriting a table with its gathered lists.  Lists grouped per record cannot
#: spill the way a sort can: at a million projects (two million milestones) the build's usual
#: cap ran out, so a load that fills lists row by row, or a revised edition, failed.  The cap
#: is raised for these statements only, and put back after.
FILL_MEMORY_LIMIT = "1GB"


def fill_record_lists(con: duckdb.DuckDBPyConnection) -> None:
    """Copy links and citations into the records' own lists where a writer left them NULL.

    The generator and the CSV fast path write the lists themselves; rows added
    one record at a time from Python leave them to this one grouped pass.  A
    record without any ends with an empty list, as the other writers leave it.
    A table is rewritten in load order rather than updated, because DuckDB
    moves a row whose list is updated to the end of its table.
    """
    by_table: dict[str, list[tuple[str, str, str, str, str]]] = {}
    for table, column, links, key, value, where in RECORD_LISTS:
        by_table.setdefault(table, []).append((column, links, key, value, where))
    types = {(t, c): typ for t, cols in TABLES.items() for c, typ in cols}
    for table, fills in by_table.items():
        missing = " OR ".join(f"{column} IS NULL" for column, *_ in fills)
        if not con.execute(f"SELECT count(*) FROM {table} WHERE {missing}").fetchone()[0]:  # type: ignore[index]
            continue
        joins, replaced = [], []
        for n, (column, links, key, value, where) in enumerate(fills):
            where = f"WHERE {where}" if where else ""
            gather = _GATHER.format(key=key, value=value, links=links, where=where)
            joins.append(f"LEFT JOIN {gather} f{n} ON f{n}.rid = t.id")
            empty = f"CAST([] AS {types[table, column]})"
            replaced.append(f"coalesce(t.{column}, f{n}.items, {empty}) AS {column}")
        cap = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]  # type: ignore[index]
        con.execute(f"SET memory_limit = '{FILL_MEMORY_LIMIT}'")
        try:
            con.execute(
                f"CREATE TABLE {table}__filled AS SELECT t.* REPLACE ({', '.join(replaced)}) "
                f"FROM {table} t {' '.join(joins)} ORDER BY t.ord; "
                f"DROP TABLE {table}; ALTER TABLE {table}__filled RENAME TO {table}"
            )
        finally:
            con.execute(f"SET memory_limit = '{cap}'")


def finalize(con: duckdb.DuckDBPyConnection) -> None:
    """Build every derived table and drop the scratch ones."""
    if con.execute("SELECT count(*) FROM detached_rows").fetchone()[0]:  # type: ignore[index]
        for table in ("targets", "observations"):
            con.execute(RENUMBER_PARTS.format(table=table))
    fill_record_lists(con)
    # Writers that know the derived columns (the generator, the CSV fast path) fill them, with
    # row numbers in the table's own order; anything else leaves a row number out.
    unknown = "SELECT count(*) FROM projects WHERE rn IS NULL OR rn <> rowid"
    if con.execute(unknown).fetchone()[0]:  # type: ignore[index]
        con.execute(PROJECTS_FINAL)
    con.execute(MILESTONES_FINAL)
    con.execute(PROJECT_YEARS)
    con.execute(GOAL_COUNTS)
    _goal_rollup(con)
    build_search(con)
    con.execute("DROP TABLE rejected")
    con.execute("DROP TABLE detached_rows")


def _goal_rollup(con: duckdb.DuckDBPyConnection) -> None:
    """Each goal's progress: its own when given, else the mean of its children's.

    Done in Python because a bottom-up pass over a tree is clearer here than a
    recursive CTE, and goals number at most in the hundreds of thousands.
    """
    rows = con.execute("SELECT id, parent_id, progress FROM goals ORDER BY ord").fetchall()
    children: dict[str, list[str]] = {}
    own: dict[str, float | None] = {}
    for gid, parent, progress in rows:
        own[gid] = progress
        if parent is not None:
            children.setdefault(parent, []).append(gid)
    rolled: dict[str, float | None] = {}
    for gid in own:
        _resolve(gid, own, children, rolled)
    ids = list(rolled)
    con.execute("CREATE TABLE goal_rollup (goal_id VARCHAR, progress DOUBLE)")
    if ids:
        con.execute(
            "INSERT INTO goal_rollup SELECT unnest($1::VARCHAR[]), unnest($2::DOUBLE[])",
            [ids, [rolled[i] for i in ids]],
        )


def _resolve(
    root: str,
    own: dict[str, float | None],
    children: dict[str, list[str]],
    rolled: dict[str, float | None],
) -> None:
    stack = [(root, False)]
    while stack:
        gid, expanded = stack.pop()
        if gid in rolled:
            continue
        kids = children.get(gid, [])
        if own[gid] is not None or not kids:
            rolled[gid] = own[gid]
        elif not expanded:
            stack.append((gid, True))
            stack.extend((kid, False) for kid in kids if kid not in rolled)
        else:
            known = [rolled[k] for k in kids if rolled.get(k) is not None]
            rolled[gid] = sum(known) / len(known) if known else None  # type: ignore[arg-type]
