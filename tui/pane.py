"""What every tab has in common: load when first on show, reload on demand, one main widget."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.containers import Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.message import Message
from textual.widget import Widget

from planscope.tui.data import RecordRef
from planscope.tui.text import join, literal

if TYPE_CHECKING:
    from planscope.tui.export import ExportJob
    from planscope.tui.vtable import VirtualTable


class Pane(Vertical):
    """A tab's content.

    It queries nothing until its tab is on show, so start-up costs only the
    visible tab.  Whether its data is current is its own state, not an
    event's: Textual's Show event can fail to arrive for a widget mounted
    just before a repaint (the compositor then counts it as already shown),
    so the pane loads when it mounts in the active tab, when its tab is
    chosen, and on Show, whichever comes first, and only once per change of
    the database.
    """

    DEFAULT_CSS = """
    Pane { height: 1fr; }
    """

    #: The id of the TabPane this pane lives in.
    TAB: ClassVar[str] = ""

    class Ready(Message):
        """The pane is mounted (panes mount lazily, after the first frame)."""

        def __init__(self, pane: Pane) -> None:
            super().__init__()
            self.pane = pane

    def __init__(self) -> None:
        super().__init__(id=f"{self.TAB}-pane")
        #: False until the pane has asked for the database's current data.
        self.current = False

    def on_mount(self) -> None:
        """Tell the screen (which focuses the active tab's pane), and load if the tab is on show."""
        self.post_message(self.Ready(self))
        self._load_if_on_screen()  # (``is_mounted`` turns true only after this handler)

    def on_show(self) -> None:
        """Load if the data is not current (a backup for the tab's own signals)."""
        self.load_if_due()

    @property
    def on_screen(self) -> bool:
        """True when this pane's tab is the active one (asked of the screen, not of events)."""
        return getattr(self.screen, "active_tab", None) == self.TAB

    def load_if_due(self) -> None:
        """Ask for the data if it is not current and the tab is on show (once mounted)."""
        if self.is_mounted:
            self._load_if_on_screen()

    def _load_if_on_screen(self) -> None:
        if not self.current and self.is_attached and self.on_screen:
            self.current = True
            self.reload()

    def mark_stale(self) -> None:
        """The database changed: load again now if on show, else when next shown."""
        self.current = False
        self.load_if_due()

    def reload(self) -> None:
        """Query the store again and redraw (called when the pane's data is due)."""

    def load_failed(self, text: str) -> None:
        """A load failed: say so where the data would be; the next visit to the tab tries again."""
        self.current = False
        self.show_failure(join("Could not load: ", literal(text)))

    def show_failure(self, text: Content) -> None:
        """Put a failure where the pane's data would be (each pane knows where that is)."""

    def on_virtual_table_failed(self, event: VirtualTable.Failed) -> None:
        """A table of this pane could not load (it says so itself): the next visit tries again."""
        self.current = False

    def main_widget(self) -> Widget | None:
        """The widget that takes the focus when the tab is chosen."""
        return None

    def focus_main(self) -> None:
        """Give the focus to the main widget, if it exists yet.

        A pane can be found before its children are composed (a browser session
        sends focus events early); then its Ready message focuses it later.
        """
        try:
            widget = self.main_widget()
        except NoMatches:
            return
        if widget is not None and widget.is_attached:
            self.screen.set_focus(widget)

    def current_record(self) -> RecordRef | None:
        """The selected record, for `y`; None when nothing is selected."""
        return None

    def export_job(self) -> ExportJob | None:
        """What `e` exports from this tab; None when the tab has nothing to export."""
        return None
