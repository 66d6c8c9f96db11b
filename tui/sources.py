"""Where a virtual table's rows come from: a source built once on a worker, then sliced.

Kept apart from :mod:`~planscope.tui.data` (which runs single queries) because a
source lives as long as its table shows it, across many page requests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import duckdb

    from planscope.store.results import Page
    from planscope.tui.data import Backend


class RowSource(Protocol):
    """What a virtual table pages from: built once on a worker, then sliced."""

    def build(self) -> int:
        """Prepare the rows; return how many there are."""
        ...

    def rows(self, offset: int, limit: int) -> Sequence[Any]:
        """Rows ``offset`` to ``offset + limit``."""
        ...

    def interrupt(self) -> None:
        """Stop a long build."""
        ...

    def close(self) -> None:
        """Release what the source holds (a cursor, a temporary table).

        The pager calls it once no worker can use the source again: at once
        for a build that failed or was superseded, after the last page
        worker for a source that was replaced, and when the table goes.
        """
        ...


class PagedSource:
    """A RowSource over a store function that returns :class:`Page` objects."""

    def __init__(
        self, store: Backend, page: Callable[[duckdb.DuckDBPyConnection, int, int], Page[Any]]
    ) -> None:
        self._store = store
        self._page = page

    def build(self) -> int:
        """How many rows there are, from a first, one-row page."""
        return self._store.run(lambda cur: self._page(cur, 0, 1)).total

    def rows(self, offset: int, limit: int) -> Sequence[Any]:
        """One slice of rows."""
        return self._store.run(lambda cur: self._page(cur, offset, limit)).rows

    def interrupt(self) -> None:
        """Nothing long runs here."""

    def close(self) -> None:
        """Nothing to release: queries use the thread's own cursor."""
