"""Benchmark every path of issue 12 at 10k, 100k and 1M projects, as ratios to floors of the same run.

Run from the repository root with the project installed (``pip install -e .``;
add ``.[bench]`` to drive Harlequin and VisiData beside planscope):

    python bench/app_bench.py [--sizes 10000,100000,1000000] [--runs 5] [--dir /tmp/planscope-bench]

For each size it generates a plan set and measures, next to a floor taken
in the same minute (these 2-core machines are shared and noisy):

- generate, against DuckDB's CREATE TABLE AS of the same rows and widths;
- export as CSV and as JSON, against DuckDB's own COPY of the same tables;
- a CSV load of the projects (with their plans and goals) and its peak
  memory, against DuckDB's read_csv of the same files;
- store level: PageDown in file order, sorted and filtered; searches with a
  title hit, a miss, an id and a word found only in descriptions;
- in tmux, from the key to the changed screen: first paint and tab switches
  against a bare Textual app with the same tabs, PageDown against Textual's
  DataTable, searches on screen, and the app's memory after browsing;
- Harlequin and VisiData, when installed: first paint, memory, a search.

It prints a table per size and asserts nothing: a benchmark, not a test.
Big files go under ``--dir``; they are deleted at the end unless ``--keep``.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import floors
import peers
import store_bench
import ui_bench
from tmux_term import bench_folder

TARGETS = {
    "export csv": "<= 10 s at 1M", "export json": "<= 20 s at 1M", "generate": "<= 10 s or <= 2.0x floor",
    "csv load": "<= 12 s, <= 400 MB at 1M", "pagedown": "<= 16 ms (store)", "search": "<= 100 ms (store)",
    "tab": "<= 1.1x bare, shown <= 50 ms", "paint": "<= 1.10x bare", "memory": "<= 120 MB after browsing",
}  # fmt: skip


def line(name: str, value: str, floor: str = "", ratio: str = "", target: str = "") -> None:
    print(f"  {name:<34} {value:>14} {floor:>14} {ratio:>8}   {target}", flush=True)


def bulk(size: int, folder: Path) -> Path:
    """Generate, export and load: each against its DuckDB floor."""
    db = folder / f"projects-{size}.duckdb"
    seconds, _ = store_bench.generate(size, db)
    floor = floors.ctas_floor(db, folder / "floor-ctas.duckdb")
    line("generate", f"{seconds:.1f} s", f"{floor:.1f} s", f"{seconds / floor:.2f}x", TARGETS["generate"])
    copy_floor = floors.copy_floor(db, folder / "floor-copy-csv", "csv")
    json_floor = floors.copy_floor(db, folder / "floor-copy-json", "json")
    for fmt, base in (("csv", copy_floor), ("json", json_floor)):
        seconds, _ = store_bench.export(db, fmt, folder / f"export-{fmt}")
        line(
            f"export {fmt}",
            f"{seconds:.1f} s",
            f"{base:.1f} s",
            f"{seconds / base:.2f}x",
            TARGETS[f"export {fmt}"],
        )
    parquet, _ = store_bench.export(db, "parquet", folder / "export-parquet")
    line("export parquet", f"{parquet:.1f} s", f"{copy_floor:.1f} s", f"{parquet / copy_floor:.2f}x")
    files = store_bench.csv_load_set(folder / "export-csv", folder / "csv-load")
    floor = floors.read_csv_floor(files, folder / "floor-read.duckdb")
    seconds, rss = store_bench.load(folder / "csv-load", folder / "loaded.duckdb")
    ratio = f"{seconds / floor:.2f}x"
    line(
        "csv load (projects, plans, goals)", f"{seconds:.1f} s", f"{floor:.1f} s", ratio, TARGETS["csv load"]
    )
    line("csv load peak memory", f"{rss:.0f} MB")
    for name in ("floor-copy-csv", "floor-copy-json", "export-json", "export-parquet", "csv-load"):
        shutil.rmtree(folder / name, ignore_errors=True)
    (folder / "loaded.duckdb").unlink(missing_ok=True)
    return db


def store_level(db: Path) -> dict[str, str]:
    pages = store_bench.page_times(db)
    for name, ms in pages.items():
        ratio = f"{ms / pages['file order']:.2f}x" if name != "file order" else ""
        line(
            f"store PageDown, {name}",
            f"{ms:.1f} ms",
            f"{pages['file order']:.1f} ms",
            ratio,
            TARGETS["pagedown"],
        )
    queries = store_bench.search_queries(db)
    found = store_bench.search_times(db)
    for name, ms in found.items():
        hit = found["title hit"]
        line(f"store search, {name}", f"{ms:.0f} ms", f"{hit:.0f} ms", f"{ms / hit:.2f}x", TARGETS["search"])
    return {name: query for name, query in queries.items() if name != "title hit"}


def in_terminal(db: Path, runs: int, bare: dict[str, float], searches: dict[str, str]) -> None:
    paint = statistics.median(
        ui_bench.first_paint([ui_bench.PLANSCOPE, "--db", str(db)], runs, f"app-{db.stem}")
    )
    line("first paint", f"{paint * 1000:.0f} ms", f"{bare['paint'] * 1000:.0f} ms",
         f"{paint / bare['paint']:.2f}x", TARGETS["paint"])  # fmt: skip
    r = ui_bench.planscope_session(db, runs, searches)
    line("tab key to new tab shown", f"{r['tab_shown_ms']:.0f} ms", f"{bare['tab_shown']:.0f} ms",
         f"{r['tab_shown_ms'] / bare['tab_shown']:.2f}x", TARGETS["tab"])  # fmt: skip
    line("tab key to screen still", f"{r['tab_still_ms']:.0f} ms", f"{bare['tab_still']:.0f} ms",
         f"{r['tab_still_ms'] / bare['tab_still']:.2f}x")  # fmt: skip
    for key in ("pagedown_ms", "pagedown_sorted_ms"):
        name = "PageDown on screen" + (", sorted" if "sorted" in key else "")
        line(name, f"{r[key]:.1f} ms", f"{bare['pagedown']:.1f} ms", f"{r[key] / bare['pagedown']:.2f}x")
    line("End on screen", f"{r['end_ms']:.0f} ms")
    line("search on screen, title hits", f"{r['search_ms']:.0f} ms")
    for name in searches:
        ms = r[f"screen {name} ms"]
        line(
            f"search on screen, {name}",
            f"{ms:.0f} ms",
            f"{r['search_ms']:.0f} ms",
            f"{ms / r['search_ms']:.2f}x",
        )
    line("memory after browsing (now / peak)", f"{r['rss_now_mb']:.0f}/{r['rss_peak_mb']:.0f} MB", "", "",
         TARGETS["memory"])  # fmt: skip


def peer_rows(db: Path, csv_file: Path, runs: int, folder: Path) -> None:
    found = peers.available()
    if not found:
        print("  (Harlequin and VisiData: install the bench extra, pip install '.[bench]', to compare)")
        return
    if "Harlequin" in found:
        h = peers.harlequin(found["Harlequin"], db, max(1, runs // 2), folder)
        line("Harlequin first paint / search", f"{h['paint_ms']:.0f} ms", f"{h['search_ms']:.0f} ms")
        line("Harlequin peak memory", f"{h['rss_mb']:.0f} MB")
    if "VisiData" in found and csv_file.exists():
        v = peers.visidata(found["VisiData"], csv_file, 1, folder)
        line("VisiData first rows / all rows", f"{v['paint_ms']:.0f} ms", f"{v['all_rows_s']:.1f} s")
        line("VisiData search / peak memory", f"{v['search_ms']:.0f} ms", f"{v['rss_mb']:.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", default="/tmp/planscope-bench")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    parser.add_argument("--no-peers", action="store_true", help="skip Harlequin and VisiData")
    args = parser.parse_args()
    folder = bench_folder(args.dir)
    if folder is None:
        return 2
    bare_app = [ui_bench.PYTHON, str(ui_bench.HERE / "bare_app.py")]
    shown, still = ui_bench.bare_tabs(max(1, args.runs // 2))
    bare = {
        "paint": statistics.median(ui_bench.first_paint(bare_app, args.runs, "bare")),
        "pagedown": statistics.median(ui_bench.bare_pagedown(args.runs)),
        "tab_shown": statistics.median(shown),
        "tab_still": statistics.median(still),
    }
    print(f"floors of this run: bare Textual app paints in {bare['paint'] * 1000:.0f} ms, shows a tab in "
          f"{bare['tab_shown']:.0f} ms and is still after {bare['tab_still']:.0f} ms; DataTable PageDown "
          f"{bare['pagedown']:.1f} ms")  # fmt: skip
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            print(f"\n{size:,} projects")
            line("", "planscope", "floor", "ratio", "target")
            db = bulk(size, folder)
            searches = store_level(db)
            in_terminal(db, args.runs, bare, searches)
            if not args.no_peers:
                peer_rows(db, folder / "export-csv" / "projects.csv", args.runs, folder)
            if not args.keep:
                shutil.rmtree(folder / "export-csv", ignore_errors=True)
                db.unlink(missing_ok=True)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
