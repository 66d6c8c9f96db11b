"""Export what is on show (filtered projects, search hits) to a CSV or JSON file.

The dialog asks for a folder and a format; the writing runs on a worker so a
million filtered projects never freeze the screen, and a notification says
where the file went.  The rows come from the store, in the order on screen.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from planscope.store.errors import PlanscopeError
from planscope.tui import keys
from planscope.tui.data import backend_of, post_back, report_error
from planscope.tui.keybar import KeyBar
from planscope.tui.text import join, literal, message
from planscope.tui.widgets import PickList

if TYPE_CHECKING:
    import duckdb
    from textual.app import App

FORMATS = ("CSV", "JSON")


#: Writes the export: (cursor, format, folder) -> (file written, rows written).
Writer = Callable[["duckdb.DuckDBPyConnection", str, Path], tuple[Path, int]]


@dataclass(frozen=True, slots=True)
class ExportJob:
    """What a screen or tab offers to export: a description and the function that writes it."""

    what: str
    noun: str
    write: Writer


class ExportScreen(ModalScreen[tuple[Path, str] | None]):
    """Ask where to write and in which format.  Enter exports, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.EXPORT)

    def __init__(self, what: str, folder: Path) -> None:
        super().__init__()
        self.what = what
        self.folder = folder

    #: The line under the choices.
    HINT = "Enter or F2 exports; Tab moves; Escape cancels."

    def compose(self) -> ComposeResult:
        """Title, folder, format choice."""
        with Vertical(id="export-dialog"):
            yield Static(join(("Export ", "bold"), literal(self.what, "bold")), id="export-title")
            yield from self.folder_rows()
            yield Static(Content("Format (up/down):"))
            yield PickList(*FORMATS, id="export-format")
            yield Static(Content(self.HINT), classes="status-line")
            yield KeyBar()

    def folder_rows(self) -> ComposeResult:
        """Where the file goes: a box the user may edit."""
        yield Static(Content("Folder:"))
        yield Input(str(self.folder), id="export-folder")

    def on_mount(self) -> None:
        """Start in the first thing to fill in, with CSV chosen."""
        self.query_one("#export-format", PickList).highlighted = 0
        self.first_field().focus()

    def first_field(self) -> Widget:
        """The folder box."""
        return self.query_one(Input)

    def chosen_folder(self) -> Path:
        """The folder typed in the box (the current one if blank)."""
        return Path(self.query_one(Input).value.strip() or ".").expanduser()

    def chosen_format(self) -> str:
        """``csv`` or ``json``: the highlighted line (a highlight, not a colour, marks it)."""
        index = self.query_one("#export-format", PickList).highlighted or 0
        return FORMATS[index].lower()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a format exports."""
        event.stop()
        self.action_export()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the folder box exports."""
        event.stop()
        self.action_export()

    def action_export(self) -> None:
        """Close with the folder and format."""
        self.dismiss((self.chosen_folder(), self.chosen_format()))

    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)


def start_export(
    app: App[Any], job: ExportJob, dialog: ModalScreen[tuple[Path, str] | None] | None = None
) -> None:
    """Ask for folder and format, then write on a worker and say where the file went.

    ``dialog`` replaces the usual one (kiosk mode's fixes the folder).
    """

    def chosen(answer: tuple[Path, str] | None) -> None:
        if answer is None:
            return
        folder, fmt = answer
        app.notify(message(f"Exporting {job.what}..."), markup=False)
        backend = backend_of(app.screen)

        def work() -> None:
            try:
                path, count = backend.run(lambda cur: job.write(cur, fmt, folder))
            except (OSError, PlanscopeError) as exc:
                post_back(app.screen, _failed, app, failure_text(folder, exc))
                return
            except Exception as exc:
                post_back(app.screen, report_error, app, exc)
                return
            noun = job.noun if count == 1 else f"{job.noun}s"
            post_back(app.screen, _say, app, message(f"Exported {count:,} {noun} to {path}"))

        app.run_worker(work, thread=True, group="export", exit_on_error=False)

    app.push_screen(dialog or ExportScreen(job.what, Path(os.getcwd())), chosen)


def failure_text(folder: Path, exc: BaseException) -> str:
    """Why an export failed, in one plain line: the system's own words first (a path may be long)."""
    if isinstance(exc, OSError):
        reason = exc.strerror or type(exc).__name__
        return message(f"{reason}: cannot write to {folder}")
    return message(str(exc))


def _failed(app: App[Any], text: str) -> None:
    app.notify(text, title="Export failed", severity="error", timeout=10, markup=False)


def _say(app: App[Any], text: Content) -> None:
    """Where the file went, shown long enough to copy the path."""
    app.notify(text, timeout=10, markup=False)
