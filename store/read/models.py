"""The plan document schema: one set of pydantic models for TOML, JSON and CSV.

A plan file holds one Plan with its sources, periods, goals, projects,
indicators and milestones.  Each record is validated on its own here (types,
closed vocabularies, sizes, dates in order); checks that span records (unique
ids, references, periods inside their plan) run in the store after loading,
so a file of a million rows never has to sit in memory at once.  Field types
and their limits live in :mod:`~planscope.store.read.fields`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from planscope.store.read.dates import parse_bounds
from planscope.store.read.fields import (
    ID_HELP,
    ID_PATTERN,
    LIMITS,
    Attribute,
    Direction,
    Finding,
    Id,
    Name,
    Number,
    Paragraph,
    PartialDate,
    PlanKind,
    Prose,
    Status,
    Tag,
    Text,
    Year,
    field_error,
    repeats,
)

__all__ = ["ID_HELP", "ID_PATTERN", "LIMITS", "MODEL_OF_KIND", "SECTIONS", "SECTION_KIND", "Record"]


class Record(BaseModel):
    """Base for every record: unknown fields are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", strict=False, frozen=True)

    def findings(self) -> list[Finding]:
        """Fields that contradict each other, as (field, what is wrong); none by default.

        Written to cope with fields left as None, so that validation can also
        judge the valid part of a record whose other fields failed.
        """
        return []


class Citation(Record):
    """Points a record at a paragraph of one of its plan's sources."""

    source: Id
    paragraph: Paragraph
    note: Prose | None = None


class Cited(Record):
    """A record with its own id and the citations that back it."""

    id: Id
    citations: list[Citation] = Field(default_factory=list, max_length=LIMITS.citations)

    @model_validator(mode="after")
    def _whole_record(self) -> Cited:
        """Only records with findings of their own pay for this check (the cited kinds all do)."""
        found = self.findings()
        if found:
            raise field_error(*found[0])
        return self


class Source(Record):
    """Where the plan's facts come from; citations name it by id."""

    id: Id
    title: Text
    publisher: Name | None = None
    date: PartialDate | None = None
    author: Name | None = None
    location: Prose | None = None
    paragraphs: Paragraph | None = None
    note: Prose | None = None


def _years_in_order(start: int | None, end: int | None) -> list[Finding]:
    if start is not None and end is not None and start > end:
        return [("end", f"end {end} is before start {start}")]
    return []


class Plan(Cited):
    """A plan: a Five-Year Plan, an annual work report, a long-range outline."""

    title: Text
    issuer: Name | None = None
    kind: PlanKind = "other"
    start: Year
    end: Year
    horizon: Year | None = None
    parent: Id | None = None
    summary: Prose | None = None

    def findings(self) -> list[Finding]:
        found = _years_in_order(self.start, self.end)
        if self.horizon is not None and self.end is not None and self.horizon < self.end:
            found.append(("horizon", f"horizon {self.horizon} is before end {self.end}"))
        if self.parent is not None and self.parent == self.id:
            found.append(("parent", "a plan cannot be its own parent"))
        return found


class Period(Cited):
    """A span of years inside a plan that targets and milestones refer to."""

    label: Text
    start: Year
    end: Year

    def findings(self) -> list[Finding]:
        return _years_in_order(self.start, self.end)


class Goal(Cited):
    """A goal; goals form a tree through parent inside one plan."""

    title: Text
    parent: Id | None = None
    area: Name | None = None
    description: Prose | None = None
    status: Status | None = None
    progress: Annotated[float, Field(ge=0.0, le=1.0)] | None = None

    def findings(self) -> list[Finding]:
        if self.parent is not None and self.parent == self.id:
            return [("parent", "a goal cannot be its own parent")]
        return []


class Budget(Record):
    """An amount of money with its ISO 4217 currency code."""

    amount: Annotated[Number, Field(ge=0.0)]
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


def _dates_in_order(start: str | None, end: str | None, what: str) -> list[Finding]:
    if start and end and parse_bounds(start)[0] > parse_bounds(end)[1]:
        return [(f"{what}_end", f"{what} end {end} is before its start {start}")]
    return []


class Project(Cited):
    """A project serving one or more goals."""

    title: Text
    goals: list[Id] = Field(min_length=1, max_length=LIMITS.links)
    description: Prose | None = None
    owner: Name | None = None
    location: Name | None = None
    status: Status | None = None
    planned_start: PartialDate | None = None
    planned_end: PartialDate | None = None
    actual_start: PartialDate | None = None
    actual_end: PartialDate | None = None
    budget: Budget | None = None
    tags: list[Tag] = Field(default_factory=list, max_length=LIMITS.tags)

    def findings(self) -> list[Finding]:
        return (
            _dates_in_order(self.planned_start, self.planned_end, "planned")
            + _dates_in_order(self.actual_start, self.actual_end, "actual")
            + repeats("goals", "goal", self.goals)
        )


class Target(Record):
    """The value an indicator should reach by the end of a period."""

    period: Id
    value: Number | None = None
    note: Prose | None = None


class Observation(Record):
    """A measured value of an indicator, as of a date, with where it was read."""

    value: Number
    as_of: PartialDate
    note: Prose | None = None
    citation: Citation | None = None


class Indicator(Cited):
    """A measure with a baseline, targets per period and observations."""

    title: Text
    unit: Name | None = None
    direction: Direction = "increase"
    attribute: Attribute | None = None
    goals: list[Id] = Field(default_factory=list, max_length=LIMITS.links)
    baseline: Number | None = None
    baseline_year: Year | None = None
    description: Prose | None = None
    targets: list[Target] = Field(default_factory=list, max_length=LIMITS.targets)
    observations: list[Observation] = Field(default_factory=list, max_length=LIMITS.observations)

    def findings(self) -> list[Finding]:
        return repeats("goals", "goal", self.goals)


class Milestone(Cited):
    """A dated event or checkpoint, linked to the goals and projects it marks."""

    title: Text
    date: PartialDate | None = None
    period: Id | None = None
    goals: list[Id] = Field(default_factory=list, max_length=LIMITS.links)
    projects: list[Id] = Field(default_factory=list, max_length=LIMITS.links)
    description: Prose | None = None

    def findings(self) -> list[Finding]:
        found = repeats("goals", "goal", self.goals) + repeats("projects", "project", self.projects)
        if self.date is None and self.period is None:
            found.insert(0, ("date", "a milestone needs a date or a period"))
        return found


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
