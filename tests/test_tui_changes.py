"""The Changes tab, a record's History, the Overview's edition line, the observations chart and
comparing plans, driven with Pilot on real databases of several editions."""

from __future__ import annotations

from pathlib import Path

import pytest

from planscope.store.build.load import load_files
from planscope.store.db import Database
from planscope.store.queries.compare import compare
from planscope.store.synthetic.generate import generate
from planscope.store.synthetic.revise import revise
from planscope.tui.app import PlanscopeApp
from planscope.tui.changes import ChangeTable
from planscope.tui.compare import CompareScreen
from planscope.tui.detail import DetailScreen
from tests.edition_plans import FIRST, SECOND, pin_edition_times
from tests.helpers import write
from tests.tui_helpers import build_seeded, control_in_segments, screen_lines, screen_text, settle


def editions_db(folder: Path, *texts: str) -> Path:
    """A database loaded once per text, in order, with its load times pinned."""
    db = folder / "db.duckdb"
    for text in texts:
        load_files([write(folder / "plan.toml", text)], db)
    return pin_edition_times(db)


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Edition 1, then 16 changes, then an identical load."""
    return editions_db(tmp_path_factory.mktemp("three"), FIRST, SECOND, SECOND)


async def _open_changes(pilot) -> ChangeTable:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("6")
    await settle(pilot)
    return pilot.app.screen.query_one(ChangeTable)


async def test_changes_tab_lists_editions_newest_first_with_old_and_new(three: Path) -> None:
    app = PlanscopeApp(three, test_mode=True)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await _open_changes(pilot)
        assert table.total == 3 + 16
        lines = screen_lines(app)
        headers = [line.strip() for line in lines if line.strip().startswith("Edition ")]
        assert headers[:2] == [
            "Edition 3, loaded 2021-03-05 09:30 UTC: 0 changes",
            "Edition 2, loaded 2021-03-05 09:30 UTC: 16 changes",
        ]
        text = screen_text(app)
        assert "planned -> in_progress" in text and "1000000 -> 1500000" in text
        assert "(none) -> 150" in text
        assert "removed project   [bold]Old[/x] p" in text and "added   project   New [link=x]pro" in text
        assert control_in_segments(app) == []
        kinds = [
            line.split()[1] for line in lines if line.split()[:1] in (["changed"], ["added"], ["removed"])
        ]
        order = ["goal", "project", "indicator", "milestone"]
        assert kinds == sorted(kinds, key=order.index)  # grouped by kind


async def test_filters_by_kind_and_change_then_clear(three: Path) -> None:
    app = PlanscopeApp(three, test_mode=True)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await _open_changes(pilot)
        for _ in range(4):  # plan, period, goal, project
            await pilot.press("t")
        await settle(pilot)
        assert table.total == 3 + 10
        await pilot.press("c", "c")  # added, then removed
        await settle(pilot)
        text = screen_text(app)
        assert "filter: kind=project, change=removed" in text and table.total == 3 + 1
        assert "Edition 2, loaded 2021-03-05 09:30 UTC: 1 matching change" in text
        assert "[bold]Old[/x] p" in text and "New [link=x]" not in text
        await pilot.press("x")
        await settle(pilot)
        assert table.total == 3 + 16 and "all changes" in screen_text(app)


async def test_enter_opens_the_record_with_its_history(three: Path) -> None:
    app = PlanscopeApp(three, test_mode=True)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await _open_changes(pilot)
        await pilot.press("j", "j", "j")  # header 3, header 2, goal g1, then pr1's title
        await settle(pilot)
        assert table.current().id == "pr1"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen) and app.screen.record_id == "pr1"
        history = str(app.screen.query_one("#detail-history").render())
        assert history.startswith("History\nEdition 2, loaded 2021-03-05 09:30 UTC\n")
        for line in ("  title: Port upgrade -> Port upgrade, phase 1", "  status: in_progress -> delayed",
                     "  goals: g1 -> g1; g2", "  budget: 1000000 -> 1500000"):  # fmt: skip
            assert line in history.splitlines()
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen.query_one(ChangeTable), ChangeTable)


async def test_history_shows_markup_in_values_literally(tmp_path: Path) -> None:
    db = editions_db(
        tmp_path,
        FIRST.replace('title = "Goal one"', 'title = "[bold]Goal[/bold] $accent"'),
        FIRST.replace('title = "Goal one"', 'title = "[/x] goal [link=y]"'),
    )
    app = PlanscopeApp(db, test_mode=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        app.open_record("g1")
        await settle(pilot)
        history = str(app.screen.query_one("#detail-history").render())
        assert "  title: [bold]Goal[/bold] $accent -> [/x] goal [link=y]" in history.splitlines()
        await pilot.press("escape")
        await _open_changes(pilot)
        assert "[bold]Goal[/bold] $accent -> [/x] goal [link=y]" in screen_text(app)


async def test_a_record_without_changes_says_so(three: Path) -> None:
    app = PlanscopeApp(three, test_mode=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_record("g2")
        await settle(pilot)
        history = str(app.screen.query_one("#detail-history").render())
        assert history == "History\nNo changes since edition 1 (this is edition 3)."


async def test_overview_shows_the_edition_line(three: Path, tmp_path: Path) -> None:
    app = PlanscopeApp(three, test_mode=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Edition 3, loaded 2021-03-05 09:30 UTC, 0 changes since edition 2" in screen_text(app)
    two = editions_db(tmp_path, FIRST, SECOND)
    app = PlanscopeApp(two, test_mode=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Edition 2, loaded 2021-03-05 09:30 UTC, 16 changes since edition 1" in screen_text(app)


async def test_paging_through_thousands_of_changes(tmp_path: Path) -> None:
    db = tmp_path / "gen.duckdb"
    generate(db, 2000, seed=3)
    revise(db, 10)
    revise(db, 10)
    app = PlanscopeApp(db, test_mode=True)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await _open_changes(pilot)
        assert table.total > 1000
        await pilot.press("pagedown")
        await settle(pilot)
        assert table.cursor == table.body_height
        await pilot.press("end")
        await settle(pilot)
        lines = screen_lines(app)
        assert table.cursor == table.total - 1 and lines[-2].strip().startswith("Edition 1, loaded")
        assert all(line.strip() for line in lines[4:-1])  # every row drawn, none waiting
        await pilot.press("home")
        await settle(pilot)
        assert screen_lines(app)[4].strip().startswith("Edition 3, loaded")


async def test_observations_chart_in_the_tab_and_the_detail(three: Path) -> None:
    app = PlanscopeApp(three, test_mode=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        chart = str(app.screen.query_one("#indicator-chart").render()).splitlines()
        assert chart[0] == "Observations (TEU): 2021 120, 2022 150"
        assert chart[1:] == [
            "150 |   ##",
            "    |   ##",
            "    |   ##",
            "    |   ##",
            "120 |## ##",
            "    +------",
            "     2021 2022",
        ]
        assert all(ord(ch) < 128 for line in chart for ch in line)  # plain characters for any terminal
        await pilot.press("enter")
        await settle(pilot)
        detail = str(app.screen.query_one("#detail-chart").render()).splitlines()
        assert detail == chart


async def test_compare_plans_from_the_palette_and_from_a_plan(tmp_path: Path) -> None:
    db = build_seeded(tmp_path)
    app = PlanscopeApp(db, test_mode=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"compare plans")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen) and "choose plan A" in screen_text(app)
        await pilot.press("enter")  # the 13th Five-Year Plan
        await settle(pilot)
        assert "Compare tj-13fyp with: choose plan B" in screen_text(app)
        await pilot.press("enter")  # the first plan left: the 14th
        await settle(pilot)
        text = screen_text(app)
        assert "Compare tj-13fyp (A) with tj-14fyp (B)" in text
        expected = Database(db).run(lambda c: compare(c, "tj-13fyp", "tj-14fyp"))
        assert f"in both    {', '.join(expected.areas_both)}" in text
        assert f"only in B  {', '.join(expected.areas_only_b)}" in text
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("j", "c")  # the 14th Five-Year Plan in the Overview, then compare
        await settle(pilot)
        assert "Compare tj-14fyp with: choose plan B" in screen_text(app)


def test_snapshot_of_the_changes_tab_80x24(snap_compare, three: Path) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open_changes(pilot)

    assert snap_compare(PlanscopeApp(three, test_mode=True), terminal_size=(80, 24), run_before=run_before)
