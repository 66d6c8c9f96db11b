"""How many operators one server holds: 1, 10 and 30 concurrent kiosk sessions, memory and search latency.

Run from the repository root with the project installed:

    python bench/serve_bench.py [--sessions 1,10,30] [--projects 1000000] [--dir /tmp/serve-bench]

Each session is the installed ``planscope --kiosk --db PATH`` in its own
pseudo-terminal (80x24, xterm-256color), as an SSH login would run it.  Every
session runs the same scripted browse at once: wait for the Overview, visit
the tabs, page down the Projects table, then search: ten queries typed at
150 ms a key with a pause of 0.5-1.5 s between them, as people type and read.
Search latency is from the last key of a query to the moment the terminal
receives the status line for that query's hits.  Once every session has
searched, memory is read from /proc/PID/smaps_rollup while all are still
open: PSS (shared pages split between the processes that share them), USS
(pages only this process holds) and RSS.

It runs against the seed database and a generated one (``--projects``), and
prints each figure as an absolute and as a ratio to the 1-session baseline
measured in the same run, because these 2-core machines are noisy.  All its
files live under ``--dir``, which is deleted at the end.  This is a
benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pty_session import Session, pump

PLANSCOPE = str(Path(sys.executable).with_name("planscope"))
QUERIES = ["eco-city", "smart port", "big data", "5G base", "broadband"] * 2
KEY_GAP = 0.15
PAGE_DOWN, ESCAPE, BACKSPACE = "\x1b[6~", "\x1b", "\x7f"
#: Seconds after which a search whose hits never came is counted as lost.
LOST_AFTER = 30.0
#: Seconds over which the CPU use of open but idle sessions is measured.
IDLE_WINDOW = 10.0
TARGET_EXTRA_PSS_MB = 60.0
TARGET_P95_MS = 300.0


def memory(pid: int) -> dict[str, float]:
    """PSS, USS and RSS of one process in MB, from /proc/PID/smaps_rollup."""
    fields: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = float(value.split()[0]) / 1024
    uss = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0) + fields.get("Private_Hugetlb", 0)
    return {"pss": fields["Pss"], "uss": uss, "rss": fields["Rss"]}


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used, from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def browse(session: Session, seed: int, searched: threading.Barrier, measured: threading.Event) -> None:
    """One operator's visit: tabs, paging, ten searches; then stay open until memory is read."""
    rng = random.Random(seed)
    try:
        session.wait_for("Records", 0)  # the Overview's figures: the first screen is complete
        session.started = session.last_arrival
        for key in ("2", "3", PAGE_DOWN, PAGE_DOWN, PAGE_DOWN, "4", "5", "3"):
            session.send(key)
            session.wait_quiet(0.4)
        mark = session.mark()
        session.send("/")
        session.wait_for("Search plans", mark)
        session.wait_quiet(0.4)  # the query box takes the focus just after the screen is drawn
        previous = ""
        for query in QUERIES:
            time.sleep(rng.uniform(0.5, 1.5))
            for _ in previous:  # clear the box as a person does, one backspace at a time
                session.send(BACKSPACE)
                time.sleep(KEY_GAP / 3)
            previous = query
            for char in query[:-1]:
                session.send(char)
                time.sleep(KEY_GAP)
            mark = session.mark()
            sent = session.send(query[-1])
            try:
                arrived = session.wait_for(f"for {query!r}.", mark, LOST_AFTER)
            except TimeoutError:
                session.lost += 1  # a key never reached the box: the query on screen is another one
                previous = query + " " * 10
                continue
            session.latencies.append(arrived - sent)
        session.send(ESCAPE)
        session.wait_quiet(0.4)
    except Exception as exc:  # a failed session is reported, not fatal
        session.error = f"{type(exc).__name__}: {exc}"
    finally:
        searched.wait()
        measured.wait()


def run(db: Path, count: int) -> dict[str, float]:
    """Start ``count`` sessions on ``db`` at once, drive them, and measure them."""
    env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "", "PLANSCOPE_DB": ""}
    env.pop("NO_COLOR", None)
    argv = [PLANSCOPE, "--kiosk", "--db", str(db)]
    sessions = [Session(argv, env) for _ in range(count)]
    stop = threading.Event()
    reader = threading.Thread(target=pump, args=(sessions, stop), daemon=True)
    reader.start()
    searched = threading.Barrier(count + 1)
    measured = threading.Event()
    workers = [
        threading.Thread(target=browse, args=(session, i, searched, measured), daemon=True)
        for i, session in enumerate(sessions)
    ]
    for worker in workers:
        worker.start()
    searched.wait()
    alive = [s for s in sessions if s.process.poll() is None]
    mems = [memory(s.process.pid) for s in alive]
    before = [cpu_seconds(s.process.pid) for s in alive]
    walls = [time.perf_counter() - s.spawned for s in alive]
    time.sleep(IDLE_WINDOW)  # everyone reads the screen: what does an idle session cost?
    idle = [(cpu_seconds(s.process.pid) - b) / IDLE_WINDOW for s, b in zip(alive, before, strict=True)]
    measured.set()
    for session in sessions:
        session.send("q")
    for session in sessions:
        session.finish()
    reader.join(timeout=10)
    stop.set()
    failed = [s.error for s in sessions if s.error]
    latencies = sorted(ms * 1000 for s in sessions for ms in s.latencies)
    startups = [s.started - s.spawned for s in sessions if s.started]
    return {
        "sessions": count,
        "failed": len(failed),
        "failure": failed[0] if failed else "",
        "pss": statistics.fmean(m["pss"] for m in mems),
        "uss": statistics.fmean(m["uss"] for m in mems),
        "rss": statistics.fmean(m["rss"] for m in mems),
        "pss_total": sum(m["pss"] for m in mems),
        "rss_total": sum(m["rss"] for m in mems),
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "samples": len(latencies),
        "lost": sum(s.lost for s in sessions),
        "startup": max(startups) if startups else float("nan"),
        "visit_cpu": statistics.fmean(before),
        "visit_wall": statistics.fmean(walls),
        "idle_cpu": statistics.fmean(idle) * 100,
    }


