"""The SQL that fills each base table of a synthetic plan set, one statement per table.

Kept apart from ``planscope.store.synthetic.generate`` (which validates arguments and drives the
build) because these statements are the bulk of the work and read best
together: every choice in them is ``h(row, salt)``, a hash of the row number,
a salt unique to that choice and the seed, so the same seed always gives the
same data and no two choices are correlated by accident.

Layout, which makes every reference valid by construction: goal ``j`` belongs
to plan ``gplan(j) = j * P // G``, so each plan's goals are one block starting
at ``gstart(p)``; a sub-goal's parent is an earlier goal of its own block and
root, so trees never loop; projects and indicators pick a goal and take its
plan; milestones pick a project and take its plan, goal, subject and place.
Periods and cited sources are then looked up in that plan's row of the
scratch table ``gen_plan``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planscope.store.synthetic.vocabulary import SUFFIXES, THINGS

if TYPE_CHECKING:
    from planscope.store.synthetic.shape import Shape

SCRATCH_PLANS = """CREATE TEMP TABLE gen_plan AS SELECT
  unnest($1::INTEGER[]) AS p, unnest($2::VARCHAR[]) AS plan_id, unnest($3::INTEGER[]) AS start_year,
  unnest($4::INTEGER[]) AS end_year, unnest($5::VARCHAR[]) AS region, unnest($6::VARCHAR[]) AS adjective,
  unnest($7::VARCHAR[][]) AS places, unnest($8::VARCHAR[][]) AS places_cn,
  unnest($9::VARCHAR[][]) AS period_ids, unnest($10::VARCHAR[][]) AS source_ids,
  unnest($11::INTEGER[][]) AS paragraphs"""

SCRATCH_PERIODS = """CREATE TEMP TABLE gen_period AS SELECT unnest($1::INTEGER[]) AS p,
  unnest($2::INTEGER[]) AS pos, unnest($3::VARCHAR[]) AS id, unnest($4::INTEGER[]) AS end_year"""


def macros(shape: Shape, seed: int, first_ord: int) -> str:
    """Scalar macros with the shape baked in, shared by every statement.

    ``h(i, salt)`` is the only source of chance: 31 bits of hash(row, salt, seed).
    Goal ``j`` belongs to plan ``j * P // G``, so each plan's goals are one block
    starting at ``gstart(p)``, and a sub-goal's parent is an earlier goal of that block.
    """
    p, g, n = shape.plans, shape.goals, shape.projects

    def rid(prefix: str, count: int) -> str:
        return f"'{prefix}-' || lpad(x::VARCHAR, {max(6, len(str(count - 1)))}, '0')"

    bases = {"goal": first_ord, "project": first_ord + g, "indicator": first_ord + g + n}
    bases["milestone"] = bases["indicator"] + shape.indicators
    return f"""
CREATE TEMP TABLE gen_seq AS SELECT range AS x FROM range({shape.milestones});
CREATE TEMP MACRO seq(n) AS TABLE SELECT x FROM gen_seq WHERE x < n;
CREATE TEMP MACRO h(x, salt) AS (hash(x, salt, CAST({seed} AS BIGINT)) >> 33)::BIGINT;
CREATE TEMP MACRO gplan(j) AS j * {p} // {g};
CREATE TEMP MACRO gstart(q) AS (q * {g} + {p} - 1) // {p};
CREATE TEMP MACRO gcount(q) AS gstart(q + 1) - gstart(q);
CREATE TEMP MACRO gnear(j, x, salt) AS gstart(gplan(j)) + h(x, salt) % gcount(gplan(j));
CREATE TEMP MACRO pgoal(x) AS h(x, 1) % {g};
CREATE TEMP MACRO igoal(x) AS h(x, 2) % {g};
CREATE TEMP MACRO mproject(x) AS h(x, 3) % {n};
CREATE TEMP MACRO pthing(x) AS CASE WHEN h(x, 4) % 8 = 0 THEN 1 ELSE 1 + h(x, 5) % {len(THINGS)} END;
CREATE TEMP MACRO pplace(x, places) AS 1 + h(x, 6) % len(places);
CREATE TEMP MACRO psuffix(x) AS 1 + h(x, 7) % {len(SUFFIXES)};
CREATE TEMP MACRO goal_id(x) AS {rid("goal", g)};
CREATE TEMP MACRO project_id(x) AS {rid("prj", n)};
CREATE TEMP MACRO indicator_id(x) AS {rid("ind", shape.indicators)};
CREATE TEMP MACRO milestone_id(x) AS {rid("ms", shape.milestones)};
CREATE TEMP MACRO ord_of(kind, x) AS CASE kind {" ".join(f"WHEN '{k}' THEN {v}" for k, v in bases.items())}
  END + x;
