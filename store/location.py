"""Which database file to use: ``--db``, then ``PLANSCOPE_DB``, then the default one.

Kept apart from :mod:`~planscope.store.default_db` so that choosing the file costs nothing
at start-up: the app's first frame should not wait on hashing the seeds or
on importing DuckDB.  For the same reason :func:`check_database_file` judges
a file by its first bytes alone, which is enough to refuse a text file
before the app starts.
"""

from __future__ import annotations

import os
from pathlib import Path

from planscope.store.errors import DatabaseMissing, DatabaseUnreadable, InputError

ENV_DB = "PLANSCOPE_DB"
DB_NAME = "planscope.duckdb"

#: Limits of Linux and macOS file systems; a longer path cannot name a file at all.
NAME_MAX = 255
PATH_MAX = 4095

#: DuckDB writes this at byte 8 of every database file it creates.
DUCKDB_MAGIC = b"DUCK"


def default_db_path() -> Path:
    """The default database file in the user data directory."""
    from platformdirs import user_data_path

    return user_data_path("planscope", appauthor=False) / DB_NAME


def chosen_db(option: str | None) -> tuple[Path, bool]:
    """The database to use, and whether it is the default one.

    ``--db`` wins over ``PLANSCOPE_DB``, which wins over the default.  A path
    too long for any file system is refused here with a short message, so no
    later error has to print five thousand characters.
    """
    if option:
        return _usable(Path(option).expanduser(), "--db"), False
    env = os.environ.get(ENV_DB)
    if env:
        return _usable(Path(env).expanduser(), ENV_DB), False
    return default_db_path(), True


def _usable(path: Path, source: str) -> Path:
    text = os.fsencode(path)
    if len(text) > PATH_MAX or any(len(part) > NAME_MAX for part in text.split(b"/")):
        raise InputError(
            f"{source} is too long to be a file path ({len(text):,} bytes; "
            f"at most {PATH_MAX:,}, and {NAME_MAX} for each name in it)"
        )
    return path


def missing_message(path: Path) -> str:
    """What to say when there is no database at ``path``."""
    if not path.parent.is_dir():
        return f"{path}: folder {path.parent} does not exist"
    return f"{path}: no database here; create one with `planscope load PATH --db {path}`"


def check_database_file(path: Path) -> None:
    """Raise unless ``path`` is a file that starts like a DuckDB database.

    A cheap check made before anything is opened: it tells a missing file, a
    folder or a text file from a database without importing DuckDB.
    """
    if path.is_dir():
        raise DatabaseUnreadable(f"{path}: is a folder, not a database file")
    try:
        with path.open("rb") as handle:
            head = handle.read(12)
    except FileNotFoundError:
        raise DatabaseMissing(missing_message(path)) from None
    except OSError as exc:
        raise DatabaseUnreadable(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if head[8:12] != DUCKDB_MAGIC:
        raise DatabaseUnreadable(f"{path}: not a planscope database (not a DuckDB file)")
