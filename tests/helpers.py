"""Paths and small builders shared by the test modules."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

    from planscope.store.queries.projects import ProjectFilter
    from planscope.store.results import ProjectRow

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def write(path: Path, text: str) -> Path:
    """Write a test input file and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def view_rows(
    con: duckdb.DuckDBPyConnection, f: ProjectFilter, sort: str = "order", descending: bool = False
) -> list[ProjectRow]:
    """Every row of a built ProjectView, the object the Projects tab pages from."""
    from planscope.store.db import PrivateCursor
    from planscope.store.queries.projects import ProjectView

    view = ProjectView(PrivateCursor(con.cursor()), f, sort, descending)
    try:
        return view.rows(0, view.build())
    finally:
        view.close()


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


def files_size(paths: list[Path]) -> int:
    """Bytes in the files that still exist (a writer may remove one while we look)."""
    total = 0
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            total += path.stat().st_size
    return total
