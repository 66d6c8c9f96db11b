"""What every tab has in common: load on first show, reload on demand, one main widget."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.widget import Widget

from tui.data import RecordRef

if TYPE_CHECKING:
    from tui.export import ExportJob


class Pane(Vertical):
    """A tab's content.

    It queries nothing until it is first shown, so start-up costs only the
    visible tab, and :meth:`reload` runs its queries again when the database
    file was replaced.
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
        self.started = False

    def on_mount(self) -> None:
        """Tell the screen, which gives the focus to the pane of the active tab."""
        self.post_message(self.Ready(self))

    def on_show(self) -> None:
        """Load the first time the tab becomes visible."""
        self.start()

    def start(self) -> None:
        """Load, unless already started.

        The screen also calls this when the pane of the tab on show mounts: at
        start-up Textual can miss the Show event (seen in browser sessions),
        which would leave the tab on "Loading..." for good.
        """
        if not self.started:
            self.started = True
            self.reload()

    def reload(self) -> None:
        """Query the store again and redraw (called on first show and after a reload)."""

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
