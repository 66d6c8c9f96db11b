"""Write a new database beside the target and swap it in with one rename.

Everything that creates a database (loading files, generating synthetic
plans) goes through :func:`write_database`, so none of them can leave a
half-written file where readers look: a bad input, a killed process or a
full disk leaves the old database byte for byte as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb

from planscope.store.build.editions import record_edition
from planscope.store.build.finalize import finalize
from planscope.store.build.schema import SCHEMA_VERSION, create_base_tables_sql
from planscope.store.db import READ_MEMORY_LIMIT, connect
from planscope.store.errors import InputError, PlanscopeError

T = TypeVar("T")

#: DuckDB's buffer memory while building; larger inputs spill to a temp folder beside the file.
#: At 256 MB a load of a million projects from CSV peaks under 400 MB in all and is no slower
#: than at 512 MB (which peaked at 630 MB while finalize rewrote the projects).
BUILD_MEMORY_LIMIT = "256MB"


def write_database(target: Path, fill: Callable[[duckdb.DuckDBPyConnection], T], meta: dict[str, str]) -> T:
    """Create the schema in a temp file, ``fill`` it, finalize, then replace ``target``.

    ``fill`` runs inside the one transaction and may raise to abandon the
    build; the temp file is then removed and ``target`` is not touched.
    """
    target = target.expanduser()
    check_target(target)
    remove_stale_temps(target)
    tmp = target.parent / f".{target.name}.load-{os.getpid()}-{secrets.token_hex(4)}.tmp"
    try:
        result = build_at(tmp, fill, meta, previous=target)
        with contextlib.suppress(FileNotFoundError):
            Path(f"{target}.wal").unlink()  # a WAL left by a crash belongs to the old file
        os.replace(tmp, target)
        _sync_dir(target.parent)
    except BaseException:
        discard(tmp)
        raise
    return result


def check_target(target: Path) -> None:
    """Refuse a target that can never become a database file: a folder, or one in a missing folder.

    Folders are not created: a typo in ``--db`` should be an error, not a new tree of folders.
    """
    if target.is_dir():
        raise InputError(f"{target}: is a folder; give the path of a database file inside it")
    if not target.parent.is_dir():
        raise InputError(f"{target}: folder {target.parent} does not exist; create it first")


def check_replaceable(target: Path) -> None:
    """Refuse to replace a file that is not a planscope database, so no one loses a file to a typo.

    A missing or empty file is fine; anything else must be a DuckDB file with
    planscope's meta table (of any schema version).
    """
    check_target(target)
    try:
        if target.stat().st_size == 0:
            return
    except FileNotFoundError:
        return
    if not is_planscope_database(target):
        raise InputError(
            f"{target}: not a planscope database, so it was left alone; use --force to replace it anyway"
        )


def is_planscope_database(path: Path) -> bool:
    """True when ``path`` opens read-only in DuckDB and has planscope's meta table."""
    from planscope.store.location import DUCKDB_MAGIC

    try:
        with path.open("rb") as handle:
            if handle.read(12)[8:12] != DUCKDB_MAGIC:
                return False
        con = connect(path, read_only=True, memory_limit=READ_MEMORY_LIMIT)
    except (OSError, duckdb.Error):
        return False
    try:
        keys = {row[0] for row in con.execute("SELECT key FROM meta").fetchall()}
    except duckdb.Error:
        return False
    finally:
        con.close()
    return "schema_version" in keys


def build_at(
    path: Path,
    fill: Callable[[duckdb.DuckDBPyConnection], T],
    meta: dict[str, str],
    *,
    previous: Path | None = None,
) -> T:
    """Build a complete database at ``path`` (which must not exist) in one transaction.

    With ``previous`` (the file this one will replace) the build is a new edition:
    what changed since that file is logged, and its log carried over.
    """
    try:
        con = connect(path, read_only=False, memory_limit=BUILD_MEMORY_LIMIT)
    except duckdb.Error as exc:
        raise PlanscopeError(f"cannot create a database in {path.parent}: {short(exc)}") from exc
    try:
        con.execute(create_base_tables_sql())
        con.execute("BEGIN TRANSACTION")
        result = fill(con)
        # The loaded records are one transaction; derived tables are built after it commits,
        # because DuckDB cannot spill a big open transaction to disk.  Readers never see
        # this file before the rename, so the two steps are still all-or-nothing to them.
        con.execute("COMMIT")
        finalize(con)
        if previous is not None:
            meta = {**meta, **record_edition(con, previous, meta.get("origin", "")).meta()}
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
        con.execute("CHECKPOINT")
        return result
    except duckdb.OutOfMemoryException as exc:
        raise PlanscopeError(f"ran out of memory while building the database: {short(exc)}") from exc
    except (duckdb.IOException, duckdb.TransactionException, duckdb.FatalException, OSError) as exc:
        # A full disk shows up as any of these, depending on which write hits it first (a
        # checkpoint that cannot write is fatal to the connection, which is discarded anyway).
        raise PlanscopeError(f"cannot write the new database: {short(exc)}") from exc
    finally:
        con.close()


def short(exc: BaseException) -> str:
    """The first line of an exception's message."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def discard(tmp: Path) -> None:
    """Remove a temp database and its WAL, ignoring what is already gone."""
    for leftover in (tmp, Path(f"{tmp}.wal")):
        with contextlib.suppress(OSError):
            leftover.unlink()


def remove_stale_temps(target: Path) -> None:
    """Delete temp files left by builds that were killed, once their process is gone."""
    for tmp in target.parent.glob(f".{target.name}.load-*.tmp*"):
        try:
            pid = int(tmp.name.split(".load-", 1)[1].split("-", 1)[0])
        except (IndexError, ValueError):
            continue
        if pid != os.getpid() and not _alive(pid):
            discard(Path(str(tmp).removesuffix(".wal")))


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
