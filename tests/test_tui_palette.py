"""The palette and the small things around it: the Keys command, Screenshot, its glyph, empty tables.

Each is checked on the real app under Pilot, with real database files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from planscope.store.build.load import load_files
from planscope.tui.app import PlanscopeApp
from planscope.tui.help import HelpScreen
from tests.helpers import MINIMAL_PLAN, write
from tests.tui_helpers import Notices, app_for, screen_text, settle, wait_until


def offers_a_command(app: PlanscopeApp) -> bool:
    """True once the palette is open and a command is highlighted, ready for Enter."""
    palette = app.screen
    return isinstance(palette, CommandPalette) and palette.query_one(CommandList).highlighted is not None


async def run_command(pilot: Pilot[None], app: PlanscopeApp, query: str) -> None:
    """Open the palette, type ``query`` and run the first command offered."""
    await pilot.press("ctrl+p", *query)
    await wait_until(pilot, lambda: offers_a_command(app), f"the palette to offer {query!r}")
    await settle(pilot)
    await pilot.press("enter")
    await wait_until(pilot, lambda: not isinstance(app.screen, CommandPalette), "the palette to close")
    await settle(pilot)


async def test_the_keys_command_opens_the_help_that_escape_closes(tui_db: Path) -> None:
    app = app_for(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await run_command(pilot, app, "keys")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.main
        assert not app.main.query("HelpPanel")  # no side panel left behind


async def test_the_palette_offers_one_keys_command(tui_db: Path) -> None:
    app = app_for(tui_db)
    titles = [command.title for command in app.get_system_commands(app.main)]
    assert "Keys" not in titles  # Textual's help panel: its text doubled and Escape did not close it
    assert "Screenshot" in titles


async def test_screenshot_saves_in_the_current_folder_and_says_where(
    tui_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app, notes = app_for(tui_db), Notices()
    async with app.run_test(size=(80, 24), notifications=True, message_hook=notes) as pilot:
        await settle(pilot)
        await run_command(pilot, app, "screenshot")
        await wait_until(pilot, lambda: bool(notes.seen), "the screenshot's notice")
        saved = list(tmp_path.glob("*.svg"))
        assert len(saved) == 1, notes.messages
        assert "Tianjin 13th Five-Year Plan" in saved[0].read_text(encoding="utf-8").replace("&#160;", " ")
        assert any(str(saved[0]) in message for message in notes.messages)


async def test_a_screenshot_that_cannot_be_saved_says_why(
    tui_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()  # the current folder no longer exists
    app, notes = app_for(tui_db), Notices()
    async with app.run_test(size=(80, 24), notifications=True, message_hook=notes) as pilot:
        await settle(pilot)
        await run_command(pilot, app, "screenshot")
        await wait_until(pilot, lambda: bool(notes.seen), "the screenshot's notice")
        errors = notes.errors
        assert len(errors) == 1 and "screenshot" in str(errors[0].message).lower()
        assert app.is_running


async def test_the_palette_needs_no_emoji_font(tui_db: Path) -> None:
    app = app_for(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        text = screen_text(app)
        assert "\U0001f50e" not in text and "\U0001f50d" not in text
        wide = sorted({ch for ch in text if ord(ch) >= 0x2600 and ch not in "━╸╺▁▏"})
        assert not wide, wide


async def test_an_empty_table_without_filters_does_not_mention_them(tmp_path: Path) -> None:
    start = MINIMAL_PLAN.index("[[projects]]")
    no_projects = MINIMAL_PLAN[:start] + MINIMAL_PLAN[MINIMAL_PLAN.index("[[indicators]]") :]
    db = tmp_path / "empty.duckdb"
    load_files([write(tmp_path / "p.toml", no_projects)], db)
    app = app_for(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        text = screen_text(app)
        assert "0 projects" in text and "No projects in this database" in text
        assert "Press x" not in text
