"""Bulk paths and store-level queries, timed as a user or a front end meets them.

Bulk paths run the installed ``planscope`` command (generate, export, load)
and report wall time and the command's peak memory.  Queries call the store
functions the app calls, on a reader with the app's memory cap.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from planscope.store.db import Database
from planscope.store.queries.projects import ProjectFilter, ProjectView
from planscope.store.queries.search import search

PLANSCOPE = str(Path(sys.executable).with_name("planscope"))
#: The files of a CSV export that make up a load of its projects (and what they need).
CSV_LOAD_FILES = ("plans", "sources", "periods", "goals", "projects")


def run(*args: str) -> tuple[float, float]:
    """Run ``planscope args``; return its wall seconds and peak memory in MB."""
    started = time.perf_counter()
    proc = subprocess.Popen([PLANSCOPE, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise RuntimeError(f"planscope {' '.join(args)} failed: {err}")
    return seconds, usage.ru_maxrss / 1024


def generate(size: int, path: Path) -> tuple[float, float]:
    path.unlink(missing_ok=True)
    return run("generate", "--projects", str(size), "--db", str(path))


def export(db: Path, fmt: str, out: Path) -> tuple[float, float]:
    shutil.rmtree(out, ignore_errors=True)
    return run("export", "--format", fmt, "--out", str(out), "--db", str(db))


def csv_load_set(export_dir: Path, folder: Path) -> list[Path]:
    """The CSV files of an export that a load of its projects reads."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    files = []
    for name in CSV_LOAD_FILES:
        target = folder / f"{name}.csv"
        shutil.copyfile(export_dir / f"{name}.csv", target)
        files.append(target)
    return files


def load(folder: Path, db: Path) -> tuple[float, float]:
    db.unlink(missing_ok=True)
    return run("load", str(folder), "--db", str(db))


def _median_ms(calls: list[float]) -> float:
    return statistics.median(calls) * 1000


def page_times(db: Path, pages: int = 30) -> dict[str, float]:
    """Median milliseconds per 100-row page in file order, sorted by title, and filtered by status."""
    out = {}
    handle = Database(db)
    views = {
        "file order": ProjectView(handle.private_cursor(), ProjectFilter()),
        "sorted": ProjectView(handle.private_cursor(), ProjectFilter(), "title"),
        "filtered": ProjectView(handle.private_cursor(), ProjectFilter(status="done")),
    }
    for name, view in views.items():
        view.build()
        calls = []
        for page in range(pages):
            started = time.perf_counter()
            view.rows(5_000 + page * 100, 100)
            calls.append(time.perf_counter() - started)
        out[name] = _median_ms(calls)
        view.close()
    handle.close()
    return out


def search_queries(db: Path) -> dict[str, str]:
    """A title hit, a miss, an id and a word found only in descriptions, for this database."""
    handle = Database(db)
    rid = handle.cursor().execute("SELECT id FROM projects WHERE rn = (SELECT count(*) // 2 FROM projects)")
    pid = rid.fetchone()[0]
    handle.close()
    return {"title hit": "smart port", "miss": "zqxjv", "an id": pid, "description word": "communiqué"}


def search_times(db: Path, runs: int = 5) -> dict[str, float]:
    """Median milliseconds of store-level search per kind of query."""
    handle = Database(db)
    cur = handle.cursor()
    out = {}
    for name, query in search_queries(db).items():
        calls = []
        for _ in range(runs):
            started = time.perf_counter()
            search(cur, query)
            calls.append(time.perf_counter() - started)
        out[name] = _median_ms(calls)
    handle.close()
    return out
