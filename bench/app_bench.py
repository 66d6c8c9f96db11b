"""Benchmark the app as a user sees it, at 10k, 100k and 1M projects, against a bare Textual app.

Run from the repository root with the project installed:

    python bench/app_bench.py [--sizes 10000,100000,1000000] [--runs 5] [--dir /tmp/planscope-bench]

Every figure comes from a real terminal (tmux): keys go in through tmux and
a result counts once tmux's screen shows it.  Because these 2-core machines
are noisy, first paint and PageDown are printed as ratios to a bare Textual
app measured in the same run, next to the absolute times.  Medians of
``--runs`` repetitions are reported.  This is a benchmark, not a test: it
asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tmux_term import Term, available

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
#: The installed command, started the way a user starts it.
PLANSCOPE = str(Path(sys.executable).with_name("planscope"))
QUERIES = ["smart port", "big data center", "urban brain", "eco-city", "5G base station"]
TARGETS = {"paint": 1.25, "rss": 150.0, "search": 150.0, "pagedown": 16.0, "generate": 15.0}


def chrome_shown(screen: str) -> bool:
    """The tabs and the footer are on screen: the first paint."""
    return "1 Overview" in screen and "Quit" in screen


def first_paint(argv: list[str], runs: int, name: str) -> list[float]:
    """Seconds from launch to the first frame with the chrome, per run."""
    times = []
    for run in range(runs):
        term = Term(f"{name}-{run}", argv)
        try:
            started = term.start()
            times.append(term.wait_for(chrome_shown) - started)
            term.send("q")
            time.sleep(0.2)
        finally:
            term.close()
    return times


def table_rows(screen: str) -> list[str]:
    """The body lines of a table: after its header line, before the footer line."""
    lines = screen.splitlines()
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("Status")), None)
    return lines[start + 1 : -1] if start is not None else []


def settled_change(before: str) -> Callable[[str], bool]:
    """A screen test: the table rows changed and none is still blank (waiting for its page)."""
    old = table_rows(before)

    def test(screen: str) -> bool:
        rows = table_rows(screen)
        return bool(rows) and rows != old and all(row.strip() for row in rows)

    return test


def key_times(term: Term, key: str, runs: int, reset: str | None = None) -> list[float]:
    """Milliseconds from sending ``key`` to the table showing its new rows."""
    out = []
    for _ in range(runs):
        if reset:
            term.send(reset)
            time.sleep(0.5)
        before = term.screen()
        sent = term.send(key)
        out.append((term.wait_for(settled_change(before), timeout=30) - sent) * 1000)
        time.sleep(0.2)
    return out


def bare_pagedown(runs: int) -> list[float]:
    """PageDown in Textual's own DataTable of 1,000 rows: the baseline for a table key."""
    term = Term("bare-table", [PYTHON, str(HERE / "bare_app.py"), "--rows", "1000"])
    try:
        term.start()
        term.wait_for(lambda s: "Project 0" in s)
        time.sleep(0.5)
        return key_times(term, "PageDown", runs)
    finally:
        term.close()


def search_times(term: Term) -> list[float]:
    """Milliseconds from typing a whole query (as a fast typist does) to its hits on screen."""
    out = []
    for query in QUERIES:
        term.send("/")
        term.wait_for(lambda s: "Search plans" in s)
        time.sleep(0.3)
        sent = term.send(query, literal=True)
        marker = re.compile(rf"(\d[\d,]*\+?|No) hits? for '{re.escape(query)}'")
        out.append((term.wait_for(lambda s, m=marker: bool(m.search(s)), timeout=30) - sent) * 1000)
        time.sleep(0.2)
        term.send("Escape")
        term.wait_for(lambda s: "Search plans" not in s)
        time.sleep(0.3)
    return out


def generate(size: int, folder: Path) -> tuple[Path, float]:
    """Generate a database of ``size`` projects; return it and the wall time."""
    path = folder / f"projects-{size}.duckdb"
    started = time.perf_counter()
    subprocess.run(
        [PLANSCOPE, "generate", "--projects", str(size), "--db", str(path)], check=True, capture_output=True
    )
    seconds = time.perf_counter() - started
    os.sync()  # let the writeback of a freshly written file finish before timing anything else
    time.sleep(3)
    return path, seconds


def measure_size(size: int, folder: Path, runs: int, bare_paint: float, bare_key: float) -> dict[str, float]:
    """Every figure for one database size."""
    db, gen_seconds = generate(size, folder)
    app = [PLANSCOPE, "--db", str(db)]
    paints = first_paint(app, runs, f"app-{size}")
    term = Term(f"app-main-{size}", app)
    try:
        term.start()
        term.wait_for(lambda s: "goals" in s and "projects" in s, timeout=60)
        searches = search_times(term)
        term.send("3")
        term.wait_for(
            lambda s: bool(re.search(r"[\d,]+ projects", s)) and all(r.strip() for r in table_rows(s))
        )
        time.sleep(0.5)
        pagedowns = key_times(term, "PageDown", runs)
        ends = key_times(term, "End", max(1, runs // 2), reset="Home")
        rss = term.peak_rss_mb()
    finally:
        term.close()
    return {
        "size": size,
        "generate_s": gen_seconds,
        "paint_ms": statistics.median(paints) * 1000,
        "paint_ratio": statistics.median(paints) / bare_paint,
        "rss_mb": rss,
        "search_ms": statistics.median(searches),
        "search_max_ms": max(searches),
        "pagedown_ms": statistics.median(pagedowns),
        "pagedown_ratio": statistics.median(pagedowns) / bare_key,
        "end_ms": statistics.median(ends),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", default="/tmp/planscope-bench")
    args = parser.parse_args()
    if not available():
        print("tmux is needed for this benchmark", file=sys.stderr)
        return 2
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    bare = first_paint([PYTHON, str(HERE / "bare_app.py")], args.runs, "bare")
    bare_paint = statistics.median(bare)
    bare_key = statistics.median(bare_pagedown(args.runs))
    print(
        f"bare Textual app: first paint {bare_paint * 1000:.0f} ms; "
        f"DataTable PageDown {bare_key:.1f} ms (baselines, same run)"
    )
    header = (
        f"{'projects':>10} {'generate':>9} {'paint':>8} {'ratio':>6} {'RSS':>8} {'search':>8} "
        f"{'(max)':>7} {'PageDown':>9} {'ratio':>6} {'End':>7}"
    )
    print(header)
    for size in (int(s) for s in args.sizes.split(",")):
        r = measure_size(size, folder, args.runs, bare_paint, bare_key)
        print(
            f"{size:>10,} {r['generate_s']:>8.1f}s {r['paint_ms']:>6.0f}ms {r['paint_ratio']:>5.2f}x "
            f"{r['rss_mb']:>6.0f}MB {r['search_ms']:>6.0f}ms {r['search_max_ms']:>5.0f}ms "
            f"{r['pagedown_ms']:>7.1f}ms {r['pagedown_ratio']:>5.2f}x {r['end_ms']:>5.0f}ms",
            flush=True,
        )
    t = TARGETS
    print(
        f"targets at 1M: paint <= {t['paint']}x, RSS <= {t['rss']:.0f} MB, search <= {t['search']:.0f} ms, "
        f"PageDown <= {t['pagedown']:.0f} ms, generate <= {t['generate']:.0f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
