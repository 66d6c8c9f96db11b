"""CSV input: the example portfolio loads, and each bad-input class has its exact message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planscope.store.build.load import load_files, validate_files
from planscope.store.db import Database
from planscope.store.errors import ValidationFailed
from planscope.store.export.database import export
from tests.helpers import ROOT, write

EXAMPLE = ROOT / "examples" / "portfolio"
HEADER = "plan,id,title,goals,status,planned_start,planned_end,budget_amount,budget_currency,citations\n"


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    """A private copy of the example, to break one file at a time."""
    return Path(shutil.copytree(EXAMPLE, tmp_path / "portfolio"))


def problems(*paths: Path, base: Path) -> list[str]:
    with pytest.raises(ValidationFailed) as caught:
        validate_files(list(paths))
    return [line.replace(f"{base}/", "") for line in caught.value.lines()]


def test_example_portfolio_loads_and_round_trips_through_json(tmp_path: Path) -> None:
    db = tmp_path / "ex.duckdb"
    summary = load_files([EXAMPLE], db)
    assert (summary.counts["project"], summary.counts["goal"], summary.counts["indicator"]) == (2, 3, 1)
    cur = Database(db).cursor()
    assert cur.execute("SELECT title, budget_amount FROM projects WHERE id = 'ex-p-lane-1'").fetchone() == (
        "Bus lane on Main Street",
        1_200_000.0,
    )
    assert cur.execute("SELECT count(*) FROM targets").fetchone() == (1,)
    export(cur, "json", tmp_path / "one")
    load_files([tmp_path / "one"], tmp_path / "two.duckdb")
    export(Database(tmp_path / "two.duckdb").cursor(), "json", tmp_path / "two")
    assert (tmp_path / "one" / "01-ex-district.json").read_bytes() == (
        tmp_path / "two" / "01-ex-district.json"
    ).read_bytes()


def test_csv_export_loads_back_the_same_records(seeded_db: Path, tmp_path: Path) -> None:
    export(Database(seeded_db).cursor(), "csv", tmp_path / "csv")
    load_files([tmp_path / "csv"], tmp_path / "again.duckdb")
    export(Database(tmp_path / "again.duckdb").cursor(), "csv", tmp_path / "csv2")
    for path in sorted((tmp_path / "csv").iterdir()):
        assert path.read_bytes() == (tmp_path / "csv2" / path.name).read_bytes(), path.name


def test_row_errors_point_at_their_lines(portfolio: Path) -> None:
    """A quoted cell spanning two lines still gives the row's first line."""
    write(
        portfolio / "projects-more.csv",
        HEADER
        + "ex-district,ex-p1,One,ex-g-bus,done,2024,2025,abc,EUR,minutes#4\n"
        + 'ex-district,ex-p2,"Two\nlines",ex-g-bus,finished,2024,2023,,,minutes\n'
        + "ex-district,ex-p3,Three,ex-g-bus,,2024,2025,5,euro,\n",
    )
    assert problems(portfolio, base=portfolio) == [
        "projects-more.csv:2: project 'ex-p1', field budget.amount: got str 'abc'; expected a number",
        "projects-more.csv:3: project 'ex-p2', field citations[0].paragraph: missing; this field is required",
        "projects-more.csv:3: project 'ex-p2', field status: got 'finished'; expected one of 'planned', "
        "'in_progress', 'done', 'delayed' or 'cancelled'",
        "projects-more.csv:3: project 'ex-p2', field planned_end: planned end 2023 is before its start 2024",
        "projects-more.csv:5: project 'ex-p3', field budget.currency: got 'euro'; expected a three-letter "
        "currency code such as CNY",
    ]


def test_each_row_problem_has_exact_text(portfolio: Path) -> None:
    write(portfolio / "projects-more.csv", HEADER + "ex-district,ex-p9,Nine,ex-g-nope,,2024,2025,,,\n")
    assert problems(portfolio, base=portfolio) == [
        "projects-more.csv:2: project 'ex-p9', field goals[0]: goal 'ex-g-nope' does not exist"
    ]


def test_header_problems(portfolio: Path) -> None:
    write(portfolio / "projects-more.csv", "plan,id,name,goals,colour\nx,y,z,w,v\n")
    expected = (
        "unknown column; expected some of plan, id, title, goals, description, owner, location, "
        "status, planned_start, planned_end, actual_start, actual_end, budget_amount, budget_currency, "
        "tags, citations"
    )
    assert problems(portfolio, base=portfolio) == [
        f"projects-more.csv:1: field name: {expected}",
        f"projects-more.csv:1: field colour: {expected}",
        "projects-more.csv:1: field title: required column is missing",
    ]


