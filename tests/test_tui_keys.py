"""Keys that arrive together all count, each on the screen it leads to.

Over a slow link several keys come in one read.  The parser must split
them (Escape then q is not Alt+q) and the app must hand each key to the
widgets only after the key before it has been dealt with (Escape may close
the screen the next key was meant for).  The Pilot tests post the keys the
way the driver does, back to back, without waiting in between.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from planscope.tui.app import PlanscopeApp
from planscope.tui.search import SearchScreen
from planscope.tui.terminal import BatchParser
from tests.tui_helpers import screen_text, settle


def keys_of(*reads: str) -> list[str]:
    parser = BatchParser()
    found = []
    for data in reads:
        found += [e.key for e in parser.feed(data) if isinstance(e, events.Key)]
    return found


@pytest.mark.parametrize(
    ("reads", "keys"),
    [
        (["\x1b\x1bq"], ["escape", "escape", "q"]),
        (["\x1bq"], ["escape", "q"]),
        (["\x1b\r"], ["escape", "enter"]),
        (["/eco\x1b\x1b4"], ["slash", "e", "c", "o", "escape", "escape", "4"]),
        (["\x1b[A\x1b[B"], ["up", "down"]),  # escape sequences are still sequences
        (["\x1bOP", "\x1b[15~"], ["f1", "f5"]),
        (["\x1b", "[A"], ["up"]),  # a sequence split across reads
    ],
)
def test_the_parser_splits_a_batch_into_every_key(reads: list[str], keys: list[str]) -> None:
    assert keys_of(*reads) == keys


def send_together(app: PlanscopeApp, *keys: tuple[str, str | None]) -> None:
    """Post keys as the driver does when they come in one read: all at once."""
    for key, character in keys:
        app.post_message(events.Key(key, character))


async def test_escape_escape_q_closes_search_and_quits(tui_db: Path) -> None:
    app = PlanscopeApp(tui_db, test_mode=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        send_together(app, ("escape", "\x1b"), ("escape", "\x1b"), ("q", "q"))
        await settle(pilot)
        assert app.return_code == 0, f"still running; the screen shows:\n{screen_text(app)}"


async def test_slash_and_text_together_search_for_the_text(tui_db: Path) -> None:
    app = PlanscopeApp(tui_db, test_mode=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        send_together(app, ("slash", "/"), *((c, c) for c in "eco-city"))
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_text == "eco-city"
        assert "Sino-Singapore" in screen_text(app)


async def test_a_burst_of_tab_keys_ends_on_the_last(tui_db: Path) -> None:
    app = PlanscopeApp(tui_db, test_mode=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        send_together(app, *((k, k) for k in "3425"), ("escape", "\x1b"), ("question_mark", "?"))
        await settle(pilot)
        assert app.main.active_tab == "indicators"
        assert "planscope keys" in screen_text(app)
