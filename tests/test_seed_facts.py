"""Facts the default Tianjin seed data must keep, checked in the built database.

The seeds are the data every user sees first, so they are held to their one
source, the Chinanews report on Tianjin's 2021 Government Work Report: key
figures must be there and cite the right paragraph, every paragraph of
substance must be used, every record must cite it, and each statement sits in
the plan the report gives it to.  The checks that read the report itself (no
copied wording, no figure beyond the cited paragraph) are in test_seeds_source.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from planscope.store.default_db import load_seeds

SEEDS = Path(__file__).parents[1] / "seeds"
README = SEEDS.parent / "README.md"
RECORD_TABLES = ("plans", "periods", "goals", "projects", "indicators", "milestones")


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    path = tmp_path_factory.mktemp("seeds") / "db.duckdb"
    load_seeds(path)  # as the default database is built, citation rule included
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()


def one(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> object:
    row = con.execute(sql, list(params)).fetchone()
    assert row is not None, sql
    return row[0]


def test_counts(con: duckdb.DuckDBPyConnection) -> None:
    minimum = {"plans": 3, "goals": 6, "projects": 8, "indicators": 4, "milestones": 4}
    for table, least in minimum.items():
        assert one(con, f"SELECT count(*) FROM {table}") >= least, table


def test_readme_counts_the_bundled_records(con: duckdb.DuckDBPyConnection) -> None:
    intro = " ".join(README.read_text(encoding="utf-8").split("## ", 1)[0].split())
    match = re.search(
        r"That is (\d+) plans, (\d+) goals, (\d+) projects, (\d+) indicators and (\d+) milestones", intro
    )
    assert match, "the README's introduction counts the bundled records"
    tables = ("plans", "goals", "projects", "indicators", "milestones")
    assert [int(n) for n in match.groups()] == [one(con, f"SELECT count(*) FROM {t}") for t in tables]


def test_plans(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "SELECT kind, start_year, end_year, horizon_year, parent_id FROM plans ORDER BY start_year, kind"
    ).fetchall()
    assert ("five_year_plan", 2016, 2020, None, None) in rows
    assert ("five_year_plan", 2021, 2025, 2035, None) in rows
    fyp14 = one(con, "SELECT id FROM plans WHERE kind = 'five_year_plan' AND start_year = 2021")
    assert ("annual_work_report", 2021, 2021, None, fyp14) in rows


def test_5g_base_stations(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("SELECT as_of, cite_paragraph FROM observations WHERE value = 33000").fetchall()
    assert rows == [("2021-01-25", 2)]


def test_named_projects(con: duckdb.DuckDBPyConnection) -> None:
    fund = con.execute(
        "SELECT title FROM projects WHERE budget_amount = 10000000000 AND budget_currency = 'CNY'"
    ).fetchall()
    assert len(fund) == 1 and "smart manufacturing" in fund[0][0].lower()
    assert one(con, "SELECT count(*) FROM projects WHERE title LIKE '%Sino-Singapore Tianjin Eco-city%'") == 1
    assert one(con, "SELECT count(*) FROM projects WHERE lower(title) LIKE '%smart port%'") == 1
    assert one(con, "SELECT count(*) FROM search_items WHERE text_lc LIKE '%eco-city%'") >= 1


def test_session_milestones(con: duckdb.DuckDBPyConnection) -> None:
    titles = [t for (t,) in con.execute("SELECT title FROM milestones WHERE date = '2021-01-25'").fetchall()]
    assert any("Tianjin Auditorium" in t for t in titles)
    assert any("Liao Guoxun" in t for t in titles)


def test_indicator_figures(con: duckdb.DuckDBPyConnection) -> None:
    rows = set(
        con.execute(
            "SELECT i.direction, o.value, o.cite_paragraph FROM observations o "
            "JOIN indicators i ON i.id = o.indicator_id"
        ).fetchall()
    )
    assert {("increase", 10.0, 7), ("decrease", 3.0, 8), ("increase", 100.0, 8)} <= rows


def test_source(con: duckdb.DuckDBPyConnection) -> None:
    rows = set(con.execute("SELECT publisher, date, author, paragraphs FROM sources").fetchall())
    assert rows == {("Chinanews", "2021-01-26", "Zhang Daozheng", 13)}
    assert one(con, "SELECT bool_and(note LIKE '%Tong Yu%') FROM sources")


def test_every_paragraph_is_cited(con: duckdb.DuckDBPyConnection) -> None:
    cited = {
        p
        for (p,) in con.execute(
            "SELECT paragraph FROM citations UNION SELECT cite_paragraph FROM observations"
        ).fetchall()
    }
    assert set(range(1, 14)) - {4} <= cited
    assert max(cited) <= 13


def test_every_record_has_a_citation(con: duckdb.DuckDBPyConnection) -> None:
    kinds = dict(
        zip(RECORD_TABLES, ("plan", "period", "goal", "project", "indicator", "milestone"), strict=True)
    )
    for table, kind in kinds.items():
        bare = con.execute(
            f"SELECT id FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM citations c "
            "WHERE c.record_id = t.id AND c.record_kind = ? AND c.note IS NOT NULL)",
            [kind],
        ).fetchall()
        assert bare == [], (table, bare)


def test_the_14th_plan_is_a_draft_outline(con: duckdb.DuckDBPyConnection) -> None:
    row = con.execute("SELECT title, summary FROM plans WHERE id = 'tj-14fyp'").fetchone()
    assert row is not None
    title, summary = row
    assert "Draft Outline" in title and summary.startswith("The draft outline")
    for word in ("urban brain", "governance", "smart cit"):  # paragraphs 11-12 are not the outline's
        assert word not in summary.lower()


def test_paragraphs_11_and_12_are_the_work_reports(con: duckdb.DuckDBPyConnection) -> None:
    kinds = ("period", "goal", "project", "indicator", "milestone")
    records = " UNION ALL ".join(
        f"SELECT '{kind}' AS kind, id, plan_id FROM {table}"
        for kind, table in zip(kinds, RECORD_TABLES[1:], strict=True)
    )
    rows = con.execute(
        "SELECT DISTINCT v.plan_id FROM citations c "
        f"JOIN (SELECT 'plan' AS kind, id, id AS plan_id FROM plans UNION ALL {records}) v "
        "ON v.kind = c.record_kind AND v.id = c.record_id WHERE c.paragraph IN (11, 12)"
    ).fetchall()
    assert rows == [("tj-gwr-2021",)]
    moved = [f"tj21-proj-{name}" for name in ("urban-brain", "eco-city-benchmark", "5g-full-domain-zone")]
    found = con.execute("SELECT plan_id FROM projects WHERE list_contains(?, id)", [moved]).fetchall()
    assert found == [("tj-gwr-2021",)] * len(moved)


def test_the_13th_plan_cites_what_its_summary_uses(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("SELECT paragraph FROM citations WHERE record_id = 'tj-13fyp'").fetchall()
    cited = {paragraph for (paragraph,) in rows}
    assert {5, 6, 7, 8} <= cited


def test_the_2035_horizon_links_nothing(con: duckdb.DuckDBPyConnection) -> None:
    assert one(con, "SELECT count(*) FROM milestones WHERE date = '2035'") == 1
    links = con.execute(
        "SELECT l.target_id FROM milestone_links l JOIN milestones m ON m.id = l.milestone_id "
        "WHERE m.date = '2035'"
    ).fetchall()
    assert links == []


def test_words_the_source_does_not_have(con: duckdb.DuckDBPyConnection) -> None:
    text = " ".join(t for (t,) in con.execute("SELECT text_lc FROM search_items").fetchall())
    assert "complete terminals" in text and "complete machines" not in text
    assert "third" in text and "provinces" not in text