CREATE TEMP MACRO pdate(y, m, monthly) AS
  CASE WHEN monthly THEN y::VARCHAR || '-' || lpad(m::VARCHAR, 2, '0') ELSE y::VARCHAR END;
"""


def _cites(how_many: str, plan: str = "") -> str:
    """A record's citations as a list: ``how_many`` of them, each to a paragraph of a source of its plan.

    ``plan`` prefixes the scratch plan columns (``source_ids``, ``paragraphs``) when they need one.
    """
    source = "1 + h(x, 95 + pos) % 2"
    return f"""list_transform(range({how_many}), lambda pos: {{
      'source': {plan}source_ids[{source}],
      'paragraph': (1 + h(x, 91 + pos) % {plan}paragraphs[{source}])::INTEGER,
      'note': CASE WHEN h(x, 93 + pos) % 5 = 0 THEN 'Named in the list of key tasks.' END}})"""


GOALS = f"""INSERT INTO goals
SELECT ord_of('goal', x), plan_id, goal_id(x),
  CASE WHEN lvl > 0 THEN goal_id(gs + root + r * (h(x, 11) % lvl)) END,
  CASE WHEN h(x, 12) % 10 = 0 THEN concat('推进', places_cn[pl], $things_cn[t], '建设')
       WHEN lvl = 0 THEN concat($area_phrases[a][1 + h(x, 13) % 2], ' in ', places[pl])
       ELSE concat($subgoal_verbs[1 + h(x, 14) % len($subgoal_verbs)], ' ', $things[t], ' in ', places[pl])
  END,
  $areas[a], concat('Aims to ', $purposes[1 + h(x, 15) % len($purposes)], ' across ', region, '.'), status,
  CASE status WHEN 'done' THEN 1.0 WHEN 'planned' THEN 0.0 WHEN 'cancelled' THEN NULL
    ELSE CASE WHEN lvl > 0 AND h(x, 16) % 3 > 0 THEN (h(x, 17) % 101) / 100 END END,
  {_cites("CASE WHEN h(x, 19) % 5 = 0 THEN 0 ELSE 1 END")},
  0, NULL
