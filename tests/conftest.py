"""Shared fixtures: real DuckDB files built from real plan files, and the real CLI.

The seeded database is built once per session (it takes about a second) and
opened read-only by every test that only reads it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

from tests.generated import SEED as GENERATED_SEED
from tests.generated import N as GENERATED_PROJECTS
from tests.helpers import ROOT, SEEDS


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of the bundled Tianjin plan."""
    from planscope.store.build.load import load_files

    path = tmp_path_factory.mktemp("seeded") / "tianjin.duckdb"
    load_files([SEEDS], path, require_citations=True, meta={"origin": "files"})
    return path


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data folder, so no test touches the user's default database."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.delenv("PLANSCOPE_DB", raising=False)
    return home


CliRunner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(isolated_home: Path) -> CliRunner:
    """Run the real ``planscope`` command in a subprocess with a private home."""

    def run(
        *args: str, env: dict[str, str] | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, "HOME": str(isolated_home)}
        full_env["XDG_DATA_HOME"] = str(isolated_home / ".local" / "share")
        full_env.pop("PLANSCOPE_DB", None)
        full_env.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "planscope", *args],
            capture_output=True,
            text=True,
            env=full_env,
            timeout=timeout,
            cwd=ROOT,
        )

    return run


@pytest.fixture(scope="session")
def gen_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated database of N projects, built once for the read-only tests."""
    path = tmp_path_factory.mktemp("generated") / "gen.duckdb"
    from planscope.store.synthetic.generate import generate

    generate(path, GENERATED_PROJECTS, seed=GENERATED_SEED)
    return path


@pytest.fixture
def con(gen_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A plain read-only connection to the generated database (closed after the test)."""
    connection = duckdb.connect(str(gen_db), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def tui_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Tianjin seeds in a database of the test module's own: app tests may not share one."""
    from tests.tui_helpers import build_seeded

    return build_seeded(tmp_path_factory.mktemp("tui"))
