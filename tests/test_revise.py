"""``generate --revise``: the next edition of a synthetic set, valid and with the share asked for."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from planscope.store.build.load import load_files
from planscope.store.db import Database
from planscope.store.export.database import export
from planscope.store.queries.changes import ChangeFilter, changes, editions
from planscope.store.synthetic.generate import generate
from planscope.store.synthetic.revise import revise

N = 1500


def _log(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as c:
        return c.execute("SELECT * EXCLUDE (rn) FROM changes ORDER BY rn").fetchall()


def test_revise_changes_about_the_share_asked_and_loads_back(tmp_path: Path) -> None:
    db = tmp_path / "gen.duckdb"
    generate(db, N, seed=4)
    twin = tmp_path / "twin.duckdb"
    shutil.copy(db, twin)
    revise(db, 4, seed=4)
    revise(twin, 4, seed=4)
    assert _log(db) == _log(twin)  # the same arguments give the same revision
    d = Database(db)
    latest = d.run(editions)[0]
    assert latest.edition == 2 and latest.compared
    project_ids = {c.id for c in d.run(lambda c: changes(c, ChangeFilter(kind="project")))}
    assert 0.02 * N < len(project_ids) < 0.08 * N
    kinds = {c.kind for c in d.run(lambda c: changes(c, ChangeFilter()))}
    assert kinds == {"goal", "project", "indicator", "milestone"}
    fields = {c.field for c in d.run(lambda c: changes(c, ChangeFilter(kind="project")))}
    assert {None, "status", "planned_end", "budget"} <= fields
    out = tmp_path / "out"
    d.run(lambda c: export(c, "json", out))
    loaded = load_files([out], tmp_path / "back.duckdb")  # raises ValidationFailed on any bad record
    assert loaded.counts["project"] == latest.counts["projects"]


def test_a_second_revision_picks_other_records(tmp_path: Path) -> None:
    db = tmp_path / "gen.duckdb"
    generate(db, N, seed=4)
    revise(db, 3)
    revise(db, 3)
    d = Database(db)
    by_edition: dict[int, set[str]] = {2: set(), 3: set()}
    for c in d.run(lambda c: changes(c, ChangeFilter(kind="project", change="changed"))):
        by_edition[c.edition].add(c.id)
    assert by_edition[2] and by_edition[3] and len(by_edition[2] & by_edition[3]) < len(by_edition[3]) / 2
