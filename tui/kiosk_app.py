"""The app in kiosk mode: the same screens, with every way to write or escape closed.

:class:`KioskApp` is the app the command line starts with ``--kiosk``.  What
it takes away, and why, is listed in :mod:`~planscope.tui.kiosk`; here each limit is an
override of one of the app's entry points, so the normal app's code stays as
it is:

- export (``e``, F2 in search) says it is off, or, with ``--export-dir``,
  asks only for the format and writes into that folder;
- the palette's Screenshot says it is off, or saves into ``--export-dir``;
- ctrl+z says suspend is off, and SIGTSTP is ignored, so the login can never
  be left stopped with no shell to resume it;
- the help screen starts with a line saying kiosk mode is on.
"""

from __future__ import annotations

import signal
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from planscope.tui import keys
from planscope.tui.app import PlanscopeApp
from planscope.tui.export import ExportScreen, start_export
from planscope.tui.help import HelpScreen, help_content
from planscope.tui.host import export_job_of
from planscope.tui.kiosk import Kiosk
from planscope.tui.text import join, literal, message
from planscope.tui.widgets import PickList

EXPORT_OFF = "Export is off in kiosk mode"
SCREENSHOT_OFF = "Screenshots are off in kiosk mode"
SUSPEND_OFF = "Suspend is off in kiosk mode"


class KioskExportScreen(ExportScreen):
    """The export dialog with the folder fixed by the administrator: only the format is chosen.

    It has no text box at all, so no path can be typed, and otherwise is the
    usual dialog (same ids, same keys).
    """

    HINT = "Enter or F2 exports; Escape cancels."

    def folder_rows(self) -> ComposeResult:
        """The administrator's folder, as plain text."""
        yield Static(join("Folder (set by the administrator): ", literal(str(self.folder))))

    def first_field(self) -> Widget:
        """The format list: there is nothing else to fill in."""
        return self.query_one("#export-format", PickList)

    def chosen_folder(self) -> Path:
        """Always the administrator's folder."""
        return self.folder


class KioskHelpScreen(HelpScreen):
    """The help screen, led by a line that says kiosk mode is on and what it turns off."""

    def __init__(self, kiosk: Kiosk) -> None:
        super().__init__()
        self.kiosk = kiosk

    def on_mount(self) -> None:
        """Put the kiosk line under the title and list the kiosk keys (HelpScreen's own handler focuses)."""
        note = Static(Content.styled(self.kiosk.describe(), "bold"), id="help-kiosk")
        note.styles.padding = (0, 1)
        self.query_one("#help-dialog").mount(note, after="#help-title")
        self.query_one("#help-body", Static).update(help_content(keys.KIOSK_SECTIONS))


class KioskApp(PlanscopeApp):
    """The app for a login that runs only planscope (see :mod:`~planscope.tui.kiosk`)."""

    BINDINGS: ClassVar[list[BindingType]] = [*PlanscopeApp.BINDINGS, *keys.KIOSK]

    def __init__(
        self, db_path: Path, *, kiosk: Kiosk, theme: str | None = None, test_mode: bool = False
    ) -> None:
        super().__init__(db_path, theme=theme, test_mode=test_mode, build_default=False)
        self.kiosk = kiosk

    def on_mount(self) -> None:
        """Ignore SIGTSTP: a stopped kiosk session has no shell to resume it from.

        Textual runs PlanscopeApp's own on_mount as well, after this one.
        """
        if not self.test_mode:
            signal.signal(signal.SIGTSTP, signal.SIG_IGN)

    def refuse(self, text: str) -> None:
        """Say that something is off in kiosk mode."""
        self.notify(text, severity="warning", markup=False)

    def action_suspend_process(self) -> None:
        """ctrl+z: never suspend."""
        self.refuse(SUSPEND_OFF)

    def action_export_view(self) -> None:
        """Export into the administrator's folder, or say that export is off."""
        if self.kiosk.export_dir is None:
            self.refuse(EXPORT_OFF)
            return
        job = export_job_of(self.screen)
        if job is None:
            super().action_export_view()  # says there is nothing to export here
            return
        start_export(self, job, KioskExportScreen(job.what, self.kiosk.export_dir))

    def action_help(self) -> None:
        """The help screen, saying kiosk mode is on."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(KioskHelpScreen(self.kiosk))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's palette commands, with Screenshot saying it is off or saving to the export folder."""
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot":
                off = self.kiosk.export_dir is None
                help_text = "Off in kiosk mode" if off else "Save an SVG of the screen to the export folder"
                yield SystemCommand("Screenshot", help_text, self.kiosk_screenshot)
            else:
                yield command

    def kiosk_screenshot(self) -> None:
        """Save an SVG of the screen into the export folder, or say screenshots are off."""
        folder = self.kiosk.export_dir
        if folder is None:
            self.refuse(SCREENSHOT_OFF)
            return
        try:
            written = self.save_screenshot(path=str(folder))
        except OSError as exc:
            text = message(f"Screenshot not saved: {exc.strerror or exc}")
            self.notify(text, severity="error", markup=False)
            return
        self.notify(message(f"Screenshot saved to {written}"), markup=False)
