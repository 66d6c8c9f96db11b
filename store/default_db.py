"""Where databases live, and the default one built from the bundled seeds.

The default database sits in the user data directory (platformdirs).  It is
built from ``seeds/`` on first use and rebuilt whenever the seeds or the
schema change, judged by a hash kept in its meta table, so operators never
read stale data.  A database someone loaded their own plans into is never
rebuilt behind their back.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from planscope.store.build.schema import SCHEMA_VERSION
from planscope.store.location import check_database_file, chosen_db, default_db_path

if TYPE_CHECKING:
    from planscope.store.build.load import LoadSummary, ProgressFn
    from planscope.store.db import Database


def seeds_dir() -> Path:
    """The folder of bundled plan files, in a checkout or inside the installed wheel."""
    return Path(str(resources.files("planscope.seeds")))


def seed_files() -> list[Path]:
    """The bundled plan files, sorted by name."""
    return sorted(p for p in seeds_dir().iterdir() if p.suffix in (".toml", ".json", ".csv"))


def seeds_hash() -> str:
    """A hash of the seeds' names and bytes plus the schema version."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    for path in seed_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def default_is_current(path: Path) -> bool:
    """True when the default database exists and needs no rebuild.

    Only a database built from the seeds is ever rebuilt; one that holds plans
    a user loaded is kept as it is, whatever its version, so nothing is lost.
    """
    if not path.is_file():
        return False
    meta = _raw_meta(path)
    if meta is None:
        return False
    if meta.get("origin") != "seeds":
        return True
    return meta.get("seeds_hash") == seeds_hash()


def _raw_meta(path: Path) -> dict[str, str] | None:
    """The meta table without version checks, or None if the file is not readable as one."""
    import duckdb

    from planscope.store.db import READ_MEMORY_LIMIT, connect

    try:
        con = connect(path, read_only=True, memory_limit=READ_MEMORY_LIMIT)
    except duckdb.Error:
        return None
    try:
        return dict(con.execute("SELECT key, value FROM meta").fetchall())
    except duckdb.Error:
        return None
    finally:
        con.close()


def load_seeds(target: Path, *, progress: ProgressFn | None = None) -> LoadSummary:
    """Replace ``target`` with a database of the bundled seeds alone.

    The seeds are held to a stricter rule than other files (every claim cites a
    source), and their meta marks the file as rebuildable when the seeds change;
    both live here so that ``planscope load --seeds`` and the default database agree.
    """
    from planscope.store.build.load import load_files

    meta = {"origin": "seeds", "seeds_hash": seeds_hash()}
    return load_files(seed_files(), target, require_citations=True, meta=meta, progress=progress)


def ensure_default_db(path: Path | None = None) -> Path:
    """Build (or rebuild) the default database from the seeds when it is missing or stale."""
    path = path or default_db_path()
    if not default_is_current(path):
        path.parent.mkdir(parents=True, exist_ok=True)  # the user data folder, on first use
        load_seeds(path)
    return path


def open_db(option: str | None) -> Database:
    """Open the chosen database read-only for one command, building the default one if needed."""
    from planscope.store.db import COMMAND_MEMORY_LIMIT, Database

    path, is_default = chosen_db(option)
    if is_default:
        ensure_default_db(path)
    else:
        check_database_file(path)  # the same words for a text file as the app gives
    return Database(path, memory_limit=COMMAND_MEMORY_LIMIT, threads=None)
