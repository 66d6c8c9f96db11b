"""Property tests: any valid plan document, hostile text included, survives validate, load and export.

Titles and descriptions are drawn from all of Unicode (bar lone surrogates,
which UTF-8 cannot hold) with markup, escape sequences, control characters,
right-to-left and CJK text mixed in on purpose.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planscope.store.build.load import load_files, validate_files
from planscope.store.db import Database
from planscope.store.export.database import export
from planscope.store.read.models import LIMITS, PlanDocument

HOSTILE = [
    "[/x]",
    "[bold]",
    "[link=https://e.invalid]x[/link]",
    "\x1b]0;title\x07",
    "\x1b[31m",
    "\x9b2J",
    "\x1b]52;c;aGk=\x07",
    "\x07",
    "\r",
    "\x00",
    "\u202eevil",
    "天津滨海新区",
    "שלום",
    "%",
    "_",
    "'",
    '"',
    "\\",
    "x" * 5000,
]
text = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40),
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=4).map("".join),
)
# Within the limits of store.fields: titles and tags hold some text, and none is too long.
title = text.filter(lambda s: len(s) <= LIMITS.title and bool(s.strip()))
name = text.filter(lambda s: len(s) <= LIMITS.name)
tag = text.filter(lambda s: len(s) <= LIMITS.tag and bool(s.strip()))
maybe = lambda s: st.none() | s  # noqa: E731
ids = st.from_regex(r"[a-z][a-z0-9_.:-]{0,12}", fullmatch=True)
years = st.integers(1990, 2040)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A plan document whose references all resolve, built from drawn pieces."""
    names = draw(st.lists(ids, min_size=8, max_size=16, unique=True))
    plan_id, source_id, period_id, *rest = names
    start = draw(years)
    end = draw(st.integers(start, start + 10))
    goal_ids = rest[: max(1, len(rest) // 3)]
    project_ids = rest[len(goal_ids) : len(goal_ids) + 3]
    other = rest[len(goal_ids) + len(project_ids) :]
    cite = st.fixed_dictionaries(
        {"source": st.just(source_id), "paragraph": st.integers(1, 9)}, optional={"note": text}
    )
    goals = []
    for i, gid in enumerate(goal_ids):
        goal = {"id": gid, "title": draw(title), "citations": draw(st.lists(cite, max_size=2))}
        if i and draw(st.booleans()):
            goal["parent"] = goal_ids[draw(st.integers(0, i - 1))]
        for key, value in (
            ("area", draw(maybe(name))),
            ("description", draw(maybe(text))),
            ("status", draw(maybe(st.sampled_from(["planned", "done", "delayed"])))),
            ("progress", draw(maybe(st.floats(0, 1)))),
        ):
            if value is not None:
                goal[key] = value
        goals.append(goal)
    projects = [
        {
            "id": pid,
            "title": draw(title),
            "goals": draw(st.lists(st.sampled_from(goal_ids), min_size=1, max_size=2, unique=True)),
            "tags": draw(st.lists(tag, max_size=3)),
            "description": draw(text),
            "budget": {"amount": draw(st.floats(0, LIMITS.amount, exclude_max=True)), "currency": "CNY"},
        }
        for pid in project_ids
    ]
    indicators = [
        {
            "id": iid,
            "title": draw(title),
            "baseline": draw(st.floats(-1e9, 1e9)),
            "unit": draw(name),
            "targets": [{"period": period_id, "value": draw(st.floats(-1e9, 1e9))}],
            "observations": [
                {"value": draw(st.floats(-1e9, 1e9)), "as_of": f"{start}-01", "note": draw(text)}
            ],
        }
        for iid in other[:2]
    ]
    milestones = [
        {"id": mid, "title": draw(title), "date": f"{end}-12-31", "projects": project_ids[:1]}
        for mid in other[2:4]
    ]
    return {
        "format": "planscope/1",
        "plan": {
            "id": plan_id,
            "title": draw(title),
            "kind": "other",
            "start": start,
            "end": end,
            "summary": draw(text),
        },
        "sources": [{"id": source_id, "title": draw(title), "note": draw(text)}],
        "periods": [{"id": period_id, "label": draw(title), "start": start, "end": end}],
        "goals": goals,
        "projects": projects,
        "indicators": indicators,
        "milestones": milestones,
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents())
def test_documents_round_trip_exactly(doc: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        source = root / "in" / "plan.json"
        source.parent.mkdir()
        source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        assert validate_files([source]).counts["project"] == len(doc["projects"])
        load_files([source], root / "a.duckdb")
        export(Database(root / "a.duckdb").cursor(), "json", root / "out1")
        exported = root / "out1" / f"01-{doc['plan']['id']}.json"
        assert PlanDocument.model_validate_json(exported.read_bytes()) == PlanDocument.model_validate(doc)
        load_files([root / "out1"], root / "b.duckdb")
        export(Database(root / "b.duckdb").cursor(), "json", root / "out2")
        assert (root / "out2" / exported.name).read_bytes() == exported.read_bytes()
