"""Facts the default Tianjin seed data must keep, checked in the built database.

The seeds are the data every user sees first, so they are held to their one
source, the Chinanews report on Tianjin's 2021 Government Work Report: key
figures must be there and cite the right paragraph, every paragraph of
substance must be used, every record must cite it, and no text may copy the
report's wording (the seeds restate it, which keeps them ours to ship).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from store.build import load_files

SEEDS = Path(__file__).parents[1] / "seeds"
SOURCE = Path("/work/shared/sources/tianjin-2021-government-work-report.txt")
RECORD_TABLES = ("plans", "periods", "goals", "projects", "indicators", "milestones")
TEXT_TABLES = (*RECORD_TABLES, "sources", "targets", "observations", "citations")
COPY_RUN = 8  # this many consecutive source words in a field counts as copying


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    path = tmp_path_factory.mktemp("seeds") / "db.duckdb"
    load_files([SEEDS], path, require_citations=True)
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


def words(text: str) -> list[str]:
    """Lower-case word sequence; punctuation and hyphens split words (the stricter reading)."""
    return re.findall(r"[a-z0-9]+", text.lower())


def runs(seq: list[str], n: int = COPY_RUN) -> set[tuple[str, ...]]:
    return {tuple(seq[i : i + n]) for i in range(len(seq) - n + 1)}


def test_no_sentence_is_copied(con: duckdb.DuckDBPyConnection) -> None:
    if not SOURCE.is_file():
        pytest.skip(f"source text not present at {SOURCE}")
    source_runs = runs(words(SOURCE.read_text(encoding="utf-8")))
    columns = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE data_type = 'VARCHAR' OR data_type = 'VARCHAR[]'"
    ).fetchall()
    copied = []
    for table, column in columns:
        if table not in TEXT_TABLES:
            continue
        for (value,) in con.execute(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL").fetchall():
            text = " ".join(value) if isinstance(value, list) else value
            if runs(words(text)) & source_runs:
                copied.append((table, column, text))
    assert copied == []
