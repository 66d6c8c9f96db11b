"""Hostile text goes through every widget literally, and no control byte reaches the terminal.

The plan in :func:`tests.tui_helpers.hostile_plan_text` puts Rich/Textual
markup (``[/x]``, ``[bold]``, ``[link=...]``, ``$variables``) and escape
sequences (OSC title, CSI colour, 8-bit CSI) into every title, label, note
and description.  Each screen must show them as typed (control characters
made visible as ``\\xNN``), must not crash, and must not let a control
character into the segments it renders or the bytes it would write.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

from planscope.store.sanitize import clean
from planscope.tui.data import report_error
from planscope.tui.detail import DetailScreen
from planscope.tui.filters import FilterScreen
from planscope.tui.search import SearchScreen
from tests.tui_helpers import (
    HOSTILE,
    app_for,
    build_hostile,
    control_in_segments,
    foreign_controls,
    screen_text,
    settle,
    terminal_bytes,
    wait_until,
)


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile(tmp_path_factory.mktemp("hostile"))


def shown(text: str) -> str:
    """How a hostile string must read on screen: as typed, controls made visible."""
    return clean(text)


def assert_safe(app: App[object], *expected: str) -> None:
    """The app runs, shows ``expected`` literally, and renders no control character."""
    assert app.is_running
    text = screen_text(app)
    for piece in expected:
        assert piece in text, f"{piece!r} not shown literally:\n{text}"
    assert control_in_segments(app) == []
    output = terminal_bytes(app)
    assert foreign_controls(output) == []
    assert "\x1b]" not in output and "\x07" not in output and "\x9b" not in output


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
async def test_tabs_show_hostile_titles_literally(hostile_db: Path, size: tuple[int, int]) -> None:
    app = app_for(hostile_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert_safe(app, "[/x] bad plan " + shown(HOSTILE["osc_title"]), "[bold]x area")
        await pilot.press("3")
        await settle(pilot)
        assert_safe(app, "[/x] bad project", "\\x1b[31m")
        await pilot.press("4")
        await settle(pilot)
        assert_safe(app, "[/x] bad period", "[/x] bad milestone")
        await pilot.press("5")
        await settle(pilot)
        assert_safe(app, "[bold]x indicator \\x9")


async def test_goal_tree_and_its_detail(hostile_db: Path) -> None:
    app = app_for(hostile_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert_safe(app, "[/x] bad plan", "[bold]x area", "[link=https://e.invalid]y[/link]")
        await pilot.press("j", "space")  # open the area
        await settle(pilot)
        await pilot.press("j", "space")  # open the goal
        await settle(pilot)
        assert_safe(app, "[/x] bad goal [bold]x", "[link=https://e.invalid]y[/link] sub \\x1b]")
        await pilot.press("j")  # the sub-goal's detail beside the tree
        await settle(pilot)
        assert_safe(app, "hx-sub")


@pytest.mark.parametrize("record", ["hx", "hx-goal", "hx-proj", "hx-ind", "hx-ms", "hx-2025"])
async def test_detail_of_every_kind(hostile_db: Path, record: str) -> None:
    app = app_for(hostile_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_record(record)
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert_safe(app, record)
        assert app.screen.detail is not None


async def test_citation_note_and_links(hostile_db: Path) -> None:
    app = app_for(hostile_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.open_record("hx-proj")
        await settle(pilot)
        assert_safe(app, shown(HOSTILE["osc_title"]) + " note", "[bold]x source", "[/x] bad goal [bold]x")


async def test_search_hits_and_a_markup_query(hostile_db: Path) -> None:
    app = app_for(hostile_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"bad")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert_safe(app, "[/x] bad project", "for 'bad'")
        await pilot.press(*["backspace"] * 3, *"[/x]")
        await settle(pilot)
        assert_safe(app, "for '[/x]'", "[/x] bad plan")
        await pilot.press(*["backspace"] * 4, *"[link=")
        await settle(pilot)
        assert_safe(app, "for '[link='")


async def test_palette_hits(hostile_db: Path) -> None:
    app = app_for(hostile_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"[/x]")
        await wait_until(pilot, lambda: "[/x] bad project" in screen_text(app), "the palette's hit")
        await settle(pilot)
        assert_safe(app, "[/x] bad project")


async def test_filter_dialog_values(hostile_db: Path) -> None:
    app = app_for(hostile_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FilterScreen)
        assert_safe(app, "[bold]x area", "[link=https://e.invalid]y[/lin")
        await pilot.press("tab", "tab", "j", "enter", "escape")  # choose the owner
        await settle(pilot)
        assert_safe(app, "owner=[link=https://e.inv", "1 project")


async def test_notifications(hostile_db: Path) -> None:
    app = app_for(hostile_db)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        app.open_record("[/x]\x1b]0;pwned\x07")
        await settle(pilot)
        from planscope.store.errors import PlanscopeError

        report_error(app, PlanscopeError("[bold]boom \x1b[31m [link=https://e.invalid]x[/link]"))
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert_safe(app, "[/x]\\x1b]0;pwned\\x07", "[bold]boom \\x1b[31m", "Copied hx-proj")
        assert app.clipboard.startswith("hx-proj [/x] bad project \\x1b[31mred")
