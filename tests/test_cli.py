"""The real ``planscope`` command in a subprocess, as a script or a person would run it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import CliRunner
from tests.helpers import MINIMAL_PLAN, write


def test_default_database_is_built_from_seeds_once(cli: CliRunner, isolated_home: Path) -> None:
    first = cli("stats", "--json")
    assert first.returncode == 0, first.stderr
    counts = json.loads(first.stdout)["counts"]
    assert {
        k: counts[k] >= 1 for k in ("plans", "goals", "projects", "indicators", "milestones")
    } == dict.fromkeys(("plans", "goals", "projects", "indicators", "milestones"), True)
    db = isolated_home / ".local" / "share" / "planscope" / "planscope.duckdb"
    stamp = db.stat().st_mtime_ns
    assert cli("stats").returncode == 0
    assert db.stat().st_mtime_ns == stamp  # seeds unchanged: no rebuild


def test_search_json_is_an_array_of_hits(cli: CliRunner) -> None:
    result = cli("search", "eco-city", "--json", "--limit", "5")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert isinstance(hits, list) and 0 < len(hits) <= 5
    assert {"kind", "id", "title"} <= set(hits[0]) and "Eco-city" in hits[0]["title"]
    only = json.loads(cli("search", "5G", "--kind", "indicator", "--json").stdout)
    assert only and {h["kind"] for h in only} == {"indicator"}


def test_show_prints_links_and_citations(cli: CliRunner) -> None:
    text = cli("show", "tj21-proj-eco-city-benchmark")
    assert text.returncode == 0
    assert "serves: goal" in text.stdout and "paragraph 12" in text.stdout
    data = json.loads(cli("show", "tj21-proj-eco-city-benchmark", "--json").stdout)
    assert data["kind"] == "project" and data["citations"][0]["paragraph"] == 12


def test_errors_are_short_lines_with_nonzero_exit(cli: CliRunner, tmp_path: Path) -> None:
    missing = cli("show", "nope")
    assert missing.returncode == 1 and missing.stderr == "planscope: no record has the id 'nope'\n"
    for args in (("stats",), ()):  # a read command, and the app itself
        nodb = cli(*args, "--db", str(tmp_path / "none.duckdb"))
        assert nodb.returncode == 1 and "no database here" in nodb.stderr and "Traceback" not in nodb.stderr
    junk = write(tmp_path / "junk.duckdb", "not a database")
    bad = cli("stats", "--db", str(junk))
    assert bad.returncode == 1 and len(bad.stderr.splitlines()) == 1 and "Traceback" not in bad.stderr
    usage = cli("search")
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


def test_load_validate_and_env_selected_database(cli: CliRunner, tmp_path: Path) -> None:
    plan = write(tmp_path / "plan.toml", MINIMAL_PLAN)
    db = tmp_path / "mine.duckdb"
    loaded = cli("load", str(plan), "--db", str(db))
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.startswith("loaded 1 file: 1 plan, 1 period, 1 goal, 1 project")
    stats = json.loads(cli("stats", "--json", env={"PLANSCOPE_DB": str(db)}).stdout)
    assert stats["counts"]["projects"] == 1
    assert cli("validate", str(plan)).stdout.startswith("ok: 1 file")
    broken = write(
        tmp_path / "broken.toml",
        MINIMAL_PLAN.replace("start = 2021\nend = 2025\nhorizon", "start = 2030\nend = 2025\nhorizon"),
    )
    before = db.read_bytes()
    refused = cli("load", str(broken), "--db", str(db))
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[0].endswith(
        "broken.toml:1: plan 'p1', field end: end 2025 is before start 2030"
    )
    assert db.read_bytes() == before
    checked = cli("validate", str(broken), "--json")
    assert checked.returncode == 1 and json.loads(checked.stdout)["problems"][0]["field"] == "end"


def test_export_then_load_round_trips_through_the_cli(cli: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli("export", "--format", "json", "--out", str(out)).returncode == 0
    db = tmp_path / "copy.duckdb"
    assert cli("load", str(out), "--db", str(db)).returncode == 0
    again = tmp_path / "again"
    assert cli("export", "--format", "json", "--out", str(again), "--db", str(db)).returncode == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {
        p.name: p.read_bytes() for p in again.iterdir()
    }


def test_control_characters_never_reach_the_terminal(cli: CliRunner, tmp_path: Path) -> None:
    evil = MINIMAL_PLAN.replace(
        'title = "Project one"', 'title = "x\\u001b]0;pwned\\u0007 \\u009b2J [bold]y"'
    )
    db = tmp_path / "evil.duckdb"
    assert cli("load", str(write(tmp_path / "e.toml", evil)), "--db", str(db)).returncode == 0
    for args in (
        ("show", "pr1"),
        ("search", "pwned"),
        ("search", "pwned", "--json"),
        ("show", "pr1", "--json"),
    ):
        out = cli(*args, "--db", str(db)).stdout
        assert "pwned" in out and "[bold]y" in out
        assert not any(ch in out for ch in ("\x1b", "\x07", "\x9b")), args
