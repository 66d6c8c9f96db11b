"""Loading is atomic, and export → load → export gives identical files."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import duckdb
import pytest

from planscope.store.build.load import load_files
from planscope.store.db import Database
from planscope.store.errors import ValidationFailed
from planscope.store.export.database import export
from planscope.store.read.models import PlanDocument
from tests.helpers import MINIMAL_PLAN, SEEDS, write


def _export(db: Path, fmt: str, out: Path) -> dict[str, bytes]:
    export(Database(db).cursor(), fmt, out)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_json_round_trip_is_byte_identical(seeded_db: Path, tmp_path: Path) -> None:
    first = _export(seeded_db, "json", tmp_path / "one")
    assert sorted(first) == ["01-tj-13fyp.json", "02-tj-14fyp.json", "03-tj-gwr-2021.json"]
    again = tmp_path / "again.duckdb"
    load_files([tmp_path / "one"], again)
    assert _export(again, "json", tmp_path / "two") == first


def test_export_carries_every_seed_fact(seeded_db: Path, tmp_path: Path) -> None:
    """Each seed file and its JSON export describe the same plan document, field for field."""
    exported = tmp_path / "out"
    _export(seeded_db, "json", exported)
    for n, seed in enumerate(sorted(SEEDS.glob("*.toml")), start=1):
        authored = PlanDocument.model_validate(tomllib.loads(seed.read_text(encoding="utf-8")))
        path = exported / f"{n:02d}-{authored.plan.id}.json"
        assert PlanDocument.model_validate(json.loads(path.read_text(encoding="utf-8"))) == authored


def test_failed_load_leaves_database_byte_for_byte(tmp_path: Path) -> None:
    db = tmp_path / "plans.duckdb"
    load_files([write(tmp_path / "good.toml", MINIMAL_PLAN)], db)
    before = db.read_bytes()
    bad = write(tmp_path / "bad.toml", MINIMAL_PLAN.replace('status = "planned"', 'status = "??"'))
    with pytest.raises(ValidationFailed):
        load_files([bad], db)
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml", "good.toml", "plans.duckdb"]


def test_load_replaces_under_an_open_reader(tmp_path: Path) -> None:
    db_path = tmp_path / "plans.duckdb"
    load_files([write(tmp_path / "a.toml", MINIMAL_PLAN)], db_path)
    reader = Database(db_path)
    assert reader.cursor().execute("SELECT title FROM projects").fetchone() == ("Project one",)
    changed = MINIMAL_PLAN.replace('title = "Project one"', 'title = "Project renamed"')
    load_files([write(tmp_path / "b.toml", changed)], db_path)
    assert reader.changed()
    assert reader.cursor().execute("SELECT title FROM projects").fetchone() == ("Project renamed",)
    assert reader.generation == 1


def test_csv_and_parquet_exports_hold_every_project(seeded_db: Path, tmp_path: Path) -> None:
    n = Database(seeded_db).cursor().execute("SELECT count(*) FROM projects").fetchone()[0]
    csv_files = _export(seeded_db, "csv", tmp_path / "csv")
    assert len(csv_files["projects.csv"].decode().strip().splitlines()) == n + 1
    _export(seeded_db, "parquet", tmp_path / "pq")
    con = duckdb.connect()
    rows = con.execute("SELECT count(*) FROM read_parquet($1)", [str(tmp_path / "pq" / "projects.parquet")])
    assert rows.fetchone() == (n,)
