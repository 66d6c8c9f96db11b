"""The key bar: the focused pane's keys in the Footer's order, drawn literally, cut tidily, clickable.

The expected lines are what Textual's compact Footer showed on each tab,
so a change of order or spacing shows up here.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content

from planscope.tui.app import PlanscopeApp
from planscope.tui.keybar import Entry, Key, KeyBar, layout
from tests.tui_helpers import screen_lines, settle

#: The start of the bar on each tab at 80 columns (the palette key is always at the right).
BARS = {
    "1": "c Compare q Quit / Search ? Keys  123456 tabs ",
    "2": "enter Open space Fold q Quit / Search ? Keys  123456 tabs ",
    "3": "enter Open s Sort r Reverse f Filter x Clear q Quit / Search ? Keys ",
    "4": "enter Open q Quit / Search ? Keys  123456 tabs ",
    "6": "enter Open t Kind c Change x Clear q Quit / Search ? Keys  123456 ta",
}
PALETTE = "▏^p palette "


def bar_line(app: App[object]) -> str:
    """The bottom line of the screen, where the bar is."""
    return screen_lines(app)[-1]


async def test_the_bar_shows_the_focused_panes_keys_and_follows_the_tab(tui_db: Path) -> None:
    app = PlanscopeApp(tui_db, test_mode=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in "1234361":
            await pilot.press(key)
            await settle(pilot)
            line = bar_line(app)
            if key in BARS:
                assert line == BARS[key].ljust(80 - len(PALETTE)) + PALETTE, f"tab {key}: {line!r}"
        await pilot.press("3")
        await settle(pilot)
        assert "Sort" in bar_line(app) and "Compare" not in bar_line(app)
        await pilot.press("2")
        await settle(pilot)
        assert "space Fold" in bar_line(app) and "Sort" not in bar_line(app)


async def test_a_click_on_a_tab_digit_in_the_bar_switches_to_that_tab(tui_db: Path) -> None:
    app = PlanscopeApp(tui_db, test_mode=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        x = bar_line(app).index("123456") + 2  # the "3"
        await pilot.click(KeyBar, offset=(x, 0))
        await settle(pilot)
        assert app.main.active_tab == "projects"
        assert bar_line(app).startswith(BARS["3"])


class BarApp(App[None]):
    """A bare app with a key bar and keys whose descriptions are hostile or disabled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "hit('b')", "[b]bold[/b] $accent \x1b[31m", tooltip="[i]tip[/i]"),
        Binding("d", "hit('d')", "Dead"),
        Binding("x", "hit('x')", "Hit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[str] = []

    def compose(self) -> ComposeResult:
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`d` is shown but disabled."""
        return None if parameters == ("d",) else True

    def action_hit(self, name: str) -> None:
        self.hits.append(name)


async def test_markup_and_controls_in_a_description_are_shown_literally() -> None:
    app = BarApp()
    async with app.run_test(size=(80, 3)) as pilot:
        await pilot.pause()
        line = bar_line(app)
        assert line.startswith("b [b]bold[/b] $accent \\x1b[31m d Dead x Hit ")
        assert "\x1b" not in line


async def test_clicks_press_enabled_keys_and_hovering_offers_the_tooltip() -> None:
    app = BarApp()
    async with app.run_test(size=(80, 3)) as pilot:
        await pilot.pause()
        line = bar_line(app)
        bar = app.query_one(KeyBar)
        await pilot.click(KeyBar, offset=(line.index("x Hit") + 2, 0))
        await pilot.click(KeyBar, offset=(line.index("d Dead"), 0))  # disabled: the bell, no action
        await pilot.click(KeyBar, offset=(line.index("x Hit") - 1, 0))  # the gap between keys
        await pilot.pause()
        assert app.hits == ["x"]
        await pilot.hover(KeyBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(bar.tooltip, Content) and bar.tooltip.plain == "[i]tip[/i]"
        await pilot.hover(KeyBar, offset=(line.index("x Hit"), 0))
        await pilot.pause()
        assert bar.tooltip is None  # a key without a tooltip offers none


def key(name: str, description: str = "") -> Key:
    return Key(name, name, description, True, "")


@pytest.mark.parametrize("width", [80, 40, 13, 12, 5, 0])
def test_what_does_not_fit_is_cut_at_the_palette_key(width: int) -> None:
    entries = (
        *(Entry((key(c, f"Do {c}"),), f"Do {c}") for c in "abcdefgh"),
        Entry(tuple(key(d) for d in "123"), "tabs", grouped=True),
    )
    palette = key("^p", "palette")
    drawn = layout(entries, palette, width)
    text = drawn.line.plain
    assert len(text) == width
    if width >= len(PALETTE):
        assert text.endswith(PALETTE)
        assert text.startswith("a Do a b Do b c Do c"[: width - len(PALETTE)])
        room = width - len(PALETTE)
        assert all(end <= room for start, end, k in drawn.spots if k is not palette)
        assert drawn.key_at(width - 2) is palette
    if width == 80:
        assert "g Do g h Do h  123 tabs " in text
        assert drawn.key_at(text.index("123") + 1) == key("2")


def test_keys_and_descriptions_are_styled_by_the_bar() -> None:
    drawn = layout((Entry((key("q", "Quit"),), "Quit"),), None, 10)
    assert drawn.line.plain == "q Quit    "
    styles = {str(span.style) for span in drawn.line.spans}
    assert styles == {".keybar--key", ".keybar--description"}
