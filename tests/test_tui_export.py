"""`e` exports the view on show (filtered projects, search hits) to a folder the user picks."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from planscope.tui.app import PlanscopeApp
from planscope.tui.export import ExportScreen
from planscope.tui.search import SearchScreen
from tests.tui_helpers import Notices, screen_text, settle


async def test_filtered_projects_export_as_csv(tui_db: Path, tmp_path: Path) -> None:
    app, notes = PlanscopeApp(tui_db, test_mode=True), Notices()
    async with app.run_test(size=(80, 24), message_hook=notes) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("j", "j", "enter", "escape")  # status: Done
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        assert "Export the filtered projects" in screen_text(app)
        app.screen.query_one("#export-folder").value = str(tmp_path)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        written = tmp_path / "planscope-projects.csv"
        rows = list(csv.DictReader(written.open(encoding="utf-8")))
        assert len(rows) == 4 and {r["status"] for r in rows} == {"done"}
        assert f"Exported 4 projects to {written}" in " ".join(notes.messages)


async def test_search_hits_export_as_json_with_f2(tui_db: Path, tmp_path: Path) -> None:
    app = PlanscopeApp(tui_db, test_mode=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"eco-city")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        hits = [h.id for h in app.screen.hits]
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-folder").value = str(tmp_path)  # type: ignore[attr-defined]
        await pilot.press("tab", "down", "f2")  # JSON
        await settle(pilot)
        data = json.loads((tmp_path / "planscope-search.json").read_text(encoding="utf-8"))
        assert [d["id"] for d in data] == hits and hits


async def test_escape_cancels_and_tabs_without_rows_say_so(tui_db: Path, tmp_path: Path) -> None:
    app, notes = PlanscopeApp(tui_db, test_mode=True), Notices()
    async with app.run_test(size=(80, 24), message_hook=notes) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert "Nothing to export here" in " ".join(notes.messages)
        await pilot.press("3", "e")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ExportScreen)
        assert not list(tmp_path.iterdir())


async def test_a_missing_folder_is_a_notification(tui_db: Path, tmp_path: Path) -> None:
    app, notes = PlanscopeApp(tui_db, test_mode=True), Notices()
    async with app.run_test(size=(80, 24), message_hook=notes) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#export-folder").value = str(tmp_path / "nope")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        assert "no such folder" in " ".join(notes.messages)


async def export_projects_to(tui_db: Path, folder: str) -> list[tuple[str, str, str]]:
    """Export the Projects tab to ``folder``; the notifications that follow, as (title, message, severity)."""
    app, notes = PlanscopeApp(tui_db, test_mode=True), Notices()
    async with app.run_test(size=(80, 24), message_hook=notes) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#export-folder").value = folder  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running
        return [(str(n.title), str(n.message), str(n.severity)) for n in notes.seen]


def assert_plain_failure(found: list[tuple[str, str, str]], *words: str) -> None:
    errors = [(title, text) for title, text, severity in found if severity == "error"]
    assert len(errors) == 1, found
    title, text = errors[0]
    assert title == "Export failed"
    assert "Error" not in text and "Errno" not in text and "internal" not in text, text
    assert "\n" not in text and len(text) <= 300
    for word in words:
        assert word.lower() in text.lower(), text


@pytest.mark.parametrize(
    ("folder", "words"),
    [
        ("/proc", ["cannot write /proc/planscope-projects.csv"]),
        ("x" * 5000, ["file name too long"]),
    ],
    ids=["proc", "name-too-long"],
)
async def test_an_impossible_folder_says_so_plainly(tui_db: Path, folder: str, words: list[str]) -> None:
    assert_plain_failure(await export_projects_to(tui_db, folder), *words)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to a read-only folder")
async def test_a_read_only_folder_says_so_plainly(tui_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        found = await export_projects_to(tui_db, str(folder))
    finally:
        folder.chmod(0o755)
    assert_plain_failure(found, str(folder), "permission denied")
