"""The key bar: the keys that act now, on one line, redrawn only when they change.

Textual's Footer builds one widget per key and rebuilds them all whenever
the bindings may have changed.  Each tab's pane has keys of its own, so
every tab switch cost a dozen widgets unmounted, mounted and styled, which
made switching tabs markedly slower than in a bare Textual app.  This bar
is one widget: it asks the screen for its active bindings when the screen
says they changed, lays them out as the compact Footer did (same keys, same
descriptions, same order, tab digits grouped, the palette key on the right)
and repaints only if the line is different.  A click on a key presses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Any, ClassVar

from textual.content import Content
from textual.widget import Widget

from planscope.tui.text import join, literal

if TYPE_CHECKING:
    from textual import events
    from textual.app import App
    from textual.binding import ActiveBinding
    from textual.screen import Screen

#: Component classes of the bar's parts (styled in DEFAULT_CSS, so themes and NO_COLOR apply).
KEY, DESCRIPTION, DISABLED, HOVER, DIVIDER = (
    ".keybar--key",
    ".keybar--description",
    ".keybar--disabled",
    ".keybar--hover",
    ".keybar--divider",
)
PARTS = (KEY, DESCRIPTION, DISABLED, HOVER, DIVIDER)


@dataclass(frozen=True, slots=True)
class Key:
    """One key as the bar shows it, and what a click on it does."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str


@dataclass(frozen=True, slots=True)
class Entry:
    """A key with its description, or a group's keys (``12345``) followed by the group's name."""

    keys: tuple[Key, ...]
    label: str = ""
    grouped: bool = False
    compact: bool = True


@dataclass(frozen=True, slots=True)
class Layout:
    """The bar's line for one width, and which cells belong to which key."""

    line: Content
    spots: tuple[tuple[int, int, Key], ...]

    def key_at(self, x: int) -> Key | None:
        """The key drawn at column ``x``, if any."""
        return next((key for start, end, key in self.spots if start <= x < end), None)


def _key(app: App[Any], active: ActiveBinding, tooltip: str) -> Key:
    binding = active.binding
    return Key(binding.key, app.get_key_display(binding), binding.description, active.enabled, tooltip)


def entries(screen: Screen[Any]) -> tuple[tuple[Entry, ...], Key | None]:
    """The bar's entries for the screen's active bindings, and the palette key.

    The same selection and order as Textual's Footer: shown bindings only,
    one per action (the first), consecutive bindings of one group merged.
    """
    app = screen.app
    active = screen.active_bindings
    by_action: dict[str, list[ActiveBinding]] = {}
    for item in active.values():
        if item.binding.show:
            by_action.setdefault(item.binding.action, []).append(item)
    found: list[Entry] = []
    for group, runs in groupby(by_action.values(), lambda run: run[0].binding.group):
        firsts = [run[0] for run in runs]
        if group is not None and len(firsts) > 1:
            keys = tuple(_key(app, a, a.tooltip or a.binding.description) for a in firsts)
            found.append(Entry(keys, group.description, grouped=True, compact=group.compact))
        else:
            found += [Entry((_key(app, a, a.tooltip),), a.binding.description) for a in firsts]
    palette = active.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
    corner = None
    if palette is not None:
        corner = _key(app, palette, palette.binding.tooltip or palette.binding.description)
    return tuple(found), corner


def _styled(text: str, style: str, key: Key, hover: Key | None) -> Content:
    """Text of a key in one part's style, dimmed if the key is disabled, marked if under the pointer."""
    content = literal(text, style)
    if not key.enabled:
        content = content.stylize(DISABLED)
    return content.stylize(HOVER) if key is hover else content


def _entry_parts(entry: Entry, hover: Key | None) -> list[tuple[Content, Key | None]]:
    """One entry as pieces of line, each tagged with the key a click on it presses."""
    if entry.grouped:
        gap = Content("" if entry.compact else " ")
        parts: list[tuple[Content, Key | None]] = [(Content(" "), None)]
        for index, key in enumerate(entry.keys):
            if index:
                parts.append((gap, None))
            parts.append((_styled(key.display, KEY, key, hover), key))
        return [*parts, (Content(" "), None), (literal(entry.label, DESCRIPTION), None)]
    (key,) = entry.keys
    text = _styled(key.display, KEY, key, hover)
    if key.description:
        text = join(text, _styled(" " + key.description, DESCRIPTION, key, hover))
    return [(text, key)]


def layout(entries: tuple[Entry, ...], corner: Key | None, width: int, hover: Key | None = None) -> Layout:
    """The line for ``width`` cells: entries from the left, the palette key at the right edge.

    Entries that do not fit are cut at the palette key's divider, never drawn under it.
    """
    corner_text = Content("")
    if corner is not None:
        corner_text = join(
            literal("▏", DIVIDER),
            _styled(corner.display, KEY, corner, hover),
            _styled(" " + corner.description, DESCRIPTION, corner, hover),
            " ",
        )
    room = max(0, width - corner_text.cell_length)
    pieces: list[Content] = []
    spots: list[tuple[int, int, Key]] = []
    x = 0
    for entry in entries:
        for text, key in [*_entry_parts(entry, hover), (Content(" "), None)]:
            if key is not None and x < room:
                spots.append((x, min(room, x + text.cell_length), key))
            pieces.append(text)
            x += text.cell_length
    left = Content("").join(pieces).truncate(room, pad=True)
    if corner is not None and width >= corner_text.cell_length:
        spots.append((room, width - 1, corner))
    return Layout(join(left, corner_text).truncate(width).simplify(), tuple(spots))


class KeyBar(Widget, can_focus=False):
    """The active keys at the foot of a screen, drawn as one line (see the module's docstring)."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {part[1:] for part in PARTS}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        & > .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .keybar--disabled { text-style: dim; }
        & > .keybar--hover { background: $block-hover-background; }
        & > .keybar--divider { color: $foreground 20%; }
    }
    App:nocolor KeyBar > .keybar--hover { text-style: underline; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._entries: tuple[Entry, ...] = ()
        self._corner: Key | None = None
        self._hover: Key | None = None
        self._layout: Layout | None = None

    def on_mount(self) -> None:
        """Follow the screen's bindings from now on."""
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        """Stop following the screen."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """The bindings may have changed: repaint only if the keys shown did."""
        if screen is not self.screen or not self.is_attached:
            return
        found, corner = entries(screen)
        if found != self._entries or corner != self._corner:
            self._entries, self._corner = found, corner
            self._hover = None
            self._layout = None
            self.refresh()

    def current_layout(self) -> Layout:
        """The line for the bar's width now (worked out again only when something changed)."""
        width = self.size.width
        if self._layout is None or self._layout.line.cell_length != width:
            self._layout = layout(self._entries, self._corner, width, self._hover)
        return self._layout

    def render(self) -> Content:
        """The bar's one line."""
        return self.current_layout().line

    def on_resize(self) -> None:
        """A new width lays the line out again."""
        self._layout = None

    def _set_hover(self, key: Key | None) -> None:
        if key is not self._hover:
            self._hover = key
            self._layout = None
            self.tooltip = literal(key.tooltip) if key is not None and key.tooltip else None
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Highlight the key under the pointer and offer its tooltip (shown literally, as data is)."""
        self._set_hover(self.current_layout().key_at(event.x))

    def on_leave(self) -> None:
        """The pointer left: no key is highlighted."""
        self._set_hover(None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A click on a key presses it (a disabled key rings the bell, as in the Footer)."""
        key = self.current_layout().key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
