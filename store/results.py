"""Typed answers of the store's queries: small frozen dataclasses, cheap to build.

Dataclasses rather than pydantic models because the app builds thousands of
them while scrolling and must not import the validation layer to do so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PlanInfo:
    """A plan's header, with how many records of each kind it holds."""

    id: str
    title: str
    issuer: str | None
    kind: str
    start_year: int
    end_year: int
    horizon_year: int | None
    parent_id: str | None
    summary: str | None
    goals: int = 0
    projects: int = 0
    indicators: int = 0
    milestones: int = 0


@dataclass(frozen=True, slots=True)
class GoalNode:
    """A goal as a tree node: enough to draw it and to know if it has children."""

    id: str
    plan_id: str
    parent_id: str | None
    title: str
    area: str | None
    status: str | None
    progress: float | None
    children: int
    projects: int
    indicators: int
    milestones: int


@dataclass(frozen=True, slots=True)
class AreaCount:
    """A goal area of one plan with its number of top-level goals."""

    plan_id: str
    area: str | None
    goals: int


@dataclass(frozen=True, slots=True)
class ProjectRow:
    """One row of the Projects table."""

    rn: int
    id: str
    plan_id: str
    title: str
    status: str | None
    goal_id: str | None
    area: str | None
    owner: str | None
    location: str | None
    start_year: int | None
    end_year: int | None
    budget_amount: float | None
    budget_currency: str | None


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """A slice of an ordered result and the size of the whole."""

    offset: int
    rows: list[T]
    total: int


@dataclass(frozen=True, slots=True)
class FacetValue:
    """One value of a filter facet and how many rows carry it."""

    value: str | None
    count: int


@dataclass(frozen=True, slots=True)
class Link:
    """A record linked to another, and how (``serves``, ``child``, ``plan``...)."""

    kind: str
    id: str
    title: str
    relation: str


@dataclass(frozen=True, slots=True)
class CitationInfo:
    """A citation with its source resolved, ready to show."""

    source_id: str
    source_title: str
    paragraph: int
    note: str | None
    publisher: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class RecordDetail:
    """Everything about one record: its fields, its links and its citations."""

    kind: str
    id: str
    title: str
    plan_id: str | None
    fields: list[tuple[str, str]]
    links: list[Link]
    citations: list[CitationInfo]
    more_links: int = 0


@dataclass(frozen=True, slots=True)
class TargetInfo:
    """A target value for a period."""

    period_id: str
    period_label: str
    end_year: int
    value: float | None
    note: str | None


@dataclass(frozen=True, slots=True)
class ObservationInfo:
    """A measured value of an indicator."""

    value: float
    as_of: str
    note: str | None


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """An indicator with its latest actual and its progress toward the target."""

    id: str
    plan_id: str
    title: str
    unit: str | None
    direction: str
    attribute: str | None
    baseline: float | None
    baseline_year: int | None
    targets: list[TargetInfo]
    latest: ObservationInfo | None
    observations: int
    progress: float | None
    band: str


@dataclass(frozen=True, slots=True)
class Span:
    """Something that runs over years: a plan, a period or a project."""

    kind: str
    id: str
    title: str
    start_year: int
    end_year: int
    plan_id: str | None = None
    dated: bool = True
    status: str | None = None


@dataclass(frozen=True, slots=True)
class MilestoneRow:
    """A milestone on the timeline, in date order."""

    rn: int
    id: str
    plan_id: str
    title: str
    date: str | None
    year: int | None
    period_id: str | None
    #: The years of the milestone's period (``2016-2020``) when it has no date of its own.
    period_years: str | None = None


@dataclass(frozen=True, slots=True)
class Timeline:
    """The frame of the Gantt chart: plans, periods and how busy each year is."""

    first_year: int
    last_year: int
    plans: list[Span]
    periods: list[Span]
    milestone_years: dict[int, int]
    project_years: dict[int, int]


@dataclass(frozen=True, slots=True)
class Hit:
    """A search result: what matched, where, and how well."""

    kind: str
    id: str
    plan_id: str | None
    title: str
    score: int
    snippet: str | None = None


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts per kind and the breakdowns the Overview shows."""

    counts: dict[str, int]
    project_status: dict[str, int] = field(default_factory=dict)
    goal_status: dict[str, int] = field(default_factory=dict)
    areas: dict[str, int] = field(default_factory=dict)
    budgets: dict[str, float] = field(default_factory=dict)
    plans: list[PlanInfo] = field(default_factory=list)
