"""Benchmark editions: what working out the changes adds to a load, and ``changes --json``.

Run from the repository root with the project installed:

    python bench/editions_bench.py [--projects 1000000] [--revise 1] [--runs 3] [--dir /tmp/planscope-ed]

It generates a plan set, writes its next edition with ``generate --revise``,
and writes both editions as CSV files (``bench/csv_dump.py``), so each is a
folder of files as a user would load them; the first edition's database is
loaded from its files too, so the two differ only where the revision did.
Then, alternating so that both feel the same machine:

- *with changes*: the first edition's database is in place and the second
  edition's files are loaded over it, so the load compares the two and
  carries the log (what every load after the first does);
- *without*: the same files are loaded into a path with no database, so
  there is nothing to compare (what a first load does).

The ratio of the medians is what the comparison adds.  Then ``changes
--json`` is timed on a database whose last edition has about
``--json-changes`` changes, against ``editions --json`` on the same file
(the cost of starting the command and opening the database).  This is a
benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from csv_dump import dump

PLANSCOPE = str(Path(sys.executable).with_name("planscope"))
LOAD_TARGET = 1.20  # at most 20 % more
JSON_TARGET = 1.0  # seconds for 10,000 changes


def run(*args: str) -> tuple[float, str]:
    """Run ``planscope`` with ``args``; return its wall time and its output."""
    started = time.perf_counter()
    done = subprocess.run([PLANSCOPE, *args], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"planscope {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
    return time.perf_counter() - started, done.stdout


def settle() -> None:
    """Let the writeback of freshly written files finish before the next timing."""
    os.sync()
    time.sleep(2)


def prepare(folder: Path, projects: int, percent: float) -> tuple[Path, Path, Path]:
    """The first edition as a database built from its CSV files, and both editions' files."""
    generated = folder / "generated.duckdb"
    if not generated.exists():
        run("generate", "--projects", str(projects), "--db", str(generated))
    revised = folder / "revised.duckdb"
    shutil.copy(generated, revised)
    run("generate", "--revise", f"{percent:g}", "--db", str(revised))
    first_csv, second_csv = folder / "edition-1", folder / "edition-2"
    for db, out in ((generated, first_csv), (revised, second_csv)):
        shutil.rmtree(out, ignore_errors=True)
        dump(db, out)
    first_db = folder / "edition-1.duckdb"
    first_db.unlink(missing_ok=True)
    run("load", str(first_csv), "--db", str(first_db))
    settle()
    return first_db, second_csv, revised


def load_times(folder: Path, first_db: Path, files: Path, runs: int) -> tuple[list[float], list[float], str]:
    """Wall times of loading ``files`` over the first edition, and into an empty path."""
    over, fresh = folder / "over.duckdb", folder / "fresh.duckdb"
    with_diff, without, line = [], [], ""
    for _ in range(runs):
        shutil.copy(first_db, over)
        settle()
        seconds, out = run("load", str(files), "--db", str(over))
        with_diff.append(seconds)
        line = out.strip().splitlines()[-1]
        fresh.unlink(missing_ok=True)
        settle()
        without.append(run("load", str(files), "--db", str(fresh))[0])
        print(f"  load with changes {with_diff[-1]:.1f} s, without {without[-1]:.1f} s", flush=True)
    return with_diff, without, line


def diff_alone(first_db: Path, second_db: Path, runs: int) -> float:
    """Seconds the comparison itself takes, the second edition's file against the first's.

    The same SQL a load runs, on the two finished files (temp tables only, nothing
    written): a figure that noise on a shared machine blurs less than two whole loads.
    """
    from planscope.store.build.edition_diff import compute_delta
    from planscope.store.db import connect

    times = []
    for _ in range(runs):
        con = connect(second_db, read_only=True, memory_limit="512MB")
        try:
            con.execute("ATTACH $1 AS prev (READ_ONLY)", [str(first_db)])
            started = time.perf_counter()
            compute_delta(con)
            times.append(time.perf_counter() - started)
        finally:
            con.close()
    return statistics.median(times)


def json_times(folder: Path, generated: Path, changes: int, runs: int) -> tuple[int, float, float]:
    """``changes --json`` and ``editions --json`` on a database with about ``changes`` changes."""
    db = folder / "json.duckdb"
    shutil.copy(generated, db)
    size = int(json.loads(run("editions", "--json", "--db", str(generated))[1])[0]["counts"]["projects"])
    # A revision logs about 4.7 change rows per project it picks.
    percent = max(0.001, min(100.0, changes / size / 4.7 * 100))
    run("generate", "--revise", f"{percent:.4g}", "--db", str(db))
    settle()
    count = len(json.loads(run("changes", "--json", "--db", str(db))[1]))
    took = [run("changes", "--json", "--db", str(db))[0] for _ in range(runs)]
    base = [run("editions", "--json", "--db", str(db))[0] for _ in range(runs)]
    return count, statistics.median(took), statistics.median(base)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=1_000_000)
    parser.add_argument("--revise", type=float, default=1.0, metavar="PCT")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json-changes", type=int, default=10_000)
    parser.add_argument("--dir", default="/tmp/planscope-ed")
    args = parser.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    print(f"preparing two editions of {args.projects:,} projects, {args.revise:g} % revised", flush=True)
    first_db, files, _ = prepare(folder, args.projects, args.revise)
    with_diff, without, line = load_times(folder, first_db, files, args.runs)
    a, b = statistics.median(with_diff), statistics.median(without)
    print(f"the load said: {line}")
    print(
        f"load of edition 2 ({args.projects:,} projects): with changes {a:.1f} s, without {b:.1f} s, "
        f"ratio {a / b:.2f}x (target <= {LOAD_TARGET:.2f}x); medians of {args.runs}"
    )
    alone = diff_alone(first_db, folder / "fresh.duckdb", args.runs)
    print(f"the comparison alone: {alone:.1f} s, {alone / b:.0%} of the load without it; medians")
    count, took, base = json_times(folder, folder / "generated.duckdb", args.json_changes, max(3, args.runs))
    print(
        f"changes --json for {count:,} changes: {took:.2f} s (target <= {JSON_TARGET:.1f} s for 10,000); "
        f"editions --json on the same file {base:.2f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
