"""The bundled seeds put each statement in the plan the source gives it to.

The source is one news report that speaks of three plans, so a record can
easily land in the wrong one or link across them.  These rules keep the seeds
honest about it: paragraphs 11 and 12 (governance and smart cities) are the
work report's unless a record says the attribution is open, links stay inside
one plan, and a dated milestone sits in a period of its plan that holds its date.
Each rule is a function, shown to catch a bad record before it checks the seeds.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

SEEDS = Path(__file__).parents[1] / "seeds"
#: Paragraphs the report does not clearly give to the work report or to the 14th plan's outline.
OPEN_PARAGRAPHS = {11, 12}
#: The fields of each section that name goals or projects.
LINKS = {
    "goals": ("parent",),
    "projects": ("goals",),
    "indicators": ("goals",),
    "milestones": ("goals", "projects"),
}

Doc = dict[str, Any]


def documents() -> list[Doc]:
    return [tomllib.loads(path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.toml"))]


def cited_records(doc: Doc) -> list[dict[str, Any]]:
    sections = ("periods", "goals", "projects", "indicators", "milestones")
    return [doc["plan"], *(record for section in sections for record in doc.get(section, []))]


def unflagged_open_citations(doc: Doc) -> list[str]:
    """Ids of records outside the work report citing paragraph 11 or 12 with no word on attribution."""
    if doc["plan"].get("kind") == "annual_work_report":
        return []
    return [
        record["id"]
        for record in cited_records(doc)
        for citation in record.get("citations", [])
        if citation["paragraph"] in OPEN_PARAGRAPHS and not says_attribution_is_open(citation)
    ]


def says_attribution_is_open(citation: dict[str, Any]) -> bool:
    return "attribution" in (citation.get("note") or "").lower()


def cross_plan_links(docs: list[Doc]) -> list[tuple[str, str, str]]:
    """(record, field, target) for every goal, project or milestone link that leaves its plan."""
    plan_of = {
        record["id"]: doc["plan"]["id"]
        for doc in docs
        for section in ("goals", "projects")
        for record in doc.get(section, [])
    }
    found = []
    for doc in docs:
        plan = doc["plan"]["id"]
        for section, fields in LINKS.items():
            for record in doc.get(section, []):
                for field in fields:
                    targets = record.get(field) or []
                    for target in [targets] if isinstance(targets, str) else targets:
                        if plan_of.get(target) != plan:
                            found.append((record["id"], field, target))
    return found


def misplaced_milestones(doc: Doc) -> list[str]:
    """Ids of dated milestones without a period of their plan that holds the date's year."""
    spans = {period["id"]: (period["start"], period["end"]) for period in doc.get("periods", [])}
    found = []
    for milestone in doc.get("milestones", []):
        if "date" not in milestone:
            continue
        year = int(milestone["date"][:4])
        start, end = spans.get(milestone.get("period", ""), (0, -1))
        if not start <= year <= end:
            found.append(milestone["id"])
    return found


def outline(**records: list[dict[str, Any]]) -> Doc:
    """A small 14th-plan document to show each rule catching what it should."""
    return {"plan": {"id": "p14", "kind": "five_year_plan"}, **records}


def test_open_paragraphs_need_a_note_outside_the_work_report() -> None:
    quiet = {"source": "s", "paragraph": 11, "note": "The urban brain."}
    said = {"source": "s", "paragraph": 12, "note": "The source leaves the attribution open."}
    doc = outline(goals=[{"id": "g1", "citations": [quiet]}, {"id": "g2", "citations": [said]}])
    assert unflagged_open_citations(doc) == ["g1"]
    doc["plan"]["kind"] = "annual_work_report"
    assert unflagged_open_citations(doc) == []


def test_no_seed_outside_the_work_report_cites_paragraphs_11_12_unremarked() -> None:
    assert [unflagged_open_citations(doc) for doc in documents()] == [[], [], []]


def test_links_across_plans_are_caught() -> None:
    work = {"plan": {"id": "p21"}, "goals": [{"id": "g21"}]}
    doc = outline(goals=[{"id": "g14"}], projects=[{"id": "pr", "goals": ["g14", "g21"]}])
    doc["milestones"] = [{"id": "m", "goals": ["g14"], "projects": ["pr"]}]
    assert cross_plan_links([doc, work]) == [("pr", "goals", "g21")]


def test_no_seed_links_across_plans() -> None:
    assert cross_plan_links(documents()) == []


def test_a_milestone_outside_its_period_is_caught() -> None:
    periods = [{"id": "y21", "start": 2021, "end": 2021}]
    doc = outline(
        periods=periods,
        milestones=[
            {"id": "in", "date": "2021-01-25", "period": "y21"},
            {"id": "none", "date": "2021-01-25"},
            {"id": "late", "date": "2022", "period": "y21"},
            {"id": "undated", "period": "y21"},
        ],
    )
    assert misplaced_milestones(doc) == ["none", "late"]


def test_every_dated_seed_milestone_sits_in_its_period() -> None:
    assert [misplaced_milestones(doc) for doc in documents()] == [[], [], []]
