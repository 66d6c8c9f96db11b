"""Search and detail in the real app under Pilot: hits, stale answers, links from one record to the next."""

from __future__ import annotations

from pathlib import Path

import pytest

from planscope.tui.detail import DetailScreen
from planscope.tui.search import SearchScreen
from tests.tui_helpers import Notices, app_for, screen_text, settle

SIZES = [(80, 24), (120, 36)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_search_hit_detail_and_back(tui_db: Path, size: tuple[int, int]) -> None:
    app = app_for(tui_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"eco-city")
        await settle(pilot)
        text = screen_text(app)
        assert "Sino-Singapore Tianjin Eco-city" in text
        assert "Project" in text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        text = screen_text(app)
        assert "tj21-proj-eco-city-benchmark" in text
        assert "Citations" in text and "paragraph 12" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.main


async def test_search_keeps_only_the_latest_query(tui_db: Path) -> None:
    app = app_for(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"5g", "backspace", "backspace", *"urban brain")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.hits and all("urban" in (h.title + (h.snippet or "")).lower() for h in screen.hits[:1])
        assert "for 'urban brain'" in screen_text(app)


async def test_stale_hits_are_never_shown(tui_db: Path) -> None:
    from planscope.store.results import Hit

    app, notes = app_for(tui_db), Notices()
    async with app.run_test(size=(80, 24), notifications=True, message_hook=notes) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"eco-city")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        shown = list(screen.hits)
        screen.show_hits("eco", [Hit("goal", "stale-id", None, "A stale answer", 1)])
        await pilot.pause()
        assert screen.hits == shown and "A stale answer" not in screen_text(app)
        await pilot.press("backspace", "escape")  # close while a query is still waiting
        await settle(pilot)
        assert app.screen is app.main and app.is_running
        assert not notes.errors


async def test_search_arrows_choose_a_hit(tui_db: Path) -> None:
    app = app_for(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"tianjin")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen) and len(screen.hits) > 2
        await pilot.press("down", "down", "up")
        second = screen.hits[1]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.record_id == second.id


async def test_detail_links_open_further_details(tui_db: Path) -> None:
    app = app_for(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_record("tj21-proj-eco-city-benchmark")
        await settle(pilot)
        first = app.screen
        assert isinstance(first, DetailScreen)
        await pilot.press("j", "enter")  # the second link: the goal it serves
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen) and app.screen is not first
        assert app.screen.record_id == "tj21-goal-smart-city"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is first
