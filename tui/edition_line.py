"""The Overview's edition line: "edition N, loaded <when>, M changes since edition N-1".

Kept in a module of its own, light to import, because the Overview is built
before the first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from planscope.tui.data import fetch
from planscope.tui.text import plain

if TYPE_CHECKING:
    import duckdb

    from planscope.store.queries.changes import Edition


def when(iso: str | None) -> str:
    """An edition's load time as ``2026-01-05 10:00 UTC``."""
    if not iso:
        return "at an unknown time"
    day, _, time = iso.partition("T")
    return f"{plain(day)} {plain(time[:5])} UTC" if time else plain(day)


def latest(cur: duckdb.DuckDBPyConnection) -> Edition | None:
    """The edition on show."""
    from planscope.store.queries.changes import latest_edition

    return latest_edition(cur)


def edition_text(e: Edition | None) -> str:
    """The line itself; a database without a log says so."""
    if e is None:
        return "No editions recorded in this database."
    text = f"Edition {e.edition}, loaded {when(e.loaded_at)}, "
    if not e.compared:
        return text + "the first edition of this database"
    noun = "change" if e.changes == 1 else "changes"
    return text + f"{e.changes:,} {noun} since edition {e.edition - 1}"


class EditionLine(Static):
    """One line at the top of the Overview, fetched on its own worker when the Overview loads."""

    DEFAULT_CSS = """
    EditionLine { height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def reload(self) -> None:
        """Fetch again (also after the database was reloaded)."""
        fetch(self, latest, self._show, group="edition-line")

    def _show(self, edition: Edition | None) -> None:
        self.update(Content(edition_text(edition)))
