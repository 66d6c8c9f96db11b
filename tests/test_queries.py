"""Store queries on real databases: the seeded Tianjin plan and small hand-made plans."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from planscope.store.build.load import load_files
from planscope.store.db import Database, PrivateCursor
from planscope.store.errors import RecordNotFound
from planscope.store.queries import goals, indicators, overview, projects, records, search, timeline
from planscope.store.queries.projects import ProjectFilter, ProjectView
from tests.helpers import MINIMAL_PLAN, view_rows, write


@pytest.fixture
def cur(seeded_db: Path) -> duckdb.DuckDBPyConnection:
    return Database(seeded_db).cursor()


def test_stats_count_every_kind(cur: duckdb.DuckDBPyConnection) -> None:
    s = overview.stats(cur)
    assert s.counts["plans"] == 3
    assert s.counts["goals"] >= 6 and s.counts["projects"] >= 8
    assert s.counts["indicators"] >= 4 and s.counts["milestones"] >= 4
    assert sum(s.project_status.values()) == s.counts["projects"]
    assert s.budgets == {"CNY": 10_000_000_000.0}
    assert [p.id for p in s.plans] == ["tj-13fyp", "tj-14fyp", "tj-gwr-2021"]


def test_goal_tree_levels_with_counts(cur: duckdb.DuckDBPyConnection) -> None:
    areas = goals.areas(cur, "tj-gwr-2021")
    assert areas and all(a.goals > 0 for a in areas)
    top, total = goals.top_goals(cur, "tj-gwr-2021", areas[0].area)
    assert total == len(top) > 0
    parent = next(g for g in top if g.children)
    kids, n = goals.children(cur, parent.id)
    assert n == parent.children == len(kids)
    assert all(k.parent_id == parent.id for k in kids)


def test_projects_filter_sort_and_page(cur: duckdb.DuckDBPyConnection) -> None:
    everything = projects.count(cur, ProjectFilter())
    done = projects.count(cur, ProjectFilter(status="done"))
    unknown = projects.count(cur, ProjectFilter(status="unknown"))
    assert 0 < done < everything and done + unknown == everything
    view = ProjectView(PrivateCursor(cur.cursor()), ProjectFilter(), sort="title")
    assert view.build() == everything
    titles = [r.title for r in view.rows(0, 5) + view.rows(5, 5)]
    assert titles == sorted(titles) and len(titles) == 10
    view.close()
    facet = {v.value: v.count for v in projects.facet(cur, "status", ProjectFilter(status="done"))}
    assert facet["done"] == done and facet["unknown"] == unknown  # a facet ignores its own choice


def test_project_view_pages_agree_with_file_order(seeded_db: Path) -> None:
    db = Database(seeded_db)
    everything = view_rows(db.cursor(), ProjectFilter())
    assert [r.rn for r in everything] == sorted(r.rn for r in everything)
    # Title descending, ties in file order: Python's sort is stable, even reversed.
    expected = sorted((r for r in everything if r.area == "Big data"), key=lambda r: r.title, reverse=True)
    view = ProjectView(db.private_cursor(), ProjectFilter(area="Big data"), "title", True)
    assert view.build() == len(expected) > 0
    assert [r.id for r in view.rows(0, 3) + view.rows(3, 1000)] == [r.id for r in expected]
    view.close()


def test_record_detail_links_both_ways(cur: duckdb.DuckDBPyConnection) -> None:
    project = records.detail(cur, "tj21-proj-eco-city-benchmark")
    assert project.kind == "project" and "Eco-city" in project.title
    goal_link = next(link for link in project.links if link.relation == "serves")
    goal = records.detail(cur, goal_link.id)
    assert any(link.id == project.id for link in goal.links)
    assert project.citations and project.citations[0].paragraph == 12
    with pytest.raises(RecordNotFound):
        records.detail(cur, "no-such-id")


def test_indicator_progress_and_bands(tmp_path: Path, cur: duckdb.DuckDBPyConnection) -> None:
    rows = indicators.page(cur).rows
    stations = next(r for r in rows if r.latest and r.latest.value == 33000)
    assert stations.band == "no_target" and stations.progress is None  # the report gives no target
    db_path = tmp_path / "p.duckdb"
    load_files([write(tmp_path / "p.toml", MINIMAL_PLAN)], db_path)
    one = next(r for r in indicators.page(Database(db_path).cursor()).rows if r.id == "i1")
    assert one.progress == pytest.approx(0.5)  # (15 - 10) / (20 - 10)
    assert one.band == "on_track"  # three of five years gone, expected 0.6, within 0.1


def test_assess_bands() -> None:
    from planscope.store.results import ObservationInfo, TargetInfo

    target = [TargetInfo("p", "2021-2025", 2025, 100.0, None)]
    assert indicators.assess(0, 2020, target, ObservationInfo(100, "2023", None))[1] == "achieved"
    assert indicators.assess(0, 2020, target, ObservationInfo(90, "2023", None))[1] == "ahead"
    assert indicators.assess(0, 2020, target, ObservationInfo(10, "2023", None))[1] == "lagging"
    assert indicators.assess(None, 2020, target, ObservationInfo(10, "2023", None)) == (None, "no_baseline")
    down = [TargetInfo("p", "x", 2025, 5.0, None)]
    assert indicators.assess(10, 2020, down, ObservationInfo(7.5, "2022", None))[0] == pytest.approx(0.5)


def test_timeline_spans_2016_to_2035(cur: duckdb.DuckDBPyConnection) -> None:
    t = timeline.timeline(cur)
    assert (t.first_year, t.last_year) == (2016, 2035)
    assert sum(t.milestone_years.values()) <= overview.counts(cur)["milestones"]
    ms = timeline.milestones(cur, 0, 100)
    keys = [(m.year or 0, m.date or "") for m in ms.rows]
    assert [k[0] for k in keys] == sorted(k[0] for k in keys)
    spans = timeline.project_spans(cur, 0, 100)
    assert spans.total == overview.counts(cur)["projects"]
    assert all(s.start_year <= s.end_year for s in spans.rows)


def test_search_ranks_titles_first_and_finds_eco_city(cur: duckdb.DuckDBPyConnection) -> None:
    hits = search.search(cur, "eco-city")
    assert hits and "Eco-city" in hits[0].title
    port = search.search(cur, "smart port")
    assert port[0].kind == "project" and "smart port" in port[0].title.lower()
    assert [h.score for h in port] == sorted((h.score for h in port), reverse=True)
    assert search.search(cur, "eco-city", kinds=["milestone"]) == [] or all(
        h.kind == "milestone" for h in search.search(cur, "eco-city", kinds=["milestone"])
    )
    assert search.search(cur, "   ") == []


@pytest.mark.parametrize(
    "query", ["%", "_", "'", '"', "' OR 1=1 --", "[bold]", "[/x]", "\\", "%_%", "\x1b[31m", "a%c", "5_"]
)
def test_hostile_search_strings_are_plain_text(cur: duckdb.DuckDBPyConnection, query: str) -> None:
    """Wildcards, quotes and markup match exactly the records that contain them literally."""
    items = cur.execute("SELECT id, text_lc FROM search_items").fetchall()
    terms = search.terms_of(query)
    expected = {rid for rid, text in items if all(t in text for t in terms)}
    assert {h.id for h in search.search(cur, query, limit=1000)} == expected


def test_search_matches_literal_wildcards_chinese_and_markup(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace('title = "Project one"', 'title = "100% 天津 [bold]_x_ it\'s"')
    db_path = tmp_path / "w.duckdb"
    load_files([write(tmp_path / "w.toml", text)], db_path)
    cur = Database(db_path).cursor()
    for query in ("100%", "天津", "[bold]", "_x_", "it's", "天津 100%"):
        assert [h.id for h in search.search(cur, query)] == ["pr1"], query
    assert search.search(cur, "10_%") == []
    assert search.match_spans("Smart Port of 天津", "port 天津") == [(6, 10), (14, 16)]


def test_a_project_started_after_its_planned_end_has_no_end_year(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace(
        'status = "planned"',
        'status = "delayed"\nplanned_start = "2021"\nplanned_end = "2022"\nactual_start = "2023-04"',
    )
    db_path = tmp_path / "late.duckdb"
    load_files([write(tmp_path / "late.toml", text)], db_path)
    row = view_rows(Database(db_path).cursor(), ProjectFilter())[0]
    assert (row.start_year, row.end_year) == (2023, None)