FROM (SELECT *, pplace(x, places) AS pl FROM (
  SELECT x, p, gs, r, k % r AS root, k // r AS lvl, 1 + (k % r + p) % len($areas) AS a, pthing(x) AS t,
         $statuses[1 + h(x, 18) % len($statuses)] AS status
  FROM (SELECT x, p, gstart(p) AS gs, x - gstart(p) AS k, greatest(1, gcount(p) // 4) AS r
        FROM (SELECT x, gplan(x) AS p FROM seq($goals)))) JOIN gen_plan USING (p))"""

# Projects are written in their final shape (finalize derives nothing for them): row number,
# first goal, that goal's area (as GOALS picks it) and the years the dates give.
PROJECTS = f"""INSERT INTO projects
SELECT x, o, plan_id, pid, title, description, owner, location, status, starts, ends, astart, aend,
  amount, currency, tags, goals, citations, 0, NULL,
  goal_id(g0), $areas[1 + ((g0 - gstart(p)) % greatest(1, gcount(p) // 4) + p) % len($areas)],
  ys, CASE WHEN ye >= ys OR ys IS NULL THEN ye END
FROM (SELECT *, CAST(substr(coalesce(astart, starts), 1, 4) AS INTEGER) AS ys,
                CAST(substr(coalesce(aend, ends), 1, 4) AS INTEGER) AS ye FROM (
SELECT x, g0, p, ord_of('project', x) AS o, plan_id, project_id(x) AS pid,
  CASE WHEN h(x, 21) % 8 = 0 THEN concat(places_cn[pl], $things_cn[t], $suffixes_cn[s])
       WHEN h(x, 22) % 2 = 0 THEN concat(places[pl], ' ', $things[t], ' ', $suffixes[s])
       ELSE concat(upper($things[t][1]), $things[t][2:], ' ', $suffixes[s], ' in ', places[pl]) END AS title,
  CASE WHEN h(x, 20) % 5 > 0 THEN concat(
    $verbs[1 + h(x, 23) % len($verbs)], ' the ', $things[t], ' in ', places[pl],
    CASE WHEN h(x, 43) % 2 = 0 THEN concat(' to ', $purposes[1 + h(x, 24) % len($purposes)]) END, '.',
    CASE WHEN h(x, 25) % 4 = 0 THEN concat(' ', places_cn[pl], $things_cn[t], $suffixes_cn[s], '。') END)
  END AS description,
  replace(replace($owners[1 + h(x, 26) % len($owners)], '{{adj}}', adjective), '{{name}}', region) AS owner,
  places[pl] AS location, status, starts, ends,
  CASE status WHEN 'in_progress' THEN starts WHEN 'done' THEN starts
    WHEN 'delayed' THEN CAST(sy + 1 AS VARCHAR) END AS astart,
  CASE status WHEN 'done' THEN ends END AS aend,
  CASE WHEN h(x, 27) % 10 <> 0 THEN ((5 + h(x, 28) % 9995) * 100000)::DOUBLE END AS amount,
  CASE WHEN h(x, 27) % 10 <> 0 THEN 'CNY' END AS currency,
  CASE WHEN h(x, 29) % 10 = 0 THEN []::VARCHAR[] ELSE list_slice($tags, tg, tg + h(x, 30) % 3) END AS tags,
  CASE WHEN h(x, 41) % 10 < 3 AND j2 <> g0 THEN [goal_id(g0), goal_id(j2)] ELSE [goal_id(g0)] END AS goals,
  {_cites("CASE WHEN h(x, 42) % 10 < 4 THEN 0 WHEN h(x, 42) % 10 < 9 THEN 1 ELSE 2 END")} AS citations
FROM (SELECT *, CASE WHEN dated THEN pdate(sy, sm, h(x, 31) % 2 = 0) END AS starts,
             CASE WHEN dated THEN pdate(sy + d, em, h(x, 32) % 2 = 0) END AS ends
  FROM (SELECT *, pplace(x, places) AS pl, start_year + h(x, 33) % (end_year - start_year + 1) AS sy
    FROM (SELECT x, p, g0, j2, pthing(x) AS t, psuffix(x) AS s,
                 $statuses[1 + h(x, 34) % len($statuses)] AS status,
                 h(x, 35) % 20 <> 0 AS dated, h(x, 36) % 4 AS d, 1 + h(x, 37) % 12 AS sm,
                 CASE WHEN h(x, 36) % 4 = 0 THEN sm + h(x, 38) % (13 - sm) ELSE 1 + h(x, 38) % 12 END AS em,
                 1 + h(x, 39) % (len($tags) - 2) AS tg
          FROM (SELECT x, g0, gnear(g0, x, 40) AS j2, gplan(g0) AS p
                FROM (SELECT x, pgoal(x) AS g0 FROM seq($projects))))
    JOIN gen_plan USING (p)))))"""

INDICATOR_SCRATCH = """CREATE TEMP TABLE gen_ind AS
SELECT x, p, v, dir, start_year, end_year,
  CASE WHEN dir = 'milestone' THEN 0.0 ELSE round(lo + (h(x, 51) % 1000) / 1000 * (hi - lo), 2)
  END AS baseline,
  CASE dir WHEN 'increase' THEN change / 5 WHEN 'decrease' THEN -change / 5 ELSE 0.0 END AS slope
FROM (SELECT x, p, v, $ind_dirs[v] AS dir, $ind_low[v] AS lo, $ind_high[v] AS hi, $ind_change[v] AS change
      FROM (SELECT x, gplan(igoal(x)) AS p, 1 + h(x, 50) % len($ind_dirs) AS v FROM seq($indicators)))
JOIN gen_plan USING (p)"""

INDICATORS = f"""INSERT INTO indicators
SELECT ord_of('indicator', x), g.plan_id, indicator_id(x),
  concat($ind_titles[v], ' (', g.places[pplace(x, g.places)], ')'), $ind_units[v], dir,
  $attributes[1 + h(x, 52) % len($attributes)], baseline, i.start_year - 1,
  concat($ind_titles[v], ' in ', g.places[pplace(x, g.places)], ', as the ', g.region,
         ' statistical communiqué reports it.'),
  CASE WHEN h(x, 54) % 5 = 0 AND j2 <> g0 THEN [goal_id(g0), goal_id(j2)] ELSE [goal_id(g0)] END,
  {_cites("CASE WHEN h(x, 58) % 5 = 0 THEN 0 ELSE 1 END", "g.")},
  0, NULL
FROM (SELECT *, igoal(x) AS g0, gnear(igoal(x), x, 53) AS j2 FROM gen_ind) i JOIN gen_plan g USING (p)"""

TARGETS = """INSERT INTO targets
SELECT indicator_id(x), s.pos, s.id,
  CASE WHEN h(x, 55 + s.pos) % 20 = 0 THEN NULL WHEN dir = 'milestone' THEN 1.0
       ELSE round(greatest(0, baseline + slope * (s.end_year - i.start_year + 1)), 2) END,
  CASE WHEN h(x, 55 + s.pos) % 20 = 0 THEN 'Qualitative target; see the plan text.' END
FROM gen_ind i JOIN gen_period s USING (p)"""

OBSERVATIONS = """INSERT INTO observations
SELECT indicator_id(x), pos,
  CASE WHEN dir = 'milestone' THEN (h(x, 60 + pos) % 2)::DOUBLE
       ELSE round(greatest(0, baseline + slope * (y - i.start_year + 1) * (0.5 + h(x, 60 + pos) % 80 / 100)),
                  2) END,
  pdate(y, 12, h(x, 63 + pos) % 2 = 0), NULL,
  CASE WHEN cited THEN g.source_ids[3] END, CASE WHEN cited THEN 1 + h(x, 66 + pos) % g.paragraphs[3] END,
  CASE WHEN cited AND h(x, 69 + pos) % 3 = 0 THEN 'From the statistical communiqué.' END
FROM (SELECT *, start_year + pos AS y, h(x, 72 + pos) % 10 < 7 AS cited
      FROM (SELECT *, unnest(range(least(h(x, 59) % 4, end_year - start_year + 1))) AS pos FROM gen_ind)) i
JOIN gen_plan g USING (p)"""

MILESTONES = f"""INSERT INTO milestones
SELECT ord_of('milestone', x), plan_id, milestone_id(x),
  CASE WHEN h(x, 81) % 8 = 0 THEN concat(places_cn[pl], $things_cn[t], $events_cn[e])
       ELSE concat($events[e], ' the ', $things[t]) END,
  CASE WHEN dated THEN pdate(start_year + h(x, 82) % (end_year - start_year + 1), 1 + h(x, 83) % 12,
                             h(x, 84) % 2 = 0) END,
  CASE WHEN NOT dated OR h(x, 85) % 3 = 0 THEN period_ids[1 + h(x, 86) % len(period_ids)] END,
  CASE WHEN h(x, 90) % 10 = 0 THEN concat('Checkpoint for the ', $things[t], ' works in ', places[pl], '.')
  END,
  CASE WHEN h(x, 89) % 10 >= 7 THEN [goal_id(pgoal(i))] ELSE [] END,
  CASE WHEN h(x, 89) % 10 < 9 THEN [project_id(i)] ELSE [] END,
  {_cites("CASE WHEN h(x, 80) % 10 < 3 THEN 1 ELSE 0 END")},
  0, NULL
FROM (SELECT *, pplace(i, places) AS pl FROM
  (SELECT x, i, gplan(pgoal(i)) AS p, pthing(i) AS t, 1 + h(x, 87) % len($events) AS e,
          h(x, 88) % 7 <> 0 AS dated
   FROM (SELECT x, mproject(x) AS i FROM seq($milestones)))
  JOIN gen_plan USING (p))"""


# Link and citation rows are the records' own lists, one row per element.
def _links(table: str, key: str, column: str, kind: str = "") -> str:
    return f"INSERT INTO {table} SELECT id, unnest(range(len({column}))), {kind} unnest({column}) FROM {key}"


def _citation_rows(kind: str, table: str) -> str:
    return f"""INSERT INTO citations SELECT '{kind}', id, plan_id, pos, c.source, c.paragraph, c.note
FROM (SELECT id, plan_id, unnest(range(len(citations))) AS pos, unnest(citations) AS c FROM {table})"""


#: (progress label, expected rows per project, SQL) in insert order.
STEPS: tuple[tuple[str, float, str], ...] = (
    ("goals", 0.1, GOALS),
    ("goals", 0.1, _citation_rows("goal", "goals")),
    ("projects", 1.0, PROJECTS),
    ("projects", 1.3, _links("project_goals", "projects", "goals")),
    ("projects", 0.7, _citation_rows("project", "projects")),
    ("indicators", 0.2, INDICATOR_SCRATCH),
    ("indicators", 0.2, INDICATORS),
    ("indicators", 0.24, _links("indicator_goals", "indicators", "goals")),
    ("indicators", 0.4, TARGETS),
    ("indicators", 0.3, OBSERVATIONS),
    ("indicators", 0.16, _citation_rows("indicator", "indicators")),
    ("milestones", 2.0, MILESTONES),
    ("milestones", 1.5, _links("milestone_links", "milestones", "projects", "'project',")),
    ("milestones", 0.7, _links("milestone_links", "milestones", "goals", "'goal',")),
    ("milestones", 0.6, _citation_rows("milestone", "milestones")),
)

#: Rows per project that finalize derives (projects, milestones, search items), for the progress bar.
FINALIZE_ROWS = 6.5
