"""Which database file a command uses, and which files it refuses to touch.

A command must read or write exactly the file the user named, wherever on
the line ``--db`` was written, and never turn a file that is not a
planscope database into one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from tests.helpers import ROOT, write

EXAMPLE = ROOT / "examples" / "portfolio"


def default_db(home: Path) -> Path:
    return home / ".local" / "share" / "planscope" / "planscope.duckdb"


def test_db_before_the_command_is_the_file_used(cli: CliRunner, tmp_path: Path, isolated_home: Path) -> None:
    db = tmp_path / "mine.duckdb"
    loaded = cli("--db", str(db), "load", str(EXAMPLE))
    assert loaded.returncode == 0, loaded.stderr
    assert db.is_file() and str(db) in loaded.stdout
    assert not default_db(isolated_home).exists()
    for args in (("stats", "--json"), ("search", "lane", "--json"), ("show", "ex-district", "--json")):
        before = json.loads(cli("--db", str(db), *args).stdout)
        after = json.loads(cli(*args, "--db", str(db)).stdout)
        assert before == after, args
    assert json.loads(cli("--db", str(db), "stats", "--json").stdout)["counts"]["projects"] == 2
    out = tmp_path / "out"
    assert cli("--db", str(db), "export", "--format", "json", "--out", str(out)).returncode == 0
    assert [p.name for p in out.iterdir()] == ["01-ex-district.json"]
    assert not default_db(isolated_home).exists()  # nothing above touched the default database


def test_db_on_both_sides_must_agree(cli: CliRunner, tmp_path: Path) -> None:
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    clash = cli("--db", str(a), "load", str(EXAMPLE), "--db", str(b))
    assert clash.returncode == 2 and "--db" in clash.stderr and "Traceback" not in clash.stderr
    assert not a.exists() and not b.exists()
    same = cli("--db", str(a), "load", str(EXAMPLE), "--db", f"{tmp_path}/./a.duckdb")
    assert same.returncode == 0, same.stderr
    assert a.is_file() and not b.exists()


def test_theme_with_a_command_is_a_usage_error(cli: CliRunner, tmp_path: Path) -> None:
    result = cli("--theme", "ansi-dark", "stats")
    assert result.returncode == 2 and "--theme" in result.stderr and result.stdout == ""


def test_generate_honours_the_environment_and_tells_the_truth(
    cli: CliRunner, tmp_path: Path, isolated_home: Path
) -> None:
    db = tmp_path / "gen.duckdb"
    made = cli("generate", "--projects", "20", env={"PLANSCOPE_DB": str(db)})
    assert made.returncode == 0, made.stderr
    assert db.is_file() and not default_db(isolated_home).exists()
    counts = json.loads(cli("stats", "--json", "--db", str(db)).stdout)["counts"]
    assert "0 files" not in made.stdout
    assert made.stdout.startswith(f"generated {counts['plans']} plans, ")
    assert f"{counts['projects']} projects" in made.stdout and str(db) in made.stdout
    bare = cli("generate", "--projects", "20")  # no --db, no PLANSCOPE_DB: never the default database
    assert bare.returncode == 2 and not default_db(isolated_home).exists()


def test_load_refuses_to_replace_a_file_that_is_not_a_database(cli: CliRunner, tmp_path: Path) -> None:
    notes = write(tmp_path / "notes.txt", "my precious notes\n")
    refused = cli("load", str(EXAMPLE), "--db", str(notes))
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1 and str(notes) in refused.stderr and "--force" in refused.stderr
    assert notes.read_text() == "my precious notes\n"
    gen = cli("generate", "--projects", "10", "--db", str(notes))
    assert gen.returncode == 1 and notes.read_text() == "my precious notes\n"
    forced = cli("load", str(EXAMPLE), "--db", str(notes), "--force")
    assert forced.returncode == 0, forced.stderr
    again = cli("load", str(EXAMPLE), "--db", str(notes))  # now it is one, and may be replaced
    assert again.returncode == 0, again.stderr
    empty = tmp_path / "empty.duckdb"
    empty.touch()
    assert cli("load", str(EXAMPLE), "--db", str(empty)).returncode == 0  # nothing to lose


def test_a_folder_or_a_missing_folder_is_a_short_error(cli: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    for args in (("load", str(EXAMPLE)), ("generate", "--projects", "5"), ("stats",)):
        result = cli(*args, "--db", str(folder))
        assert result.returncode == 1, (args, result.stderr)
        assert result.stderr.count("\n") == 1 and str(folder) in result.stderr
        assert "internal error" not in result.stderr
    missing = tmp_path / "no" / "such" / "x.duckdb"
    for args in (("load", str(EXAMPLE)), ("stats",), ()):
        result = cli(*args, "--db", str(missing))
        assert result.returncode == 1, (args, result.stderr)
        assert result.stderr.count("\n") == 1 and str(missing.parent) in result.stderr
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("where", ["option", "env"])
def test_a_path_too_long_for_the_system_is_a_short_error(cli: CliRunner, where: str) -> None:
    path = "/tmp/" + "a" * 5000
    args, env = (("--db", path), {}) if where == "option" else ((), {"PLANSCOPE_DB": path})
    result = cli("stats", *args, env=env)
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert "internal error" not in result.stderr and len(result.stderr) < 400


def test_empty_db_is_a_usage_error(cli: CliRunner, isolated_home: Path) -> None:
    for args in (("stats", "--db", ""), ("--db", "", "stats"), ("--db", "")):
        result = cli(*args)
        assert result.returncode == 2 and "--db" in result.stderr, args
    assert not default_db(isolated_home).exists()


def test_load_seeds_alone_builds_what_the_default_database_holds(cli: CliRunner, tmp_path: Path) -> None:
    """Only the seeds alone are marked as seeds (and so rebuilt when the seeds change)."""
    import duckdb

    from planscope.store.default_db import default_is_current, seeds_hash

    def meta(db: Path) -> dict[str, str]:
        with duckdb.connect(str(db), read_only=True) as con:
            return dict(con.execute("SELECT key, value FROM meta").fetchall())

    alone, mixed = tmp_path / "alone.duckdb", tmp_path / "mixed.duckdb"
    assert cli("load", "--seeds", "--db", str(alone)).returncode == 0
    assert cli("load", "--seeds", str(EXAMPLE), "--db", str(mixed)).returncode == 0
    assert meta(alone)["origin"] == "seeds" and meta(alone)["seeds_hash"] == seeds_hash()
    assert meta(mixed)["origin"] == "files" and "seeds_hash" not in meta(mixed)
    assert default_is_current(alone) and default_is_current(mixed)
