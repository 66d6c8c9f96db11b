"""Benchmark PageDown in the Changes tab, against the Projects tab and a bare DataTable.

Run from the repository root with the project installed:

    python bench/changes_tab_bench.py [--db PATH] [--projects 1000000] [--revise 1] [--runs 10]

Without ``--db`` it generates a set of ``--projects`` projects and revises it
twice by ``--revise`` %, so the log holds two editions of changes.  The app
runs in a real terminal (tmux); a PageDown counts once tmux shows the new
rows, all drawn.  The Projects tab of the same app and Textual's own
DataTable (``bench/bare_app.py``) are measured in the same run as baselines.
This is a benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tmux_term import Term, bench_folder
from ui_bench import PLANSCOPE, bare_pagedown

TARGET_MS = 16.0


def body(screen: str, header: str) -> list[str]:
    """The table's lines: after the line starting with ``header``, before the footer."""
    lines = screen.splitlines()
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith(header)), None)
    return lines[start + 1 : -1] if start is not None else []


def moved(before: str, header: str) -> Callable[[str], bool]:
    """A screen test: the rows changed and none is blank (still waiting for its page)."""
    old = body(before, header)

    def test(screen: str) -> bool:
        rows = body(screen, header)
        return bool(rows) and rows != old and all(r.strip() for r in rows)

    return test


def pagedowns(term: Term, header: str, runs: int) -> list[float]:
    """Milliseconds from PageDown to the new rows on screen."""
    out = []
    for _ in range(runs):
        before = term.screen()
        sent = term.send("PageDown")
        out.append((term.wait_for(moved(before, header), timeout=30) - sent) * 1000)
        time.sleep(0.2)
    return out


def make_db(folder: Path, projects: int, percent: float) -> Path:
    """A generated set revised twice."""
    db = folder / f"changes-{projects}.duckdb"
    db.unlink(missing_ok=True)
    subprocess.run([PLANSCOPE, "generate", "--projects", str(projects), "--db", str(db)], check=True)
    for _ in range(2):
        subprocess.run([PLANSCOPE, "generate", "--revise", f"{percent:g}", "--db", str(db)], check=True)
    return db


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db")
    parser.add_argument("--projects", type=int, default=1_000_000)
    parser.add_argument("--revise", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--dir", default="/tmp/planscope-ed")
    args = parser.parse_args()
    folder = bench_folder(args.dir)
    if folder is None:
        return 2
    db = Path(args.db) if args.db else make_db(folder, args.projects, args.revise)
    bare = statistics.median(bare_pagedown(args.runs))
    term = Term("changes-tab", [PLANSCOPE, "--db", str(db)])
    try:
        term.start()
        term.wait_for(lambda s: "Records" in s, timeout=120)
        term.send("3")
        term.wait_for(lambda s: all(r.strip() for r in body(s, "Status")) and body(s, "Status"), timeout=120)
        time.sleep(0.5)
        projects = statistics.median(pagedowns(term, "Status", args.runs))
        term.send("6")
        term.wait_for(lambda s: "Edition" in s and all(r.strip() for r in body(s, "Change")), timeout=120)
        time.sleep(0.5)
        changes = pagedowns(term, "Change", args.runs)
        rss = term.peak_rss_mb()
    finally:
        term.close()
    median = statistics.median(changes)
    print(f"database: {db}")
    print(
        f"PageDown in the Changes tab: median {median:.1f} ms, max {max(changes):.1f} ms "
        f"(target <= {TARGET_MS:.0f} ms); {median / bare:.2f}x a bare DataTable ({bare:.1f} ms), "
        f"{median / projects:.2f}x the Projects tab ({projects:.1f} ms); peak RSS {rss:.0f} MB; "
        f"{args.runs} runs"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
