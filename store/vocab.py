"""Closed vocabularies shared by the models, the store and every front end.

They live in one plain module (no pydantic, no DuckDB) so that the app can
label and colour records without importing the validation layer.
"""

from __future__ import annotations

from typing import Final

#: Record kinds that carry a globally unique id, in display order.
KINDS: Final = ("plan", "period", "goal", "project", "indicator", "milestone")

#: Plural names used by stats, exports and CSV file names.
PLURALS: Final = {
    "plan": "plans",
    "period": "periods",
    "goal": "goals",
    "project": "projects",
    "indicator": "indicators",
    "milestone": "milestones",
}

#: Status keys and the category that drives colour and filters.  A record
#: whose status the source does not give has no status at all ("unknown").
STATUS_CATEGORY: Final = {
    "planned": "not_started",
    "in_progress": "active",
    "done": "complete",
    "delayed": "at_risk",
    "cancelled": "closed",
}
STATUSES: Final = tuple(STATUS_CATEGORY)
UNKNOWN: Final = "unknown"

STATUS_LABEL: Final = {
    "planned": "Planned",
    "in_progress": "In progress",
    "done": "Done",
    "delayed": "Delayed",
    "cancelled": "Cancelled",
    UNKNOWN: "Unknown",
}

PLAN_KINDS: Final = (
    "five_year_plan",
    "annual_work_report",
    "long_range_outline",
    "priority_goals",
    "portfolio",
    "other",
)

PLAN_KIND_LABEL: Final = {
    "five_year_plan": "Five-Year Plan",
    "annual_work_report": "Annual work report",
    "long_range_outline": "Long-range outline",
    "priority_goals": "Priority goals",
    "portfolio": "Project portfolio",
    "other": "Other",
}

#: Which way an indicator should move.  "milestone" means a state to reach,
#: not a number to push; "maintain" means hold a level.
DIRECTIONS: Final = ("increase", "decrease", "maintain", "milestone")

#: How Five-Year Plans mark an indicator: binding (obligatory) targets must be
#: met; anticipatory (expected) ones guide.
ATTRIBUTES: Final = ("binding", "anticipatory")

#: Progress bands, from the ratio of progress made to progress expected, with their labels.
#: The bands after ``achieved`` say why there is no progress to band.
BAND_LABEL: Final = {
    "ahead": "Ahead",
    "on_track": "On track",
    "lagging": "Lagging",
    "achieved": "Achieved",
    "no_target": "No target",
    "no_data": "No data yet",
    "flat_target": "Target=base",
    "no_baseline": "No baseline",
    UNKNOWN: "Unknown",
}

#: How a list of projects can be ordered, with the words that name each order, in
#: the order a front end offers them (``s`` in the app steps through them).  The
#: column each one sorts by belongs to the query layer (store/queries/projects.py).
PROJECT_SORTS: Final = {
    "order": "file order",
    "title": "title",
    "status": "status",
    "area": "area",
    "owner": "owner",
    "start": "start year",
    "end": "end year",
    "budget": "budget",
}

#: What a list of projects can be filtered by, with each facet's title.
PROJECT_FACETS: Final = {
    "status": "Status",
    "area": "Area",
    "owner": "Owner",
    "plan": "Plan",
    "period": "Period",
}


def status_label(status: str | None) -> str:
    """Human label for a status key; None means the source does not say."""
    return STATUS_LABEL.get(status or UNKNOWN, status or UNKNOWN)
