"""Build a database from plan files, atomically.

The new database is written to a temporary file beside the target and moved
into place with ``os.replace`` only after every record and every cross-record
check has passed.  A bad file, a killed process or a full disk therefore
leaves the old database byte for byte as it was, and readers that have it
open keep reading the old file until they reopen.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from planscope.store.build.atomic import build_at, write_database
from planscope.store.build.checks import run_checks
from planscope.store.build.rows import ADDERS, Batcher, add_detached
from planscope.store.errors import Problem, ValidationFailed
from planscope.store.read.csv_fast import load_csv_fast
from planscope.store.read.readers import expand_paths, read_any
from planscope.store.read.validate import validate_record

#: How many problems a load lists before summing up the rest.
PROBLEM_LIMIT = 200
#: A limit no input reaches, for ``validate --json``, which lists every problem.
ALL_PROBLEMS = 2**62

#: Called with (bytes done, bytes in all, file being read) as a load goes on.
ProgressFn = Callable[[int, int, str], None]


@dataclass
class LoadSummary:
    """What a load or validation found, for the one-line summary."""

    files: int
    counts: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def line(self) -> str:
        """``3 files: 3 plans, 12 goals, ...`` in record-kind order."""
        order = ("plan", "period", "goal", "project", "indicator", "milestone", "source")
        parts = [f"{self.counts[k]} {k}{'' if self.counts[k] == 1 else 's'}" for k in order]
        noun = "file" if self.files == 1 else "files"
        return f"{self.files} {noun}: " + ", ".join(parts)


def load_files(
    paths: list[Path],
    target: Path,
    *,
    require_citations: bool = False,
    meta: dict[str, str] | None = None,
    progress: ProgressFn | None = None,
) -> LoadSummary:
    """Replace ``target`` with a database of the plans in ``paths``.

    Raises ValidationFailed (listing every problem) or another PlanscopeError;
    in every failure the old database is untouched.
    """
    started = time.perf_counter()
    files = expand_paths(paths)
    summary = write_database(target, _filler(files, require_citations, progress), meta or {})
    summary.seconds = time.perf_counter() - started
    return summary


def validate_files(
    paths: list[Path],
    *,
    require_citations: bool = False,
    progress: ProgressFn | None = None,
    limit: int | None = PROBLEM_LIMIT,
) -> LoadSummary:
    """Check plan files exactly as a load would, without touching any database.

    ``limit`` caps the problems kept (their total is still counted); None keeps them all.
    """
    started = time.perf_counter()
    files = expand_paths(paths)
    fill = _filler(files, require_citations, progress, limit or ALL_PROBLEMS)
    with tempfile.TemporaryDirectory(prefix="planscope-validate-") as scratch:
        summary = build_at(Path(scratch) / "check.duckdb", fill, {})
    summary.seconds = time.perf_counter() - started
    return summary


def _filler(
    files: list[Path], require_citations: bool, progress: ProgressFn | None, limit: int = PROBLEM_LIMIT
) -> Callable[[duckdb.DuckDBPyConnection], LoadSummary]:
    """Read, validate and check the files into a fresh database; raise if anything is wrong."""

    def fill(con: duckdb.DuckDBPyConnection) -> LoadSummary:
        summary, problems, total = _ingest(con, files, progress, limit)
        more, more_total = run_checks(
            con, require_citations=require_citations, limit=max(1, limit - len(problems))
        )
        problems += more[: limit - len(problems)]
        total += more_total
        if problems:
            raise ValidationFailed(problems, total)
        return summary

    return fill


def _ingest(
    con: duckdb.DuckDBPyConnection, files: list[Path], progress: ProgressFn | None, limit: int = PROBLEM_LIMIT
) -> tuple[LoadSummary, list[Problem], int]:
    batch = Batcher(con)
    summary = LoadSummary(files=len(files))
    problems: list[Problem] = []
    total = 0
    position = 0
    sizes = [_size(p) for p in files]
    total_bytes = sum(sizes)
    done = 0
    for src, path in enumerate(files):
        label = str(path)
        batch.add("files", (src, label))

        def on_bytes(n: int, _base: int = done, _label: str = label) -> None:
            if progress:
                progress(_base + n, total_bytes, _label)

        fast = load_csv_fast(con, batch, path, label, src, position, on_bytes)
        if fast:
            position += fast.rows
            summary.counts[fast.kind] += fast.rows
        for item in [] if fast else read_any(path, label, on_bytes=on_bytes):
            if isinstance(item, Problem):
                total += 1
                if len(problems) < limit:
                    problems.append(item)
                continue
            model, found = validate_record(item)
            if found:
                total += len(found)
                problems.extend(found[: max(0, limit - len(problems))])
            if model is None:
                rid = item.data.get("id") if isinstance(item.data, dict) else None
                if isinstance(rid, str):
                    batch.add("rejected", (item.kind, rid))
                continue
            # A record with problems is still added, as far as it is valid, so that the
            # checks across records report its other problems too; the load fails anyway.
            if item.owner is not None:
                add_detached(batch, item.kind, model, item.owner, position, src, item.line)
            else:
                ADDERS[item.kind](batch, model, position, item.plan_id, src, item.line)
            position += 1
            if not found:
                summary.counts[item.kind] += 1
        done += sizes[src]
        if progress:
            progress(done, total_bytes, label)
    batch.flush()
    return summary, problems, total


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
