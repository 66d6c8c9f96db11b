"""The synthetic plan generator: shape, determinism, and data a real load would accept.

Generated data skip the cross-record checks of a load, so these tests prove
every rule those checks enforce, in SQL over a real generated file, and then
prove it once more the strong way: a JSON export of a generated database
loads back through ``load_files`` with no problem and the same content.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from planscope.store.build.load import load_files
from planscope.store.build.schema import TABLES
from planscope.store.db import Database
from planscope.store.errors import InputError
from planscope.store.export.database import export
from planscope.store.queries.overview import stats
from planscope.store.queries.projects import ProjectFilter, ProjectView
from planscope.store.queries.search import search
from planscope.store.read.dates import parse_bounds
from planscope.store.synthetic.generate import MAX_PROJECTS, generate
from planscope.store.synthetic.shape import Shape
from planscope.store.vocab import STATUSES
from tests.conftest import CliRunner
from tests.generated import BASE_TABLES, CJK, SEED, N, fingerprint, rows, scalar

# --- shape ------------------------------------------------------------------------------------------


def test_counts_follow_the_shape_of_issue_4(tmp_path: Path) -> None:
    summary = generate(tmp_path / "g.duckdb", N, seed=SEED)
    shape = Shape.of(N)
    assert summary.files == 0
    assert summary.counts["project"] == N
    assert summary.counts["goal"] == N // 10
    assert summary.counts["indicator"] == N // 5
    assert summary.counts["milestone"] == 2 * N
    assert summary.counts["plan"] == shape.plans >= 10
    assert summary.counts["period"] > summary.counts["plan"]
    assert summary.counts["source"] == 3 * shape.plans
    assert summary.seconds > 0
    assert f"{N} projects" in summary.line()


def test_meta_says_where_the_data_came_from(con: duckdb.DuckDBPyConnection) -> None:
    meta = dict(rows(con, "SELECT key, value FROM meta"))
    assert meta["origin"] == "generated"
    assert meta["seed"] == str(SEED)
    assert meta["projects"] == str(N)
    assert meta["schema_version"]


def test_plans_cover_regions_fyps_and_work_reports(con: duckdb.DuckDBPyConnection) -> None:
    kinds = dict(rows(con, "SELECT kind, count(*) FROM plans GROUP BY 1"))
    assert kinds["five_year_plan"] > 0 and kinds["annual_work_report"] > 0
    assert scalar(con, "SELECT count(DISTINCT issuer) FROM plans") >= 2
    # Work reports hang under their region's 14th Five-Year Plan.
    assert not rows(
        con,
        "SELECT p.id FROM plans p LEFT JOIN plans q ON q.id = p.parent_id "
        "WHERE p.kind = 'annual_work_report' AND (q.id IS NULL OR q.start_year > p.start_year)",
    )


def test_goals_form_trees_with_areas(con: duckdb.DuckDBPyConnection) -> None:
    roots = scalar(con, "SELECT count(*) FROM goals WHERE parent_id IS NULL")
    assert 0 < roots < N // 10
    assert scalar(con, "SELECT count(*) FROM goals WHERE area IS NULL") == 0
    assert scalar(con, "SELECT count(DISTINCT area) FROM goals") >= 8
    # A child's area is its root's, and some trees are deeper than one level.
    assert not rows(con, "SELECT c.id FROM goals c JOIN goals p ON p.id = c.parent_id WHERE c.area <> p.area")
    assert scalar(
        con, "SELECT count(*) FROM goals c JOIN goals p ON p.id = c.parent_id WHERE p.parent_id IS NOT NULL"
    )
    # Progress rolls up to roots that give none of their own.
    assert scalar(
        con,
        "SELECT count(*) FROM goals g JOIN goal_rollup r ON r.goal_id = g.id "
        "WHERE g.progress IS NULL AND r.progress IS NOT NULL",
    )


def test_indicators_have_targets_and_observations(con: duckdb.DuckDBPyConnection) -> None:
    assert scalar(con, "SELECT count(DISTINCT indicator_id) FROM targets") == N // 5
    assert scalar(con, "SELECT count(DISTINCT indicator_id) FROM observations") > N // 10
    assert set(s for (s,) in rows(con, "SELECT DISTINCT direction FROM indicators")) >= {
        "increase",
        "decrease",
    }
    assert {a for (a,) in rows(con, "SELECT DISTINCT attribute FROM indicators")} == {
        "binding",
        "anticipatory",
        None,
    }


def test_milestones_link_goals_and_projects(con: duckdb.DuckDBPyConnection) -> None:
    kinds = dict(rows(con, "SELECT target_kind, count(*) FROM milestone_links GROUP BY 1"))
    assert kinds["project"] > N and kinds["goal"] > N // 10
    assert scalar(con, "SELECT count(*) FROM milestones WHERE date IS NULL AND period_id IS NULL") == 0
    assert scalar(con, "SELECT count(*) FROM milestones WHERE date IS NULL") > 0


# --- field values -----------------------------------------------------------------------------------


def test_statuses_cover_every_key_and_unknown(con: duckdb.DuckDBPyConnection) -> None:
    for table in ("projects", "goals"):
        found = {s for (s,) in rows(con, f"SELECT DISTINCT status FROM {table}")}
        assert found == {*STATUSES, None}, table


def test_dates_are_partial_dates_in_order(con: duckdb.DuckDBPyConnection) -> None:
    spans = rows(con, "SELECT planned_start, planned_end, actual_start, actual_end FROM projects")
    assert any(s and len(s) == 7 for s, *_ in spans) and any(s and len(s) == 4 for s, *_ in spans)
    for planned_start, planned_end, actual_start, actual_end in spans:
        for start, end in ((planned_start, planned_end), (actual_start, actual_end)):
            if start and end:
                assert parse_bounds(start)[0] <= parse_bounds(end)[1], (start, end)
            for text in (start, end):
                if text:
                    parse_bounds(text)
    for (text,) in rows(
        con,
        "SELECT date FROM milestones WHERE date IS NOT NULL UNION SELECT as_of FROM observations "
        "UNION SELECT date FROM sources",
    ):
        parse_bounds(text)


def test_values_obey_the_models(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, "SELECT DISTINCT budget_currency FROM projects ORDER BY 1") == [("CNY",), (None,)]
    half_budgets = "SELECT count(*) FROM projects WHERE (budget_amount IS NULL) <> (budget_currency IS NULL)"
    assert scalar(con, half_budgets) == 0
    assert scalar(con, "SELECT min(budget_amount) FROM projects") >= 0
    assert scalar(con, "SELECT count(*) FROM goals WHERE progress < 0 OR progress > 1") == 0
    assert scalar(con, "SELECT count(*) FROM projects, unnest(tags) t(tag) WHERE tag = ''") == 0
    assert scalar(con, "SELECT count(*) FROM projects WHERE len(tags) = 0") > 0
    assert scalar(con, "SELECT count(*) FROM projects WHERE owner IS NULL OR location IS NULL") == 0


def test_titles_speak_the_language_of_plans(con: duckdb.DuckDBPyConnection) -> None:
    titles = [t for (t,) in rows(con, "SELECT title FROM projects")]
    smart_port = [t for t in titles if "smart port" in t.lower()]
    assert len(smart_port) > N // 20
    assert sum(1 for t in titles if CJK.search(t)) > N // 20
    text = " ".join(t for (t,) in rows(con, "SELECT title || ' ' || coalesce(description, '') FROM projects"))
    for phrase in ("5G base station", "big data center", "eco-city", "urban brain", "智慧港口", "滨海新区"):
        assert phrase in text, phrase
    owners = " ".join(o for (o,) in rows(con, "SELECT DISTINCT owner FROM projects"))
    assert "Municipal Development and Reform Commission" in owners


# --- determinism ------------------------------------------------------------------------------------


def test_same_seed_gives_the_same_data_and_another_seed_does_not(tmp_path: Path) -> None:
    generate(tmp_path / "a.duckdb", 500, seed=11)
    generate(tmp_path / "b.duckdb", 500, seed=11)
    generate(tmp_path / "c.duckdb", 500, seed=12)
    a, b, c = (fingerprint(tmp_path / f"{name}.duckdb") for name in "abc")
    assert set(a) >= set(TABLES) - {"meta", "rejected", "detached_rows"}
    assert a == b
    assert a["projects"] != c["projects"] and a["goals"] != c["goals"] and a["milestones"] != c["milestones"]


# --- the store's queries work on it ----------------------------------------------------------------


def test_search_finds_smart_port(con: duckdb.DuckDBPyConnection) -> None:
    hits = search(con, "smart port", limit=20)
    assert len(hits) == 20
    assert all("smart port" in h.title.lower() for h in hits[:10])
    assert search(con, "智慧港口", limit=5)


def test_project_view_pages_in_order(gen_db: Path) -> None:
    db = Database(gen_db)
    view = ProjectView(db.private_cursor(), ProjectFilter())
    assert view.build() == N
    first, last = view.rows(0, 50), view.rows(N - 10, 50)
    assert [r.rn for r in first] == list(range(50)) and len(last) == 10
    sorted_view = ProjectView(db.private_cursor(), ProjectFilter(status="delayed"), sort="title")
    total = sorted_view.build()
    titles = [r.title for r in sorted_view.rows(0, total)]
    assert 0 < total < N and titles == sorted(titles)
    view.close()
    sorted_view.close()


def test_stats_count_what_was_generated(con: duckdb.DuckDBPyConnection) -> None:
    result = stats(con)
    assert result.counts["projects"] == N and result.counts["milestones"] == 2 * N
    assert set(result.project_status) == {*STATUSES, "unknown"}
    assert result.budgets["CNY"] > 0
    assert sum(p.projects for p in result.plans) == N


# --- a real load accepts it ------------------------------------------------------------------------


def test_json_export_loads_back_without_problems(tmp_path: Path) -> None:
    source = tmp_path / "gen.duckdb"
    generate(source, 400, seed=3)
    with duckdb.connect(str(source), read_only=True) as c:
        files = export(c, "json", tmp_path / "json")
    summary = load_files(files, tmp_path / "loaded.duckdb")  # raises ValidationFailed on any problem
    assert summary.counts["project"] == 400 and summary.counts["milestone"] == 800
    # The same records, links and citations came back (ord, src and line differ by design).
    for table in BASE_TABLES:
        cols = ", ".join(c for c, _ in TABLES[table] if c not in ("ord", "src", "line", "rn"))
        with (
            duckdb.connect(str(source), read_only=True) as a,
            duckdb.connect(str(tmp_path / "loaded.duckdb"), read_only=True) as b,
        ):
            assert sorted(a.execute(f"SELECT {cols} FROM {table}").fetchall(), key=repr) == sorted(
                b.execute(f"SELECT {cols} FROM {table}").fetchall(), key=repr
            ), table


# --- arguments ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [0, -5, MAX_PROJECTS + 1])
def test_rejects_a_project_count_out_of_range(tmp_path: Path, count: int) -> None:
    with pytest.raises(InputError, match="number of projects must be between 1 and"):
        generate(tmp_path / "x.duckdb", count)
    assert not (tmp_path / "x.duckdb").exists()


def test_rejects_a_seed_beyond_64_bits(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="64-bit"):
        generate(tmp_path / "x.duckdb", 10, seed=2**63)


def test_one_project_is_enough(tmp_path: Path) -> None:
    summary = generate(tmp_path / "one.duckdb", 1, seed=-(2**63))
    assert summary.counts["project"] == 1 and summary.counts["goal"] == 1 and summary.counts["indicator"] == 0


def test_progress_is_reported_between_tables(tmp_path: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    generate(tmp_path / "p.duckdb", 300, progress=lambda *call: calls.append(call))
    labels = [label for _, _, label in calls]
    assert labels[0] == "goals" and labels[-1] == "finalizing"
    assert {"projects", "indicators", "milestones"} <= set(labels)
    dones = [done for done, _, _ in calls]
    assert dones == sorted(dones) and all(done <= total for done, total, _ in calls)


def test_cli_generates_a_database(cli: CliRunner, tmp_path: Path) -> None:
    """Through ``sys.executable -m planscope``, as a user runs it."""
    db = tmp_path / "cli.duckdb"
    result = cli("generate", "--projects", "300", "--db", str(db), "--seed", "5")
    assert result.returncode == 0, result.stderr
    assert "300 projects" in result.stdout and str(db) in result.stdout
    shown = cli("search", "smart port", "--db", str(db), "--json")
    assert shown.returncode == 0 and "smart port" in shown.stdout.lower()
    bad = cli("generate", "--projects", "0", "--db", str(tmp_path / "bad.duckdb"))
    assert bad.returncode == 1 and "number of projects must be between 1 and" in bad.stderr
