"""What the read and export commands print: typed JSON that always parses, faithful amounts,
sources that can be shown, and one-line errors where the file system says no."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.conftest import CliRunner
from tests.helpers import MINIMAL_PLAN, write


def strict_json(text: str) -> Any:
    """Parse JSON as the standard says: NaN and Infinity are not JSON."""

    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture
def db(cli: CliRunner, tmp_path: Path) -> Path:
    text = MINIMAL_PLAN.replace(
        'status = "planned"',
        'status = "planned"\nplanned_start = "2021-03"\ntags = ["5g", "smart-city"]\n'
        'budget = {amount = 0.001, currency = "USD"}',
    ).replace('goals = ["g1"]', 'goals = ["g1", "g2"]')
    text += '\n[[goals]]\nid = "g2"\ntitle = "Goal two"\n'
    text = text.replace(
        'observations = [{value = 15, as_of = "2023"}]',
        'observations = [{value = 15, as_of = "2023", citation = {source = "s1", paragraph = 3}}]',
    )
    path = tmp_path / "plan.duckdb"
    loaded = cli("load", str(write(tmp_path / "plan.toml", text)), "--db", str(path))
    assert loaded.returncode == 0, loaded.stderr
    return path


def test_small_amounts_are_printed_as_they_are(cli: CliRunner, db: Path) -> None:
    stats = cli("stats", "--db", str(db))
    assert "USD 0.001" in stats.stdout, stats.stdout
    assert strict_json(cli("stats", "--json", "--db", str(db)).stdout)["budgets"] == {"USD": 0.001}
    shown = cli("show", "pr1", "--db", str(db)).stdout
    assert "0.001" in shown


def test_json_parses_even_when_the_numbers_do_not_fit(cli: CliRunner, db: Path) -> None:
    """A database written by another tool (or an older planscope) may hold what validation refuses."""
    con = duckdb.connect(str(db))
    con.execute("UPDATE projects SET budget_amount = 1.5e308")
    con.execute("INSERT INTO projects SELECT * REPLACE ('pr2' AS id, ord + 1 AS ord) FROM projects")
    con.execute("UPDATE indicators SET baseline = 'nan'::DOUBLE")
    con.execute("UPDATE targets SET value = 'inf'::DOUBLE")
    con.close()
    stats = cli("stats", "--json", "--db", str(db))
    assert stats.returncode == 0, stats.stderr
    assert strict_json(stats.stdout)["budgets"]["USD"] is None  # the sum overflows: no number to give
    for record in ("pr1", "i1"):
        shown = cli("show", record, "--json", "--db", str(db))
        assert shown.returncode == 0, shown.stderr
        strict_json(shown.stdout)
    assert strict_json(cli("show", "i1", "--json", "--db", str(db)).stdout)["fields"]["baseline"] is None


def test_show_json_gives_typed_values(cli: CliRunner, db: Path) -> None:
    project = strict_json(cli("show", "pr1", "--json", "--db", str(db)).stdout)
    assert project["kind"] == "project" and project["id"] == "pr1" and project["plan_id"] == "p1"
    fields = project["fields"]
    assert fields["tags"] == ["5g", "smart-city"]
    assert fields["goals"] == ["g1", "g2"]
    assert fields["budget"] == {"amount": 0.001, "currency": "USD"}
    assert fields["planned_start"] == "2021-03" and fields["status"] == "planned"
    assert fields["title"] == "Project one" and fields["actual_end"] is None
    assert project["citations"] == [
        {
            "source_id": "s1",
            "source_title": "Source",
            "paragraph": 2,
            "note": None,
            "publisher": None,
            "date": None,
        }
    ]
    indicator = strict_json(cli("show", "i1", "--json", "--db", str(db)).stdout)["fields"]
    assert indicator["baseline"] == 10 and indicator["baseline_year"] == 2020
    assert indicator["targets"] == [{"period": "p1-2025", "value": 20, "note": None}]
    assert indicator["observations"] == [
        {
            "value": 15,
            "as_of": "2023",
            "note": None,
            "citation": {"source": "s1", "paragraph": 3, "note": None},
        }
    ]
    plan = strict_json(cli("show", "p1", "--json", "--db", str(db)).stdout)["fields"]
    assert plan["start"] == 2021 and plan["horizon"] == 2035 and plan["kind"] == "five_year_plan"


def test_sources_can_be_shown(cli: CliRunner, db: Path) -> None:
    for name in ("p1:s1", "s1"):
        shown = cli("show", name, "--db", str(db))
        assert shown.returncode == 0, shown.stderr
        assert shown.stdout.startswith("source s1\n") and "Source" in shown.stdout
        assert "cited by: project pr1" in shown.stdout and "cited by: indicator i1" in shown.stdout
    data = strict_json(cli("show", "p1:s1", "--json", "--db", str(db)).stdout)
    assert data["kind"] == "source" and data["plan_id"] == "p1"
    assert data["fields"]["paragraphs"] == 5 and data["fields"]["title"] == "Source"
    missing = cli("show", "p1:nope", "--db", str(db))
    assert missing.returncode == 1 and missing.stderr == "planscope: no record has the id 'p1:nope'\n"


def test_a_source_id_shared_by_two_plans_needs_its_plan(cli: CliRunner, tmp_path: Path) -> None:
    other = MINIMAL_PLAN.replace('id = "p1"', 'id = "p2"').replace('"p1-2025"', '"p2-2025"')
    for old, new in (('"g1"', '"g9"'), ('"pr1"', '"pr9"'), ('"i1"', '"i9"'), ('"m1"', '"m9"')):
        other = other.replace(old, new)
    files = [write(tmp_path / "a.toml", MINIMAL_PLAN), write(tmp_path / "b.toml", other)]
    path = tmp_path / "two.duckdb"
    assert cli("load", *map(str, files), "--db", str(path)).returncode == 0
    both = cli("show", "s1", "--db", str(path))
    assert both.returncode == 1 and "p1:s1" in both.stderr and "p2:s1" in both.stderr
    assert cli("show", "p2:s1", "--db", str(path)).returncode == 0


@pytest.mark.parametrize("limit", ["0", "-1", "many"])
def test_search_limit_must_be_a_positive_number(cli: CliRunner, limit: str) -> None:
    result = cli("search", "x", "--limit", limit)
    assert result.returncode == 2 and "--limit" in result.stderr and result.stdout == ""


def test_export_needs_a_folder_it_can_write(cli: CliRunner, db: Path, tmp_path: Path) -> None:
    empty = cli("export", "--format", "json", "--out", "", "--db", str(db))
    assert empty.returncode == 2 and "--out" in empty.stderr
    a_file = write(tmp_path / "taken.txt", "keep me\n")
    # /proc is a folder no one may write, root included; a chmod'ed folder stops everyone else.
    places = [a_file, a_file / "below", Path("/proc"), Path("/proc/planscope-export")]
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        places += [locked, locked / "out"]
    for place in places:
        for fmt in ("json", "csv", "parquet"):
            result = cli("export", "--format", fmt, "--out", str(place), "--db", str(db))
            assert result.returncode == 1, (place, fmt, result.stderr)
            assert result.stderr.count("\n") == 1 and str(place) in result.stderr, result.stderr
            assert "internal error" not in result.stderr
    assert a_file.read_text() == "keep me\n"