def percentile(values: list[float], pct: float) -> float:
    """The nearest-rank percentile of sorted values (NaN for none)."""
    if not values:
        return float("nan")
    return values[min(len(values) - 1, max(0, round(pct / 100 * len(values) + 0.5) - 1))]


def report(name: str, rows: list[dict[str, float]]) -> None:
    """One table per database: absolutes, then ratios to the 1-session row of the same run."""
    base = rows[0]
    print(f"\n{name}")
    print(
        f"{'sessions':>8} {'PSS/sess':>9} {'USS/sess':>9} {'RSS/sess':>9} {'PSS total':>10} {'RSS total':>10}"
        f" {'extra PSS':>10} {'search p50':>11} {'p95':>8} {'n':>4} {'slowest start':>14}"
    )
    for row in rows:
        extra = extra_pss(base, row)
        print(
            f"{row['sessions']:>8} {row['pss']:>6.1f} MB {row['uss']:>6.1f} MB {row['rss']:>6.1f} MB"
            f" {row['pss_total']:>7.0f} MB {row['rss_total']:>7.0f} MB"
            f" {extra:>7.1f} MB {row['p50']:>8.0f} ms {row['p95']:>5.0f} ms {row['samples']:>4.0f}"
            f" {row['startup']:>12.1f} s"
            + (f"  ({row['lost']:.0f} searches lost)" if row["lost"] else "")
            + (f"  ({row['failed']:.0f} failed: {row['failure']})" if row["failed"] else "")
        )
    print("CPU per session: the scripted visit (start-up, tabs, paging, ten searches), then idle")
    for row in rows:
        print(
            f"{row['sessions']:>8} {row['visit_cpu']:>5.1f} CPU s in {row['visit_wall']:.0f} s;"
            f" idle {row['idle_cpu']:.2f} % of a core"
        )
    print("ratios to 1 session:")
    for row in rows[1:]:
        print(
            f"{row['sessions']:>8} PSS/sess {row['pss'] / base['pss']:.2f}x,"
            f" USS/sess {row['uss'] / base['uss']:.2f}x, RSS/sess {row['rss'] / base['rss']:.2f}x,"
            f" search p50 {row['p50'] / base['p50']:.2f}x, p95 {row['p95'] / base['p95']:.2f}x"
        )
    last = rows[-1]
    print(
        f"targets at {last['sessions']:.0f} sessions: extra PSS per session {extra_pss(base, last):.1f} MB"
        f" (target <= {TARGET_EXTRA_PSS_MB:.0f}),"
        f" search p95 {last['p95']:.0f} ms (target <= {TARGET_P95_MS:.0f})"
    )


def extra_pss(base: dict[str, float], row: dict[str, float]) -> float:
    """What each session beyond the baseline added to the total PSS, in MB."""
    if row["sessions"] == base["sessions"]:
        return 0.0
    return (row["pss_total"] - base["pss_total"]) / (row["sessions"] - base["sessions"])


def main() -> int:
    """Build the two databases, run every session count against each, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="1,10,30", help="session counts, the first is the baseline")
    parser.add_argument("--projects", type=int, default=1_000_000, help="size of the generated database")
    parser.add_argument("--dir", default="/tmp/serve-bench", help="scratch folder, deleted at the end")
    args = parser.parse_args()
    counts = [int(n) for n in args.sessions.split(",")]
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        seed_db, big_db = folder / "seed.duckdb", folder / "generated.duckdb"
        subprocess.run([PLANSCOPE, "load", "--seeds", "--db", str(seed_db)], check=True)
        generate = [PLANSCOPE, "generate", "--projects", str(args.projects), "--db", str(big_db)]
        subprocess.run(generate, check=True)
        pace = f"{KEY_GAP * 1000:.0f} ms a key, {len(QUERIES)} searches a session"
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"{os.cpu_count()} CPUs, load average {load} before the runs; {pace}", flush=True)
        for name, db in (("seed database (Tianjin)", seed_db), (f"{args.projects:,} projects", big_db)):
            rows = []
            for count in counts:
                rows.append(run(db, count))
                print(f"  {name}: {count} sessions done", flush=True)
            report(name, rows)
            print("load average now", ", ".join(f"{x:.1f}" for x in os.getloadavg()), flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
