"""What widgets need from the app, and what the app asks of its screens, written down as types.

Widgets do not call the app's methods by name.  To open a record they post
:class:`OpenRecord`, which bubbles up to the app and is handled there in one
place, whichever tab, screen or palette it came from.  What else they use
of the app (its backend, whether it runs under test, two of its actions) is
the :class:`Host` protocol.  The other way round, what the app asks of the
screen on show (reload, the selected record, what to export) are the small
protocols at the end, which a screen meets by defining the method.

Only Textual is imported here, so the app still starts without DuckDB.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.message import Message

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from planscope.tui.data import Backend, RecordRef
    from planscope.tui.export import ExportJob


class OpenRecord(Message):
    """Open one record's detail view: any widget may post it, the app pushes the screen."""

    def __init__(self, record_id: str) -> None:
        super().__init__()
        self.record_id = record_id


@runtime_checkable
class Host(Protocol):
    """What panes and screens use of the planscope app, beyond Textual's own ``App``."""

    #: The database, opened on a worker after the first frame.
    backend: Backend
    #: True under the tests: no blinking cursor, so screenshots never depend on timing.
    test_mode: bool

    def action_compare_plans(self, plan_a: str | None = None) -> None:
        """Compare two plans side by side, ``plan_a`` already chosen if given."""
        ...

    def action_export_view(self) -> None:
        """Export what the screen on show offers (a screen's own key may ask for it)."""
        ...


def host_of(node: DOMNode) -> Host:
    """The planscope app that ``node`` belongs to.

    A planscope widget mounted in some other app is a mistake in the code,
    so it fails here, by name, rather than later on a missing attribute.
    """
    app = node.app
    if not isinstance(app, Host):
        raise TypeError(f"{type(app).__name__} is not a planscope app")
    return app


@runtime_checkable
class Reloads(Protocol):
    """A screen that refreshes itself when the database file was replaced."""

    def reload(self) -> None:
        """Query the store again and redraw."""
        ...


@runtime_checkable
class ShowsRecord(Protocol):
    """A screen with a selected record, which `y` copies."""

    def current_record(self) -> RecordRef | None:
        """The record selected now; None when nothing is."""
        ...


@runtime_checkable
class Exports(Protocol):
    """A screen that offers what it shows for export (`e`)."""

    def export_job(self) -> ExportJob | None:
        """What to export; None when there is nothing to export yet."""
        ...


def record_of(screen: object) -> RecordRef | None:
    """The record selected on ``screen``; None when it selects none, or selects nothing now."""
    return screen.current_record() if isinstance(screen, ShowsRecord) else None


def export_job_of(screen: object) -> ExportJob | None:
    """What ``screen`` offers to export; None when it offers nothing, or nothing now."""
    return screen.export_job() if isinstance(screen, Exports) else None
