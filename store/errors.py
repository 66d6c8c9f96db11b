"""Errors the store raises, and the Problem a person reads when input is bad.

Every failure that reaches a user is one of these, so front ends can print a
short message and exit instead of showing a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class PlanscopeError(Exception):
    """Base of every error the store reports to people."""


class DatabaseMissing(PlanscopeError):
    """The database file does not exist (read commands never create one)."""


class DatabaseUnreadable(PlanscopeError):
    """The file is not a planscope database, or DuckDB cannot open it."""


class RecordNotFound(PlanscopeError):
    """No record has the id that was asked for."""


class InputError(PlanscopeError):
    """A path or an argument given by the user cannot be used."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one record of one input file.

    ``record`` names the record as the author would find it: its kind and id
    when it has one, else its position (``goals[3]`` or ``row 17``).
    """

    file: str
    line: int | None
    record: str
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = self.record
        if self.field:
            what = f"{what}, field {self.field}" if what else f"field {self.field}"
        return f"{where}: {what}: {self.message}" if what else f"{where}: {self.message}"


class ValidationFailed(PlanscopeError):
    """Input had problems; the database was left as it was."""

    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        self.problems = problems
        self.total = total if total is not None else len(problems)
        super().__init__(f"{self.total} problem(s) in the input")

    def lines(self) -> list[str]:
        """The problems as lines, with a tail when some were left out."""
        out = [str(p) for p in self.problems]
        if self.total > len(self.problems):
            out.append(f"... and {self.total - len(self.problems)} more")
        return out
