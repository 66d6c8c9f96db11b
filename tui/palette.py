"""Command palette (ctrl+p): the app's commands, and a jump to any record by name.

Record titles are data, and the palette parses what a Hit displays and its
help text as markup, so hits are built from literal Content and the help is
escaped; match highlighting is done on the cleaned title instead of through
``Matcher.highlight`` (which would parse the title as markup).

Of Textual's own commands, "Keys" is left out (its side panel showed each
key's text twice and Escape did not close it; "help: Keys" opens the app's
help instead) and "Screenshot" saves to the current folder and says where.
The palette shows ``>`` where Textual shows a magnifier emoji, which needs
an emoji font that a server's terminal may lack.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider, SearchIcon
from textual.markup import escape

from planscope.tui.host import Host, OpenRecord
from planscope.tui.text import highlighted, join, literal, message, plain

if TYPE_CHECKING:
    from planscope.store.results import Hit as StoreHit
    from planscope.tui.data import Backend


class Palette(CommandPalette):
    """Textual's command palette, with a plain character for its search icon."""

    def on_mount(self) -> None:
        """Replace the magnifier emoji."""
        self.query_one(SearchIcon).icon = ">"


def system_commands(app: App[Any], commands: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """Textual's commands without its "Keys" panel, and with a screenshot that says where it went."""
    for command in commands:
        if command.title == "Keys":
            continue
        if command.title == "Screenshot":
            yield SystemCommand(
                "Screenshot",
                "Save an SVG picture of the screen in the current folder",
                lambda: app.set_timer(0.1, partial(save_screenshot, app)),  # once the palette is gone
            )
            continue
        yield command


def save_screenshot(app: App[Any]) -> None:
    """Save the screen as SVG in the current folder, and say where (or why not) in a notification."""
    try:
        path = Path(app.save_screenshot(path=str(Path.cwd())))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        app.notify(
            message(f"Could not save the screenshot: {reason}"),
            title="Screenshot",
            severity="error",
            markup=False,
        )
        return
    app.notify(message(f"Screenshot saved to {path}"), timeout=10, markup=False)


#: Fewest characters before the store is asked, and most hits shown.
MIN_QUERY = 2
LIMIT = 20


class PlanscopeCommands(Provider):
    """The app's own commands, titled ``area: Action``."""

    def commands(self) -> list[tuple[str, str, str]]:
        """(title, action, help) of each command."""
        return [
            ("tabs: Overview", "app.show_tab('overview')", "Plans, counts and key indicators (key 1)"),
            ("tabs: Goals", "app.show_tab('goals')", "The goal tree (key 2)"),
            ("tabs: Projects", "app.show_tab('projects')", "The projects table (key 3)"),
            ("tabs: Timeline", "app.show_tab('timeline')", "Gantt chart and milestones (key 4)"),
            ("tabs: Indicators", "app.show_tab('indicators')", "Targets and progress (key 5)"),
            ("tabs: Changes", "app.show_tab('changes')", "What changed from edition to edition (key 6)"),
            ("compare: Compare plans...", "app.compare_plans", "Two plans side by side (or c on a plan)"),
            ("search: Find records", "app.search", "Search every kind of record (key /)"),
            ("help: Keys", "app.help", "Every key and what it does (key ?)"),
        ]

    def _run(self, action: str) -> None:
        self.app.call_later(self.app.run_action, action)

    async def discover(self) -> Hits:
        """All commands, before anything is typed."""
        for title, action, help_text in self.commands():
            yield DiscoveryHit(title, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands whose title matches the query (titles are constants, safe as markup)."""
        matcher = self.matcher(query)
        for title, action, help_text in self.commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action), help=help_text)


class RecordsProvider(Provider):
    """Jump to any record by name: the store's ranked search, shown literally."""

    async def search(self, query: str) -> Hits:
        """Hits from the store for ``query`` (run on a thread, so typing never waits)."""
        app = self.app
        if not isinstance(app, Host) or not app.backend.is_open or len(query.strip()) < MIN_QUERY:
            return
        try:
            hits = await asyncio.to_thread(_find, app.backend, query)
        except Exception as exc:
            from planscope.tui.data import report_error

            report_error(app, exc)
            return
        top = max((h.score for h in hits), default=1) or 1
        for hit in hits:
            display = join(literal(f"{hit.kind:<10}", "dim"), highlighted(hit.title, query, "bold underline"))
            yield Hit(
                min(1.0, max(0.01, hit.score / top)),
                display,
                partial(app.post_message, OpenRecord(hit.id)),
                text=plain(hit.title),
                help=escape(f"{hit.kind} {plain(hit.id)}"),
            )


def _find(backend: Backend, query: str) -> list[StoreHit]:
    from planscope.store.queries.search import search

    return backend.run(lambda cur: search(cur, query, limit=LIMIT))
