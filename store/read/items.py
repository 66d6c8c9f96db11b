"""What every reader yields: raw records not yet validated, or the problems met reading them.

A module of its own so that the readers of each format and the dispatcher that picks
one can all name these types without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planscope.store.errors import Problem


@dataclass(slots=True)
class RawRecord:
    """One record as read from a file, with where it came from."""

    kind: str
    data: Any
    file: str
    line: int | None
    path: str
    plan_id: str | None
    #: For target and observation rows read from CSV: the indicator they belong to.
    owner: str | None = None


Item = RawRecord | Problem
