"""Field types of the plan schema and the limits they enforce.

Kept apart from :mod:`~planscope.store.read.models` so the record classes read as the
schema and these rules (ids, text sizes, number bounds, no blank titles)
have one home that the README's table of limits mirrors.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from planscope.store.read.dates import PARTIAL_DATE_PATTERN, parse_bounds
from planscope.store.vocab import ATTRIBUTES, DIRECTIONS, PLAN_KINDS, STATUSES


@dataclass(frozen=True)
class Limits:
    """The most a record may hold; the README lists them for authors.

    They keep one careless or hostile record from swamping the app: a reader
    works under a small memory cap, and one 10 MB title would leave no room
    for a search.  Real plans stay far below every one of them.
    """

    id: int = 200
    title: int = 500  # titles, labels
    name: int = 500  # issuer, area, owner, location, unit, publisher, author
    prose: int = 20_000  # descriptions, summaries, notes
    tag: int = 100
    tags: int = 100
    links: int = 1_000  # goals or projects one record names
    citations: int = 100
    targets: int = 1_000
    observations: int = 10_000
    paragraph: int = 1_000_000
    #: Budgets and indicator values must be finite and smaller than this in size.
    amount: float = 1e15


LIMITS = Limits()

ID_PATTERN = r"^\w[\w.:\-]*$"
ID_HELP = "letters, digits, '.', '_', ':' or '-', starting with a letter or digit"


def field_error(field: str, detail: str) -> PydanticCustomError:
    """An error raised by a whole-record check that still names the field at fault."""
    return PydanticCustomError("record_check", "{detail}", {"field": field, "detail": detail})


def _real_date(text: str) -> str:
    parse_bounds(text)
    return text


def _bounded(value: float) -> float:
    if not math.isfinite(value):
        raise PydanticCustomError(
            "number_range", "got {value}; expected a finite number", {"value": str(value)}
        )
    if abs(value) >= LIMITS.amount:
        raise PydanticCustomError(
            "number_range",
            "got {value}; expected a number smaller than {limit} in size",
            {"value": f"{value:g}", "limit": f"{LIMITS.amount:g}"},
        )
    return value


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=LIMITS.id)]
#: Some text that is not only spaces; the pattern runs in pydantic's core, cheaper than a Python check.
NOT_BLANK = r"\S"
Text = Annotated[str, StringConstraints(min_length=1, max_length=LIMITS.title, pattern=NOT_BLANK)]
Name = Annotated[str, StringConstraints(max_length=LIMITS.name)]
Prose = Annotated[str, StringConstraints(max_length=LIMITS.prose)]
Tag = Annotated[str, StringConstraints(min_length=1, max_length=LIMITS.tag, pattern=NOT_BLANK)]
PartialDate = Annotated[str, StringConstraints(pattern=PARTIAL_DATE_PATTERN), AfterValidator(_real_date)]
Number = Annotated[float, AfterValidator(_bounded)]
Year = Annotated[int, Field(ge=1, le=9999)]
Paragraph = Annotated[int, Field(ge=1, le=LIMITS.paragraph)]
Status = Literal[STATUSES]  # type: ignore[valid-type]
PlanKind = Literal[PLAN_KINDS]  # type: ignore[valid-type]
Direction = Literal[DIRECTIONS]  # type: ignore[valid-type]
Attribute = Literal[ATTRIBUTES]  # type: ignore[valid-type]

#: One whole-record problem: the field at fault and what is wrong with it.
Finding = tuple[str, str]


def repeats(name: str, kind: str, ids: list[str] | None) -> list[Finding]:
    """A reference list that names the same record twice."""
    if ids is None or len(ids) < 2 or len(set(ids)) == len(ids):  # the usual case, cheaply
        return []
    first: dict[str, int] = {}
    found = []
    for pos, rid in enumerate(ids or []):
        if rid in first:
            found.append((f"{name}[{pos}]", f"{kind} {rid!r} is already listed at {name}[{first[rid]}]"))
        else:
            first[rid] = pos
    return found
