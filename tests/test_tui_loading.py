"""Nothing stays on "Loading..." and nothing stale stays on screen.

A pane's first load must not hang on one event arriving, an answer that is
lost must be asked for again, every list must follow a reload of the
database file, and a query that fails must say so where its answer would
have been.  All with the real app under Pilot and real DuckDB files.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from planscope.tui import tabs_screen
from planscope.tui.detail import DetailScreen
from planscope.tui.filters import FilterScreen
from tests.helpers import MINIMAL_PLAN, write
from tests.tui_helpers import Notices, app_for, screen_text, settle, wait_until


def live_copy(source: Path, folder: Path) -> Path:
    """A private copy of a database, which the test may replace."""
    live = folder / "live.duckdb"
    live.write_bytes(source.read_bytes())
    return live


def replace_with(db: Path, folder: Path, title: str) -> None:
    """Load a one-plan file into a new database and move it over ``db``, as `planscope load` does."""
    from planscope.store.build.load import load_files

    new = folder / "next.duckdb"
    plan = write(folder / "next.toml", MINIMAL_PLAN.replace('title = "Test plan"', f'title = "{title}"'))
    load_files([plan], new)
    new.replace(db)


async def test_the_first_pane_loads_even_when_textual_sends_it_no_show_event(
    tui_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The start-up race seen in real terminals, made to happen every time.

    When a repaint handles the newly mounted Overview before the next
    layout, and something then asks for a widget's region, Textual's
    compositor folds the pane into its map outside a layout pass: the
    layout that follows never counts the pane as newly shown, so no Show
    event comes.  The app must not depend on that event.
    """
    mount = tabs_screen.TabsScreen.ensure_pane
    raced: list[str] = []

    def ensure_pane_then_race(screen: tabs_screen.TabsScreen, tab: str) -> None:
        mount(screen, tab)
        pane = screen.query_one(f"#{tab}-pane")

        def repaint_then_measure() -> None:
            # Textual has no public way to repaint one widget outside a layout pass, so this
            # calls the compositor as a repaint does; `region` is what then folds the pane in.
            screen._compositor.update_widgets({pane})
            pane.region  # noqa: B018
            raced.append(tab)

        screen.call_after_refresh(repaint_then_measure)

    monkeypatch.setattr(tabs_screen.TabsScreen, "ensure_pane", ensure_pane_then_race)
    app = app_for(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: bool(raced), "the repaint race")
        await settle(pilot)
        assert "Tianjin 13th Five-Year Plan" in screen_text(app)
        assert "Loading..." not in screen_text(app)


def damage(db: Path, *statements: str) -> None:
    """Change a database behind planscope's back, as a file from elsewhere might be."""
    con = duckdb.connect(str(db))
    try:
        for sql in statements:
            con.execute(sql)
    finally:
        con.close()


async def test_search_hits_follow_a_reload(tui_db: Path, tmp_path: Path) -> None:
    live = live_copy(tui_db, tmp_path)
    app, notes = app_for(live), Notices()
    async with app.run_test(size=(80, 24), message_hook=notes) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"eco-city")
        await settle(pilot)
        assert "Sino-Singapore" in screen_text(app)
        replace_with(live, tmp_path, "Eco-city after the reload")
        app.check_reload()
        await settle(pilot)
        text = screen_text(app)
        assert "Sino-Singapore" not in text and "Eco-city after the reload" in text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen) and app.screen.record_id == "p1"
        assert not notes.errors


async def test_filter_counts_follow_a_reload(tui_db: Path, tmp_path: Path) -> None:
    live = live_copy(tui_db, tmp_path)
    app = app_for(live)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3", "f")
        await settle(pilot)
        assert isinstance(app.screen, FilterScreen)
        assert "Unknown  15" in screen_text(app)
        replace_with(live, tmp_path, "After")
        app.check_reload()
        await settle(pilot)
        text = screen_text(app)
        assert "Unknown  15" not in text and "Planned  1" in text


async def test_a_reload_noticed_by_a_query_still_refreshes_every_tab(tui_db: Path, tmp_path: Path) -> None:
    """The tab that first queries the replaced file reopens it; the others must follow."""
    live = live_copy(tui_db, tmp_path)
    app, notes = app_for(live), Notices()
    async with app.run_test(size=(80, 24), message_hook=notes) as pilot:
        await settle(pilot)
        assert "Tianjin 13th Five-Year Plan" in screen_text(app)
        replace_with(live, tmp_path, "Plan after")
        await pilot.press("3")  # its query finds the new file and reopens it
        await settle(pilot)
        assert "1 project " in screen_text(app)
        app.check_reload()
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert "Plan after" in screen_text(app)
        assert "Database reloaded" in notes.messages


async def test_a_detail_whose_record_went_never_closes_the_screen_above_it(tmp_path: Path) -> None:
    from planscope.store.build.load import load_files

    live = tmp_path / "live.duckdb"
    load_files([write(tmp_path / "v1.toml", MINIMAL_PLAN)], live)
    app = app_for(live)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_record("pr1")
        await settle(pilot)
        await pilot.press("enter")  # its first link: its plan
        await settle(pilot)
        under, top = app.screen_stack[-2:]
        assert isinstance(under, DetailScreen) and under.record_id == "pr1"
        assert isinstance(top, DetailScreen) and top.record_id == "p1"
        new = tmp_path / "v2.duckdb"  # the project is gone, the plan stays
        load_files([write(tmp_path / "v2.toml", MINIMAL_PLAN.replace('id = "pr1"', 'id = "pr2"'))], new)
        new.replace(live)
        app.check_reload()
        await settle(pilot)
        assert app.screen is top and "Test plan" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is under
        assert "No record has the id 'pr1' any more" in screen_text(app)


async def test_a_failing_search_says_so_instead_of_searching_for_good(tui_db: Path, tmp_path: Path) -> None:
    live = live_copy(tui_db, tmp_path)
    damage(live, "DROP TABLE search_items")
    app = app_for(live)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"eco")
        await settle(pilot)
        text = screen_text(app)
        assert "Searching..." not in text
        assert "Search failed: CatalogException" in text
        await pilot.press("backspace", *"o")  # a later search fails the same way, and says so again
        await settle(pilot)
        assert "Search failed" in screen_text(app)


async def test_a_huge_title_never_leaves_search_searching(tmp_path: Path) -> None:
    """A 10 MB title put in by another tool: search answers or says why it cannot."""
    from planscope.store.build.load import load_files

    db = tmp_path / "big.duckdb"
    load_files([write(tmp_path / "p.toml", MINIMAL_PLAN)], db)
    huge = "x" * 10_000_000
    damage(
        db,
        f"UPDATE projects SET title = '{huge}' WHERE id = 'pr1'",
        f"UPDATE search_items SET title = '{huge}', title_lc = '{huge}' WHERE id = 'pr1'",
    )
    app = app_for(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"one")
        await settle(pilot)
        status = screen_text(app)
        assert "Searching..." not in status
        assert "Goal one" in status or "Search failed" in status


@pytest.mark.parametrize("tab", ["1", "2", "3", "4", "5"])
async def test_a_failing_query_never_leaves_a_tab_loading(tui_db: Path, tmp_path: Path, tab: str) -> None:
    live = live_copy(tui_db, tmp_path)
    tables = ("observations", "goals", "milestones", "projects")
    damage(live, *(f"DROP TABLE {name}" for name in tables))
    app = app_for(live)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(tab)
        await settle(pilot)
        text = screen_text(app)
        assert "Loading" not in text and "counting..." not in text, text
        assert "Could not load: " in text, text
