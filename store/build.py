"""Build a database from plan files, atomically.

The new database is written to a temporary file beside the target and moved
into place with ``os.replace`` only after every record and every cross-record
check has passed.  A bad file, a killed process or a full disk therefore
leaves the old database byte for byte as it was, and readers that have it
open keep reading the old file until they reopen.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from store.checks import run_checks
from store.errors import InputError, PlanscopeError, Problem, ValidationFailed
from store.finalize import finalize
from store.readers import expand_paths, read_any
from store.rows import ADDERS, Batcher
from store.schema import SCHEMA_VERSION, create_base_tables_sql
from store.validate import validate_record

#: How many problems a load lists before summing up the rest.
PROBLEM_LIMIT = 200

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
    target = target.expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(target)
    tmp = target.parent / f".{target.name}.load-{os.getpid()}-{secrets.token_hex(4)}.tmp"
    try:
        summary = _build(files, tmp, require_citations, meta or {}, progress)
        stale_wal = Path(f"{target}.wal")
        with contextlib.suppress(FileNotFoundError):
            stale_wal.unlink()
        os.replace(tmp, target)
        _sync_dir(target.parent)
    except BaseException:
        _discard(tmp)
        raise
    summary.seconds = time.perf_counter() - started
    return summary


def validate_files(
    paths: list[Path], *, require_citations: bool = False, progress: ProgressFn | None = None
) -> LoadSummary:
    """Check plan files exactly as a load would, without touching any database."""
    started = time.perf_counter()
    files = expand_paths(paths)
    with tempfile.TemporaryDirectory(prefix="planscope-validate-") as scratch:
        summary = _build(files, Path(scratch) / "check.duckdb", require_citations, {}, progress)
    summary.seconds = time.perf_counter() - started
    return summary


def _build(
    files: list[Path],
    path: Path,
    require_citations: bool,
    meta: dict[str, str],
    progress: ProgressFn | None,
) -> LoadSummary:
    try:
        con = duckdb.connect(str(path))
    except duckdb.Error as exc:
        raise PlanscopeError(f"cannot create a database at {path.parent}: {_short(exc)}") from exc
    try:
        con.execute(create_base_tables_sql())
        con.execute("BEGIN TRANSACTION")
        summary, problems, total = _ingest(con, files, progress)
        more, more_total = run_checks(
            con, require_citations=require_citations, limit=max(1, PROBLEM_LIMIT - len(problems))
        )
        problems += more[: PROBLEM_LIMIT - len(problems)]
        total += more_total
        if problems:
            raise ValidationFailed(problems, total)
        finalize(con)
        info = {
            "schema_version": SCHEMA_VERSION,
            "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "load_id": secrets.token_hex(8),
            **meta,
        }
        con.execute(
            "INSERT INTO meta SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[])",
            [list(info), list(info.values())],
        )
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        return summary
    except duckdb.IOException as exc:
        raise PlanscopeError(f"cannot write the new database: {_short(exc)}") from exc
    finally:
        con.close()


def _ingest(
    con: duckdb.DuckDBPyConnection, files: list[Path], progress: ProgressFn | None
) -> tuple[LoadSummary, list[Problem], int]:
    batch = Batcher(con)
    summary = LoadSummary(files=len(files))
    problems: list[Problem] = []
    total = 0
    position = 0
    sizes = [_size(p) for p in files]
    done = 0
    for src, path in enumerate(files):
        label = str(path)
        batch.add("files", (src, label))

        def on_bytes(n: int, _base: int = done, _label: str = label) -> None:
            if progress:
                progress(_base + n, sum(sizes), _label)

        for item in read_any(path, label, on_bytes=on_bytes):
            if isinstance(item, Problem):
                total += 1
                if len(problems) < PROBLEM_LIMIT:
                    problems.append(item)
                continue
            model, found = validate_record(item)
            if model is None:
                total += len(found)
                problems.extend(found[: max(0, PROBLEM_LIMIT - len(problems))])
                rid = item.data.get("id") if isinstance(item.data, dict) else None
                if isinstance(rid, str):
                    batch.add("rejected", (item.kind, rid))
                continue
            ADDERS[item.kind](batch, model, position, item.plan_id, src, item.line)
            position += 1
            summary.counts[item.kind] += 1
        done += sizes[src]
        if progress:
            progress(done, sum(sizes), label)
    batch.flush()
    return summary, problems, total


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _short(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _discard(tmp: Path) -> None:
    for leftover in (tmp, Path(f"{tmp}.wal")):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _remove_stale_temps(target: Path) -> None:
    """Delete temp files left by loads that were killed, once their process is gone."""
    for tmp in target.parent.glob(f".{target.name}.load-*.tmp*"):
        try:
            pid = int(tmp.name.split(".load-", 1)[1].split("-", 1)[0])
        except (IndexError, ValueError):
            continue
        if pid != os.getpid() and not _alive(pid):
            _discard(Path(str(tmp).removesuffix(".wal")))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _sync_dir(folder: Path) -> None:
    """Make the rename durable, where the platform allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


__all__ = ["InputError", "LoadSummary", "load_files", "validate_files"]
