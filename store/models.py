"""The plan document schema: one set of pydantic models for TOML, JSON and CSV.

A plan file holds one Plan with its sources, periods, goals, projects,
indicators and milestones.  Each record is validated on its own here (types,
closed vocabularies, dates in order); checks that span records (unique ids,
references, periods inside their plan) run in the store after loading, so a
file of a million rows never has to sit in memory at once.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from store.dates import PARTIAL_DATE_PATTERN, parse_bounds
from store.vocab import ATTRIBUTES, DIRECTIONS, PLAN_KINDS, STATUSES

ID_PATTERN = r"^\w[\w.:\-]*$"
ID_HELP = "letters, digits, '.', '_', ':' or '-', starting with a letter or digit"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(min_length=1)]


def field_error(field: str, detail: str) -> PydanticCustomError:
    """An error raised by a whole-record check that still names the field at fault."""
    return PydanticCustomError("record_check", "{detail}", {"field": field, "detail": detail})


def _real_date(text: str) -> str:
    parse_bounds(text)
    return text


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("expected a finite number")
    return value


PartialDate = Annotated[str, StringConstraints(pattern=PARTIAL_DATE_PATTERN), AfterValidator(_real_date)]
Number = Annotated[float, AfterValidator(_finite)]
Year = Annotated[int, Field(ge=1, le=9999)]
Status = Literal[STATUSES]  # type: ignore[valid-type]
PlanKind = Literal[PLAN_KINDS]  # type: ignore[valid-type]
Direction = Literal[DIRECTIONS]  # type: ignore[valid-type]
Attribute = Literal[ATTRIBUTES]  # type: ignore[valid-type]


class Record(BaseModel):
    """Base for every record: unknown fields are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", strict=False, frozen=True)


class Citation(Record):
    """Points a record at a paragraph of one of its plan's sources."""

    source: Id
    paragraph: int = Field(ge=1)
    note: str | None = None


class Cited(Record):
    """A record with its own id and the citations that back it."""

    id: Id
    citations: list[Citation] = Field(default_factory=list)


class Source(Record):
    """Where the plan's facts come from; citations name it by id."""

    id: Id
    title: Text
    publisher: str | None = None
    date: PartialDate | None = None
    author: str | None = None
    location: str | None = None
    paragraphs: int | None = Field(default=None, ge=1)
    note: str | None = None


def _years_in_order(start: int, end: int) -> None:
    if start > end:
        raise field_error("end", f"end {end} is before start {start}")


class Plan(Cited):
    """A plan: a Five-Year Plan, an annual work report, a long-range outline."""

    title: Text
    issuer: str | None = None
    kind: PlanKind = "other"
    start: Year
    end: Year
    horizon: Year | None = None
    parent: Id | None = None
    summary: str | None = None

    @model_validator(mode="after")
    def _check_span(self) -> Plan:
        _years_in_order(self.start, self.end)
        if self.horizon is not None and self.horizon < self.end:
            raise field_error("horizon", f"horizon {self.horizon} is before end {self.end}")
        if self.parent == self.id:
            raise field_error("parent", "a plan cannot be its own parent")
        return self


class Period(Cited):
    """A span of years inside a plan that targets and milestones refer to."""

    label: Text
    start: Year
    end: Year

    @model_validator(mode="after")
    def _check_span(self) -> Period:
        _years_in_order(self.start, self.end)
        return self


class Goal(Cited):
    """A goal; goals form a tree through parent inside one plan."""

    title: Text
    parent: Id | None = None
    area: str | None = None
    description: str | None = None
    status: Status | None = None
    progress: Annotated[float, Field(ge=0.0, le=1.0)] | None = None

    @model_validator(mode="after")
    def _not_own_parent(self) -> Goal:
        if self.parent == self.id:
            raise field_error("parent", "a goal cannot be its own parent")
        return self


class Budget(Record):
    """An amount of money with its ISO 4217 currency code."""

    amount: Annotated[Number, Field(ge=0.0)]
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


def _dates_in_order(start: str | None, end: str | None, what: str) -> None:
    if start and end and parse_bounds(start)[0] > parse_bounds(end)[1]:
        raise field_error(f"{what}_end", f"{what} end {end} is before its start {start}")


class Project(Cited):
    """A project serving one or more goals."""

    title: Text
    goals: list[Id] = Field(min_length=1)
    description: str | None = None
    owner: str | None = None
    location: str | None = None
    status: Status | None = None
    planned_start: PartialDate | None = None
    planned_end: PartialDate | None = None
    actual_start: PartialDate | None = None
    actual_end: PartialDate | None = None
    budget: Budget | None = None
    tags: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_dates(self) -> Project:
        _dates_in_order(self.planned_start, self.planned_end, "planned")
        _dates_in_order(self.actual_start, self.actual_end, "actual")
        return self


class Target(Record):
    """The value an indicator should reach by the end of a period."""

    period: Id
    value: Number | None = None
    note: str | None = None


class Observation(Record):
    """A measured value of an indicator, as of a date, with where it was read."""

    value: Number
    as_of: PartialDate
    note: str | None = None
    citation: Citation | None = None


class Indicator(Cited):
    """A measure with a baseline, targets per period and observations."""

    title: Text
    unit: str | None = None
    direction: Direction = "increase"
    attribute: Attribute | None = None
    goals: list[Id] = Field(default_factory=list)
    baseline: Number | None = None
    baseline_year: Year | None = None
    description: str | None = None
    targets: list[Target] = Field(default_factory=list)
    observations: list[Observation] = Field(default_factory=list)


class Milestone(Cited):
    """A dated event or checkpoint, linked to the goals and projects it marks."""

    title: Text
    date: PartialDate | None = None
    period: Id | None = None
    goals: list[Id] = Field(default_factory=list)
    projects: list[Id] = Field(default_factory=list)
    description: str | None = None

    @model_validator(mode="after")
    def _needs_time(self) -> Milestone:
        if self.date is None and self.period is None:
            raise field_error("date", "a milestone needs a date or a period")
        return self


#: The sections of a plan document, in file order, with the model of each.
SECTIONS: dict[str, type[Record]] = {
    "sources": Source,
    "periods": Period,
    "goals": Goal,
    "projects": Project,
    "indicators": Indicator,
    "milestones": Milestone,
}

#: The record kind that each section holds.
SECTION_KIND = {
    "sources": "source",
    "periods": "period",
    "goals": "goal",
    "projects": "project",
    "indicators": "indicator",
    "milestones": "milestone",
}

MODEL_OF_KIND: dict[str, type[Record]] = (
    {"plan": Plan}
    | {SECTION_KIND[name]: model for name, model in SECTIONS.items()}
    | {"target": Target, "observation": Observation}
)


class PlanDocument(Record):
    """A whole plan file.  Used to describe the format; loading validates record by record."""

    format: Literal["planscope/1"] = "planscope/1"
    plan: Plan
    sources: list[Source] = Field(default_factory=list)
    periods: list[Period] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
