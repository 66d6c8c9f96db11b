"""Exporting what is on screen: filtered projects and search hits, as CSV or JSON."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from planscope.store.db import Database
from planscope.store.errors import InputError
from planscope.store.export.view import export_projects, export_records
from planscope.store.queries import search
from planscope.store.queries.projects import ProjectFilter
from tests.helpers import view_rows


def test_filtered_projects_in_view_order(seeded_db: Path, tmp_path: Path) -> None:
    cur = Database(seeded_db).cursor()
    f = ProjectFilter(status="done")
    path, n = export_projects(cur, f, "title", True, "csv", tmp_path)
    assert path.name == "planscope-projects.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    expected = view_rows(cur, f, sort="title", descending=True)  # the order on screen
    assert n == len(rows) == len(expected) > 0
    assert [r["id"] for r in rows] == [p.id for p in expected]
    again, _ = export_projects(cur, f, "title", True, "json", tmp_path)
    assert [r["id"] for r in json.loads(again.read_text(encoding="utf-8"))] == [p.id for p in expected]
    third, _ = export_projects(cur, f, "title", True, "csv", tmp_path)
    assert third.name == "planscope-projects-2.csv"  # never overwrites


def test_search_hits(seeded_db: Path, tmp_path: Path) -> None:
    hits = search.search(Database(seeded_db).cursor(), "5G")
    path, n = export_records(hits, "json", tmp_path, "planscope-search")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert n == len(hits) and [d["id"] for d in data] == [h.id for h in hits]
    with pytest.raises(InputError, match="no such folder"):
        export_records(hits, "csv", tmp_path / "missing", "x")
