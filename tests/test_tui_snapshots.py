"""SVG snapshots of each tab, the search, a detail and the help at 80x24.

Deterministic by construction: test mode fixes the theme and stops the
input cursor blinking and the reload timer, there is no clock on screen,
and every snapshot waits for the workers before it is taken.  Update with
``pytest tests/test_tui_snapshots.py --snapshot-update`` and review the SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

import pytest
from textual.pilot import Pilot

from planscope.tui.app import PlanscopeApp
from tests.tui_helpers import settle

SnapCompare = Callable[..., bool]


def keys_then_settle(*keys: str) -> Callable[[Pilot[object]], Awaitable[None]]:
    """Settle, press ``keys`` one at a time (settling after each), settle again."""

    async def run(pilot: Pilot[object]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run


CASES: dict[str, Sequence[str]] = {
    "overview": ("1",),
    "goals": ("2", "j", "j", "space"),
    "projects": ("3",),
    "timeline": ("4",),
    "indicators": ("5",),
    "search": ("slash", *"eco-city"),
    "detail": ("slash", *"eco-city", "enter"),
    "help": ("question_mark",),
    "filters": ("3", "f"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_snapshot_80x24(snap_compare: SnapCompare, tui_db: Path, case: str) -> None:
    app = PlanscopeApp(tui_db, test_mode=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys_then_settle(*CASES[case]))