def test_truncated_empty_unnamed_and_non_utf8_files(tmp_path: Path) -> None:
    cut = write(tmp_path / "projects.csv", HEADER + 'p,x,"unclosed title,g\n')
    empty = write(tmp_path / "goals.csv", "")
    unnamed = write(tmp_path / "data.csv", "a,b\n1,2\n")
    latin = tmp_path / "milestones.csv"
    latin.write_bytes(b"plan,id,title,date\np,m,Caf\xe9,2024\n")
    assert problems(cut, empty, unnamed, latin, base=tmp_path) == [
        "projects.csv:2: project at row 1: row has 3 cells but the header has 10; is a quote unclosed or "
        "the file cut short?",
        "goals.csv: file is empty; expected a header row with columns plan, id, parent, title, area, "
        "description, status, progress, citations",
        "data.csv: cannot tell which records this CSV holds from its name; name it one of plans.csv, "
        "sources.csv, periods.csv, goals.csv, projects.csv, indicators.csv, targets.csv, observations.csv, "
        "milestones.csv (or add a suffix, as in projects-north.csv)",
        "milestones.csv:2: not UTF-8 text; save the file as UTF-8 (CSV UTF-8 in spreadsheets)",
    ]


def test_targets_of_missing_indicators_and_foreign_periods(portfolio: Path) -> None:
    write(
        portfolio / "targets.csv",
        "indicator,period,value,note\nex-i-bus-km,ex-2024-2026,6,\nex-i-gone,ex-2024-2026,1,\n",
    )
    assert problems(portfolio, base=portfolio) == [
        "targets.csv:3: target 'ex-i-gone', field indicator: indicator 'ex-i-gone' does not exist"
    ]


def test_duplicate_between_csv_and_toml_and_undefined_plan(portfolio: Path) -> None:
    write(
        portfolio / "projects-extra.csv",
        HEADER + "ex-district,ex-g-bus,Clash,ex-g-bus,,,,,,\nno-plan,ex-p8,Orphan,ex-g-bus,,,,,,\n",
    )
    assert problems(portfolio, base=portfolio) == [
        "projects-extra.csv:2: project 'ex-g-bus', field id: "
        "duplicate id; already used by the goal at goals.csv:3",
        "projects-extra.csv:3: project 'ex-p8', field plan: "
        "plan 'no-plan' is not defined in any file being loaded",
    ]


def test_large_csv_streams_with_rising_progress(tmp_path: Path) -> None:
    plan = write(
        tmp_path / "plan.toml",
        '[plan]\nid = "b"\ntitle = "B"\nstart = 2021\nend = 2025\n\n[[goals]]\nid = "g"\ntitle = "G"\n',
    )
    rows = "".join(f"b,p{i},Project {i},g,planned,2021,2022,{i},CNY,\n" for i in range(20_000))
    big = write(tmp_path / "projects.csv", HEADER + rows)
    seen: list[int] = []
    summary = load_files(
        [plan, big], tmp_path / "b.duckdb", progress=lambda done, total, _: seen.append(done)
    )
    assert summary.counts["project"] == 20_000
    assert len(seen) >= 5 and seen == sorted(seen)
    assert seen[-1] == plan.stat().st_size + big.stat().st_size


def test_semicolon_and_tab_separated_files_from_spreadsheets(tmp_path: Path) -> None:
    plan = write(
        tmp_path / "plan.toml",
        '[plan]\nid = "b"\ntitle = "B"\nstart = 2021\nend = 2025\n\n[[goals]]\nid = "g"\ntitle = "G"\n',
    )
    semi = tmp_path / "projects-semi.csv"
    semi.write_bytes('\ufeffplan;id;title;goals;tags\r\nb;p1;Café, north;g;"a; b"\r\n'.encode())
    tabbed = write(tmp_path / "projects-tab.csv", "plan\tid\ttitle\tgoals\nb\tp2\tTabbed\tg\n")
    db = tmp_path / "s.duckdb"
    assert load_files([plan, semi, tabbed], db).counts["project"] == 2
    rows = Database(db).cursor().execute("SELECT id, title, tags FROM projects ORDER BY id").fetchall()
    assert rows == [("p1", "Café, north", ["a", "b"]), ("p2", "Tabbed", [])]
