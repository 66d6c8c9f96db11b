"""The planscope App, and :func:`run_app`, the command line's way into it.

First paint must stay close to a bare Textual app, so this module imports
only Textual and the app's own light modules: DuckDB and the store's query
modules load on worker threads, after the first frame, when the database is
opened and queried.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import BindingType
from textual.screen import Screen

if TYPE_CHECKING:
    from collections.abc import Iterable

    from textual.app import SystemCommand
    from textual.command import Provider
    from textual.driver import Driver

    from planscope.tui.kiosk import Kiosk

from planscope.tui import keys
from planscope.tui.colour import default_theme, without_colour
from planscope.tui.data import Backend, post_back, report_error
from planscope.tui.host import OpenRecord, Reloads, export_job_of, record_of
from planscope.tui.keyorder import KeyOrder
from planscope.tui.tabs_screen import TabsScreen
from planscope.tui.text import message, plain

#: Seconds between checks for a replaced database file.
RELOAD_EVERY = 2.0
#: Seconds between the first frame and opening the database.
OPEN_DELAY = 0.1
#: Signals that end the app cleanly, with exit code 128 + the signal's number.
EXIT_SIGNALS = (signal.SIGHUP, signal.SIGTERM) if hasattr(signal, "SIGHUP") else ()


def _palette(name: str) -> type[Provider]:
    """A palette provider, imported when the palette first opens rather than at start-up."""
    from planscope.tui import palette

    return getattr(palette, name)  # type: ignore[no-any-return]


class PlanscopeApp(App[int]):
    """Browse a plan database: tabs, detail, search, palette and help.

    ``test_mode`` makes it deterministic for the tests: it fixes the theme and
    stops the reload timer and the input cursor's blink, so screenshots come
    out the same on every run.
    """

    CSS_PATH = "planscope.tcss"
    TITLE = "planscope"
    BINDINGS: ClassVar[list[BindingType]] = list(keys.APP)
    COMMANDS = App.COMMANDS | {lambda: _palette("PlanscopeCommands"), lambda: _palette("RecordsProvider")}

    def __init__(
        self, db_path: Path, *, theme: str | None = None, test_mode: bool = False, build_default: bool = False
    ) -> None:
        wanted = theme or ("textual-dark" if test_mode else default_theme())
        # Textual picks its NO_COLOR filter when the app is made: an ANSI theme needs the
        # filter that drops colours to the terminal's defaults, not the one that turns them
        # grey (which a 16-colour terminal then shows as black on black).
        super().__init__(ansi_color=True if wanted.startswith("ansi") else None)
        if self.no_color:
            self._filters = without_colour(self._filters)
        self.backend = Backend(Path(db_path), build_default=build_default)
        self.test_mode = test_mode
        self.sub_title = Path(db_path).name
        self._unknown_theme: str | None = None
        #: The database generation the screens show (see :meth:`caught_up`).
        self._generation = 0
        if wanted in self.available_themes:
            self.theme = wanted
        else:
            self._unknown_theme = wanted
        #: The tabs, always at the bottom of the screen stack.
        self.main = TabsScreen()
        self.key_order = KeyOrder(self)

    def get_default_screen(self) -> Screen[Any]:
        """The tabs are the bottom of the screen stack."""
        return self.main

    async def on_event(self, event: events.Event) -> None:
        """Keys go to the widgets one at a time, each once the key before it is done (see keyorder)."""
        if not isinstance(event, events.Key):
            await super().on_event(event)
        elif event.is_forwarded:  # back from the widgets: the bindings run now, and then it is done
            await super().on_event(event)
            self.key_order.finished(event)
        elif self.key_order.admit(event):
            await super().on_event(event)
            self.key_order.sent(event)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's palette commands, adjusted for this app (see :mod:`~planscope.tui.palette`)."""
        from planscope.tui.palette import system_commands

        return system_commands(self, super().get_system_commands(screen))

    def action_command_palette(self) -> None:
        """The command palette, with a search icon that needs no emoji font."""
        from planscope.tui.palette import Palette

        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(id="--command-palette"))

    def get_driver_class(self) -> type[Driver]:
        """On Linux and macOS, the driver that reads batched keys right and ends with its terminal."""
        from textual import constants

        if sys.platform == "win32" or constants.DRIVER:
            return super().get_driver_class()
        from planscope.tui.terminal import PlanscopeDriver

        return PlanscopeDriver

    def _exit_on_signals(self) -> None:
        """A hang-up (SSH dropped) or a polite kill ends the app and gives the terminal back.

        A signal already ignored when the app started (``nohup``) stays
        ignored: the terminal going away still ends the app, through its input.
        """
        loop = asyncio.get_running_loop()
        for number in EXIT_SIGNALS:
            if signal.getsignal(number) is not signal.SIG_IGN:
                loop.add_signal_handler(number, self.exit, None, 128 + number)

    def on_mount(self) -> None:
        """Open the database on a worker (after the first frame) and watch for reloads."""
        if not self.is_headless:
            self._exit_on_signals()
        # Importing DuckDB holds the GIL for tens of milliseconds, which would keep the writer
        # thread from sending the first frame: open a moment after the frame is composed.
        self.call_after_refresh(self.set_timer, OPEN_DELAY, self._start_open)
        if self._unknown_theme:
            names = ", ".join(sorted(self.available_themes))
            self.notify(
                message(f"No theme called {self._unknown_theme!r}; themes: {names}"),
                severity="warning",
                markup=False,
            )
        if not self.test_mode:
            self.set_interval(RELOAD_EVERY, self.check_reload)

    def _start_open(self) -> None:
        self.run_worker(self._open_store, thread=True, group="open", exit_on_error=False)

    def _open_store(self) -> None:
        self.backend.open()
        try:
            self.backend.db  # noqa: B018 - raises the open's error, if any
        except Exception as exc:
            post_back(self, report_error, self, exc)

    def on_unmount(self) -> None:
        """Close the database with the app."""
        self.backend.close()
        if not self.is_headless:
            loop = asyncio.get_running_loop()
            for number in EXIT_SIGNALS:
                loop.remove_signal_handler(number)

    # -- reloads -----------------------------------------------------------------

    def check_reload(self) -> None:
        """Look, on a worker, whether the database file was replaced."""
        if self.backend.is_open:
            self.run_worker(
                self._check_reload, thread=True, group="reload", exclusive=True, exit_on_error=False
            )

    def _check_reload(self) -> None:
        try:
            self.backend.reload_if_changed()
        except Exception as exc:
            post_back(self, report_error, self, exc)
            return
        post_back(self, self.caught_up, self.backend.generation)

    def caught_up(self, generation: int) -> None:
        """Refresh the screens if the database was reopened since they were last refreshed.

        Any query may be the one that notices the replaced file and reopens
        it, so the check compares generations rather than asking who
        reopened: no reload goes unannounced.
        """
        if generation != self._generation:
            self._generation = generation
            self.reloaded()

    def reloaded(self) -> None:
        """Refresh what is on show and say so."""
        self.notify("Database reloaded", markup=False)
        self.main.reload()
        for screen in self.screen_stack:
            if screen is not self.main and isinstance(screen, Reloads):
                screen.reload()

    # -- actions -----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Tab keys act only on the tabs screen (elsewhere digits are for typing)."""
        if action == "show_tab":
            return self.screen is self.main
        return True

    def action_show_tab(self, tab: str) -> None:
        """Show one of the five tabs."""
        self.main.show_tab(tab)

    def action_search(self) -> None:
        """Open the search screen."""
        from planscope.tui.search import SearchScreen

        self.push_screen(SearchScreen())

    def action_help(self) -> None:
        """List every key."""
        from planscope.tui.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_copy_record(self) -> None:
        """Copy the selected record's id and title to the clipboard (OSC 52, works over SSH)."""
        ref = record_of(self.screen)
        if ref is None:
            self.notify("Nothing selected to copy", severity="warning", markup=False)
            return
        self.copy_to_clipboard(f"{plain(ref.id)} {plain(ref.title)}")
        self.notify(message(f"Copied {ref.id}"), markup=False)

    def action_export_view(self) -> None:
        """Export what the screen or tab shows (filtered projects, search hits) to a file."""
        from planscope.tui.export import start_export

        job = export_job_of(self.screen)
        if job is None:
            self.notify(
                "Nothing to export here: try the Projects tab or search results",
                severity="warning",
                markup=False,
            )
            return
        start_export(self, job)

    def action_compare_plans(self, plan_a: str | None = None) -> None:
        """Compare two plans side by side (``plan_a`` already chosen, from a key on a plan)."""
        from planscope.tui.compare import CompareScreen

        self.push_screen(CompareScreen(plan_a))

    def on_open_record(self, request: OpenRecord) -> None:
        """Every "open this record" from a tab, screen or the palette ends here."""
        self.open_record(request.record_id)

    def open_record(self, record_id: str) -> None:
        """Push the detail screen of one record."""
        from planscope.tui.detail import DetailScreen

        self.push_screen(DetailScreen(record_id))


def run_app(
    db_path: Path, *, theme: str | None = None, build_default: bool = False, kiosk: Kiosk | None = None
) -> int:
    """Run the app on ``db_path`` in this terminal and return its exit code (0 after q or ctrl+c).

    The command line's way in.  ``build_default`` says the path is the
    default database, which the app builds from the seeds (on a worker, after
    its first frame) if it is missing or stale.  ``kiosk`` runs the kiosk
    app, with kiosk mode's limits (see tui/kiosk.py).
    """
    app: PlanscopeApp
    if kiosk is None:
        app = PlanscopeApp(db_path, theme=theme, build_default=build_default)
    else:
        from planscope.tui.kiosk_app import KioskApp  # (a subclass: imported here, not above)

        app = KioskApp(db_path, kiosk=kiosk, theme=theme)
    app.run()
    return app.return_code if app.return_code is not None else 0
