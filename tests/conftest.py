"""Shared fixtures: real DuckDB files built from real plan files, and the real CLI.

The seeded database is built once per session (it takes about a second) and
opened read-only by every test that only reads it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of the bundled Tianjin plan."""
    from store.build import load_files

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

    def run(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, "HOME": str(isolated_home),
                    "XDG_DATA_HOME": str(isolated_home / ".local" / "share"), **(env or {})}
        full_env.pop("PLANSCOPE_DB", None) if "PLANSCOPE_DB" not in (env or {}) else None
        return subprocess.run(
            [sys.executable, "-m", "planscope", *args],
            capture_output=True, text=True, env=full_env, timeout=timeout, cwd=ROOT,
        )

    return run


def write(path: Path, text: str) -> Path:
    """Write a test input file and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL_PLAN = """\
[plan]
id = "p1"
title = "Test plan"
kind = "five_year_plan"
start = 2021
end = 2025
horizon = 2035

[[sources]]
id = "s1"
title = "Source"
paragraphs = 5

[[periods]]
id = "p1-2025"
label = "2021-2025"
start = 2021
end = 2025

[[goals]]
id = "g1"
title = "Goal one"
area = "Area A"

[[projects]]
id = "pr1"
title = "Project one"
goals = ["g1"]
status = "planned"
citations = [{source = "s1", paragraph = 2}]

[[indicators]]
id = "i1"
title = "Indicator one"
baseline = 10
baseline_year = 2020
targets = [{period = "p1-2025", value = 20}]
observations = [{value = 15, as_of = "2023"}]

[[milestones]]
id = "m1"
title = "Milestone one"
date = "2022-06"
"""
