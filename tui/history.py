"""A record's History in its detail view: its changes, edition by edition, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from planscope.tui.changes import ARROW, NONE
from planscope.tui.data import fetch
from planscope.tui.edition_line import when
from planscope.tui.text import join, literal

if TYPE_CHECKING:
    import duckdb

    from planscope.store.queries.changes import Change, Edition
    from planscope.tui.data import Query

#: Most changes listed; a record rewritten in every edition still reads at a glance.
LIMIT = 200


def load_history(record_id: str) -> Query[tuple[list[Change], Edition | None]]:
    """A query for one record's changes and the latest edition, in one worker trip."""

    def query(cur: duckdb.DuckDBPyConnection) -> tuple[list[Change], Edition | None]:
        from planscope.store.queries.changes import history, latest_edition

        return history(cur, record_id, LIMIT + 1), latest_edition(cur)

    return query


def history_lines(changes: list[Change], latest: Edition | None) -> list[Content]:
    """The History section: a heading, then per edition what happened to the record."""
    lines = [Content.styled("History", "bold underline")]
    if latest is None:
        return [*lines, Content("This database keeps no history.")]
    if not changes:
        since = "its first edition" if latest.edition == 1 else "edition 1"
        return [*lines, Content(f"No changes since {since} (this is edition {latest.edition}).")]
    edition = None
    for c in changes[:LIMIT]:
        if c.edition != edition:
            edition = c.edition
            lines.append(Content.styled(f"Edition {c.edition}, loaded {when(c.loaded_at)}", "bold"))
        if c.field is None:
            lines.append(Content(f"  {c.change} in this edition"))
        else:
            old = NONE if c.old is None else c.old
            new = NONE if c.new is None else c.new
            lines.append(join("  ", literal(c.field, "dim"), ": ", literal(old), ARROW, literal(new)))
    if len(changes) > LIMIT:
        lines.append(join("  and older ones: planscope changes --id ", literal(changes[0].id)))
    return lines


class HistorySection(Static):
    """The History of one record, fetched on its own so the fields never wait for it."""

    def __init__(self, record_id: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(Content(""), id=id, classes=classes)
        self.record_id = record_id

    def reload(self) -> None:
        """Fetch again (also after the database was reloaded)."""
        fetch(self, load_history(self.record_id), self._show, group=f"history-{id(self)}")

    def _show(self, found: tuple[list[Change], Edition | None]) -> None:
        self.update(Content("\n").join(history_lines(*found)))
