"""The app driven with Pilot: every tab, filters, sorting, help, quit, themes (search: test_tui_search_flow).

Each test waits for the workers instead of sleeping, so nothing depends on
timing.  Sizes: 80x24 (the size that must always work) and 120x36.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planscope.tui.app import PlanscopeApp
from planscope.tui.detail import DetailScreen
from planscope.tui.filters import FilterScreen
from planscope.tui.help import HelpScreen
from planscope.tui.search import SearchScreen
from planscope.tui.vtable import VirtualTable
from tests.tui_helpers import Notices, app_for, build_hostile, screen_text, settle, wait_until

SIZES = [(80, 24), (120, 36)]

TABS = {
    "1": ["Tianjin 13th Five-Year Plan", "Records", "Projects by status"],
    "2": ["Tianjin 14th Five-Year Plan", "Innovation", "Governance"],
    "3": ["19 projects", "Sino-Singapore", "Status"],
    "4": ["2016", "2035", "Long-range goals to 2035", "Milestones and events"],
    "5": ["no target", "5G base stations", "Band"],
}


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("key", list(TABS))
async def test_every_tab_shows_the_tianjin_plan(tui_db: Path, key: str, size: tuple[int, int]) -> None:
    app = app_for(tui_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        text = screen_text(app)
        for expected in TABS[key]:
            assert expected in text, f"tab {key} at {size} lacks {expected!r}:\n{text}"


async def test_tabs_switch_by_mouse(tui_db: Path) -> None:
    app = app_for(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.click("#--content-tab-projects")
        await settle(pilot)
        assert "19 projects" in screen_text(app)
        assert isinstance(app.focused, VirtualTable)


async def test_quick_tab_keys_end_on_the_last_tab(tui_db: Path) -> None:
    """Focus that arrives late for an earlier tab must not switch back to it."""
    app = app_for(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        # The race as it happens under load: the Goals tab's activation has scheduled
        # its focus for after the next refresh, and "3" is handled before that refresh.
        app.main.on_tabbed_content_tab_activated(None)  # type: ignore[arg-type]
        app.main.show_tab("projects")
        await settle(pilot)
        assert app.main.active_tab == "projects"
        for keys in (("2", "3"), ("4", "5", "1"), ("5", "2"), ("3", "4")):
            await pilot.press(*keys)
            await settle(pilot)
            assert app.main.active_tab == app.main.active_pane().TAB  # type: ignore[union-attr]
            expected = {"1": "overview", "2": "goals", "3": "projects", "4": "timeline", "5": "indicators"}
            assert app.main.active_tab == expected[keys[-1]]
            assert app.focused is not None and app.main.active_pane() in app.focused.ancestors_with_self


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_filter_by_status(tui_db: Path, size: tuple[int, int]) -> None:
    app = app_for(tui_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FilterScreen)
        text = screen_text(app)
        assert "Done  4" in text and "Unknown  15" in text
        await pilot.press("j", "j", "enter")  # (any), Unknown, Done
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        text = screen_text(app)
        assert "4 projects" in text and "status=Done" in text
        assert "Unknown" not in text.split("Years", 1)[1]
        await pilot.press("x")
        await settle(pilot)
        assert "19 projects" in screen_text(app)


async def test_sort_keys_and_header_click(tui_db: Path) -> None:
    app = app_for(tui_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        table = app.query_one("#projects-table", VirtualTable)
        await pilot.press("s")
        await settle(pilot)
        assert "sort: title ascending" in screen_text(app)
        first = table.current()
        await pilot.press("r")
        await settle(pilot)
        assert "sort: title descending" in screen_text(app)
        assert table.current() != first
        await pilot.click("#projects-table", offset=(2, 0))  # the Status title
        await settle(pilot)
        assert "sort: status ascending" in screen_text(app)


async def test_table_keys_move_and_open(tui_db: Path) -> None:
    app = app_for(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        table = app.query_one("#projects-table", VirtualTable)
        await pilot.press("j", "j", "down", "k")
        assert table.cursor == 2
        await pilot.press("end")
        await settle(pilot)
        assert table.cursor == 18
        await pilot.press("home", "pagedown")
        assert table.cursor == min(table.body_height, 18)
        await pilot.press("pageup", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.record_id == "tj13-proj-supercomputer"


async def test_goal_tree_expands_from_the_store_and_opens(tui_db: Path) -> None:
    app = app_for(tui_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        tree = app.query_one("#goal-tree")
        assert app.focused is tree
        # The 2021 report's Governance area holds a goal without sub-goals, then one with three.
        await pilot.press(*["j"] * 9)
        await settle(pilot)
        assert "Governance" in str(tree.cursor_node.label)  # type: ignore[attr-defined]
        await pilot.press("space")
        await settle(pilot)
        assert "Modernise social governance" in screen_text(app)
        await pilot.press("j", "j", "space")
        await settle(pilot)
        assert 'Strengthen and optimise the "urban brain"' in screen_text(app)
        await pilot.press("j")
        await settle(pilot)
        assert "tj21-goal-urban-brain" in screen_text(app)  # the detail beside the tree
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.record_id == "tj21-goal-urban-brain"


async def test_help_lists_every_key(tui_db: Path) -> None:
    app = app_for(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for expected in ("Quit", "Search", "Keys", "Copy id", "Overview"):
            assert expected in text
        await pilot.press("escape")
        assert app.screen is app.main


@pytest.mark.parametrize("key", ["q", "ctrl+c"])
async def test_quit_exits_with_zero(tui_db: Path, key: str) -> None:
    app = app_for(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await pilot.pause()
    assert app.return_code == 0


async def test_q_types_in_search_instead_of_quitting(tui_db: Path) -> None:
    app = app_for(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "q", "1", "slash")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_text == "q1/"
        assert app.is_running


async def test_copy_sends_id_and_title(tui_db: Path) -> None:
    app = app_for(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("y")
        assert app.clipboard == "tj13-proj-supercomputer New-generation supercomputer (national platform)"
        await pilot.press("1", "j", "y")
        assert app.clipboard.startswith("tj-14fyp Tianjin 14th Five-Year Plan")


async def test_palette_jumps_to_a_record(tui_db: Path) -> None:
    app = app_for(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"eco-city")
        hit = "Sino-Singapore Tianjin Eco-city"
        await wait_until(pilot, lambda: hit in screen_text(app), "the palette's hit")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.record_id == "tj21-proj-eco-city-benchmark"


async def test_a_reload_refreshes_and_says_so(tui_db: Path, hostile_db: Path, tmp_path: Path) -> None:
    live = tmp_path / "live.duckdb"
    live.write_bytes(tui_db.read_bytes())
    app, notes = app_for(live), Notices()
    async with app.run_test(size=(80, 24), message_hook=notes) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert "19 projects" in screen_text(app)
        swap = tmp_path / "swap.duckdb"
        swap.write_bytes(hostile_db.read_bytes())
        swap.replace(live)
        app.check_reload()
        await settle(pilot)
        assert "1 project " in screen_text(app)
        assert "Database reloaded" in notes.messages


async def test_a_broken_database_is_a_notification_not_a_crash(tmp_path: Path) -> None:
    bad = tmp_path / "bad.duckdb"
    bad.write_text("not a database")
    app, notes = app_for(bad), Notices()
    async with app.run_test(size=(80, 24), message_hook=notes) as pilot:
        await settle(pilot)
        await pilot.press("3", "slash", *"x")
        await settle(pilot)
        assert app.is_running
        errors = notes.errors
        assert len(errors) == 1, [n.message for n in errors]
        assert "bad.duckdb" in errors[0].message


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light", "textual-light"])
async def test_theme_option(tui_db: Path, theme: str) -> None:
    app = PlanscopeApp(tui_db, theme=theme, test_mode=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == theme
        await pilot.press("3")
        await settle(pilot)
        assert "19 projects" in screen_text(app)


async def test_an_unknown_theme_is_a_warning(tui_db: Path) -> None:
    app, notes = PlanscopeApp(tui_db, theme="no-such-theme", test_mode=True), Notices()
    async with app.run_test(size=(80, 24), notifications=True, message_hook=notes) as pilot:
        await settle(pilot)
        assert app.is_running
        assert any("no-such-theme" in n.message and n.severity == "warning" for n in notes.seen)
