"""Which database file to use: ``--db``, then ``PLANSCOPE_DB``, then the default one.

Kept apart from :mod:`store.paths` so that choosing the file costs nothing
at start-up: the app's first frame should not wait on hashing the seeds.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DB = "PLANSCOPE_DB"
DB_NAME = "planscope.duckdb"


def default_db_path() -> Path:
    """The default database file in the user data directory."""
    from platformdirs import user_data_path

    return user_data_path("planscope", appauthor=False) / DB_NAME


def chosen_db(option: str | None) -> tuple[Path, bool]:
    """The database to use, and whether it is the default one.

    ``--db`` wins over ``PLANSCOPE_DB``, which wins over the default.
    """
    if option:
        return Path(option).expanduser(), False
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser(), False
    return default_db_path(), True
