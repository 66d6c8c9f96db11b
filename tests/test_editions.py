"""Editions: each load is numbered and logs, in the same file, exactly what changed since the last."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from planscope.store.build.load import load_files
from planscope.store.db import Database
from planscope.store.errors import ValidationFailed
from planscope.store.queries.changes import ChangeFilter, changes, editions, history
from planscope.store.queries.changes_view import ChangeView
from tests.edition_plans import EXPECTED, FIRST, SECOND
from tests.helpers import write


def _log(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as c:
        return c.execute("SELECT * FROM changes ORDER BY rn").fetchall()


def _editions(db: Path):
    d = Database(db)
    try:
        return d.run(editions)
    finally:
        d.close()


def _four_editions(tmp_path: Path) -> Path:
    """A database loaded from FIRST, SECOND, SECOND, FIRST: editions 2 and 4 change things, 3 does not."""
    db = tmp_path / "p.duckdb"
    for text in (FIRST, SECOND, SECOND, FIRST):
        load_files([write(tmp_path / "plan.toml", text)], db)
    return db


def test_first_load_is_edition_one_with_its_files_hashed(tmp_path: Path) -> None:
    plan = write(tmp_path / "plan.toml", FIRST)
    db = tmp_path / "p.duckdb"
    load_files([plan], db)
    [first] = _editions(db)
    assert (first.edition, first.changes, first.compared) == (1, 0, False)
    assert first.counts["projects"] == 2 and first.counts["milestones"] == 1
    assert [(f.path, f.sha256, f.bytes) for f in first.files] == [
        (str(plan.resolve()), hashlib.sha256(plan.read_bytes()).hexdigest(), plan.stat().st_size)
    ]
    assert first.loaded_at and first.loaded_at.endswith("+00:00")
    assert _log(db) == []


def test_identical_files_make_an_edition_with_no_changes(tmp_path: Path) -> None:
    plan = write(tmp_path / "plan.toml", FIRST)
    db = tmp_path / "p.duckdb"
    load_files([plan], db)
    load_files([plan], db)
    second, first = _editions(db)
    assert (second.edition, second.changes, second.compared) == (2, 0, True)
    assert second.files[0].sha256 == first.files[0].sha256
    assert _log(db) == []
    assert Database(db).meta["edition"] == "2"


def test_every_field_a_user_sees_is_logged_with_old_and_new(tmp_path: Path) -> None:
    db = tmp_path / "p.duckdb"
    load_files([write(tmp_path / "plan.toml", FIRST)], db)
    load_files([write(tmp_path / "plan.toml", SECOND)], db)
    rows = _log(db)
    assert {(r[2], r[3], r[5], r[6], r[7], r[8]) for r in rows} == EXPECTED
    assert len(rows) == len(EXPECTED)  # one row per difference, nothing else
    assert [r[0] for r in rows] == list(range(len(rows)))
    titles = {r[3]: r[4] for r in rows}
    assert titles["pr2"] == "[bold]Old[/x] project" and titles["pr3"] == "New [link=x]project"
    kinds = [r[2] for r in rows]
    assert kinds == sorted(kinds, key=["plan", "period", "goal", "project", "indicator", "milestone"].index)
    [latest, _] = _editions(db)
    assert (latest.changes, latest.added, latest.removed, latest.changed) == (len(EXPECTED), 1, 1, 4)


def test_the_same_plan_written_another_way_has_no_changes(tmp_path: Path) -> None:
    """Targets and observations moved from the plan file to CSV files are the same facts."""
    db = tmp_path / "p.duckdb"
    load_files([write(tmp_path / "one" / "plan.toml", FIRST)], db)
    inline = 'targets = [{period = "ed-2025", value = 200}]\nobservations = [{value = 120, as_of = "2021"}]\n'
    assert inline in FIRST
    write(tmp_path / "two" / "plan.toml", FIRST.replace(inline, ""))
    write(tmp_path / "two" / "targets.csv", "indicator,period,value\ni1,ed-2025,200\n")
    write(tmp_path / "two" / "observations.csv", "indicator,value,as_of\ni1,120,2021\n")
    load_files([tmp_path / "two"], db)
    assert [(e.edition, e.changes, e.compared) for e in _editions(db)] == [(2, 0, True), (1, 0, False)]


def test_a_failed_load_records_nothing(tmp_path: Path) -> None:
    db = tmp_path / "p.duckdb"
    load_files([write(tmp_path / "plan.toml", FIRST)], db)
    before = db.read_bytes()
    bad = write(tmp_path / "bad.toml", SECOND.replace('status = "delayed"', 'status = "late"'))
    with pytest.raises(ValidationFailed):
        load_files([bad], db)
    assert db.read_bytes() == before
    assert [e.edition for e in _editions(db)] == [1]


def test_the_log_is_carried_into_each_new_file_newest_first(tmp_path: Path) -> None:
    db = _four_editions(tmp_path)
    found = _editions(db)
    assert [(e.edition, e.changes) for e in found] == [(4, len(EXPECTED)), (3, 0), (2, len(EXPECTED)), (1, 0)]
    rows = _log(db)
    assert [r[0] for r in rows] == list(range(2 * len(EXPECTED)))
    assert [r[1] for r in rows] == [4] * len(EXPECTED) + [2] * len(EXPECTED)
    # Edition 4 undoes edition 2: the same changes, the other way round.
    flip = {"added": "removed", "removed": "added", "changed": "changed"}
    undone = {(k, i, flip[c], f, new, old) for _, e, k, i, _, c, f, old, new in rows if e == 2}
    assert {(k, i, c, f, old, new) for _, e, k, i, _, c, f, old, new in rows if e == 4} == undone
    d = Database(db)
    pr1 = d.run(lambda c: history(c, "pr1"))
    assert {h.edition for h in pr1} == {4, 2} and all(h.id == "pr1" for h in pr1)
    assert [h.edition for h in pr1] == sorted((h.edition for h in pr1), reverse=True)
    since = d.run(lambda c: changes(c, ChangeFilter(since=3, kind="milestone")))
    assert {(c.edition, c.field) for c in since} == {(4, "date"), (4, "goals")}


def test_a_file_from_before_editions_becomes_edition_one(tmp_path: Path) -> None:
    db = tmp_path / "p.duckdb"
    load_files([write(tmp_path / "plan.toml", FIRST)], db)
    with duckdb.connect(str(db)) as c:  # what a database built before editions looked like
        c.execute("DROP TABLE changes; DROP TABLE editions; DROP TABLE edition_files")
        c.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    load_files([write(tmp_path / "plan.toml", SECOND)], db)
    second, first = _editions(db)
    assert (first.edition, first.compared, second.edition, second.changes) == (1, False, 2, len(EXPECTED))
    assert first.files[0].path.endswith("plan.toml") and first.files[0].sha256 is None


def test_a_comparison_that_fails_costs_the_log_of_one_edition_not_the_load(tmp_path: Path) -> None:
    db = tmp_path / "p.duckdb"
    load_files([write(tmp_path / "plan.toml", FIRST)], db)
    load_files([write(tmp_path / "plan.toml", SECOND)], db)
    with duckdb.connect(str(db)) as c:  # a file whose goals lack a column the comparison reads
        c.execute("ALTER TABLE goals DROP COLUMN description")
    load_files([write(tmp_path / "plan.toml", FIRST)], db)
    third, second, _ = _editions(db)
    assert (third.edition, third.compared, third.changes, second.changes) == (3, False, 0, len(EXPECTED))
    assert "description" in Database(db).meta["edition_not_compared"]
    assert len(_log(db)) == len(EXPECTED)  # edition 2's changes are still there


def test_an_empty_file_is_simply_replaced(tmp_path: Path) -> None:
    db = write(tmp_path / "p.duckdb", "")
    load_files([write(tmp_path / "plan.toml", FIRST)], db)
    [only] = _editions(db)
    assert (only.edition, only.compared) == (1, False) and "edition_lost_history" not in Database(db).meta


def test_an_unreadable_old_file_is_replaced_and_history_starts_again(tmp_path: Path) -> None:
    db = write(tmp_path / "p.duckdb", "not a database")
    load_files([write(tmp_path / "plan.toml", FIRST)], db)
    [only] = _editions(db)
    assert (only.edition, only.compared) == (1, False)
    assert Database(db).meta["edition_lost_history"] == "1"


def test_change_view_pages_headers_and_changes_under_filters(tmp_path: Path) -> None:
    db = _four_editions(tmp_path)
    d = Database(db)
    n = len(EXPECTED)
    view = ChangeView(d.private_cursor())
    assert view.build() == 4 + 2 * n
    lines = view.rows(0, 100)
    headers = [(x.edition, x.count) for x in lines if x.header]
    assert headers == [(4, n), (3, 0), (2, n), (1, 0)]
    assert [x.edition for x in lines] == [4] * (n + 1) + [3] + [2] * (n + 1) + [1]
    assert [(x.kind, x.id, x.field) for x in view.rows(1, n)] == [
        (x.kind, x.id, x.field) for x in d.run(lambda c: changes(c, ChangeFilter(since=3)))
    ]
    assert view.rows(n + 1, 3) == lines[n + 1 : n + 4]  # a page that starts on a header
    projects = ChangeView(d.private_cursor(), ChangeFilter(kind="project", change="changed"))
    total = projects.build()
    shown = projects.rows(0, total)
    assert total == 4 + 2 * 8 and all(x.header or (x.kind, x.change) == ("project", "changed") for x in shown)
    assert projects.rows(total - 2, 10) == shown[-2:] and projects.rows(total, 10) == []
    view.close()
    projects.close()
