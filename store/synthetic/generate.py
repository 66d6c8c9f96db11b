"""Generate a synthetic plan set of any size, for trials at scale.

Every big table is filled by DuckDB itself with one ``INSERT ... SELECT`` over
a sequence of row numbers (see ``planscope.store.synthetic.sql``), never by a Python
loop per row, so a million projects with two million milestones take seconds
and the same seed always gives the same data.

The data go through ``write_database`` like any load, so finalize, the meta
table and the atomic swap are shared, and a failure leaves the old file
alone.  The cross-record checks of a load are skipped because the layout
makes every reference valid by construction; ``tests/test_generate.py``
proves it, and that a JSON export of the result loads back cleanly.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

import duckdb

from planscope.store.build.atomic import write_database
from planscope.store.build.load import LoadSummary, ProgressFn
from planscope.store.build.schema import RECORD_TABLES, insert_sql
from planscope.store.errors import InputError
from planscope.store.synthetic.catalogue import plan_catalogue, sql_params
from planscope.store.synthetic.shape import Shape
from planscope.store.synthetic.sql import FINALIZE_ROWS, SCRATCH_PERIODS, SCRATCH_PLANS, STEPS, macros

#: Far beyond what the app is built for, but a sane guard against a typo of three zeros.
MAX_PROJECTS = 20_000_000

#: DuckDB's buffer memory for a generated build, above the 512 MB that loads get.  At a million
#: projects the three big sorts of finalize spill under 512 MB and the build takes 15-17 s; with
#: 768 MB it takes 14.5 s at about 0.9 GB peak RSS, and 1 GB is no faster.
GENERATE_MEMORY_LIMIT = "768MB"

_PARAM = re.compile(r"\$([a-z_]+)")


def generate(db: Path, projects: int, *, seed: int = 1, progress: ProgressFn | None = None) -> LoadSummary:
    """Replace ``db`` with a synthetic plan set of ``projects`` projects, atomically like a load.

    ``progress`` is called with (rows written, rows expected, table) between statements.
    """
    if not 1 <= projects <= MAX_PROJECTS:
        raise InputError(f"the number of projects must be between 1 and {MAX_PROJECTS:,}; got {projects:,}")
    if not -(2**63) <= seed < 2**63:
        raise InputError(f"the seed must be a 64-bit integer; got {seed}")
    started = time.perf_counter()
    shape = Shape.of(projects)
    meta = {"origin": "generated", "seed": str(seed), "projects": str(projects)}
    summary = write_database(db, lambda con: _fill(con, shape, seed, progress), meta)
    summary.seconds = time.perf_counter() - started
    return summary


def _fill(
    con: duckdb.DuckDBPyConnection, shape: Shape, seed: int, progress: ProgressFn | None
) -> LoadSummary:
    """Insert every base table, one statement per table; ``write_database`` finalizes afterwards."""
    con.execute(f"SET memory_limit = '{GENERATE_MEMORY_LIMIT}'")  # a cap, so small sets use no more
    cat = plan_catalogue(shape.regions)
    con.execute(insert_sql("files"), [[0], ["<generated>"]])
    for table, columns in cat.tables.items():
        con.execute(insert_sql(table), columns)
    con.execute(SCRATCH_PLANS, cat.plan_columns)
    con.execute(SCRATCH_PERIODS, cat.period_columns)
    con.execute(macros(shape, seed, cat.next_ord))
    params = sql_params() | {
        "projects": shape.projects,
        "goals": shape.goals,
        "indicators": shape.indicators,
        "milestones": shape.milestones,
    }
    total = int(shape.projects * (sum(rows for _, rows, _ in STEPS) + FINALIZE_ROWS))
    done = 0
    for label, _, sql in STEPS:
        if progress:
            progress(done, total, label)
        row = con.execute(sql, {name: params[name] for name in set(_PARAM.findall(sql))}).fetchone()
        done += row[0] if row else 0
    if progress:
        progress(done, total, "finalizing")
    con.execute("DROP TABLE gen_plan; DROP TABLE gen_period; DROP TABLE gen_ind; DROP TABLE gen_seq")
    counts: Counter[str] = Counter()
    for kind, table in {**RECORD_TABLES, "source": "sources"}.items():
        counts[kind] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
    return LoadSummary(files=0, counts=counts)
