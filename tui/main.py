"""The main screen: five tabs (built lazily) and the Footer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.lazy import Lazy
from textual.screen import Screen
from textual.widgets import Footer, TabbedContent, TabPane

from tui.data import RecordRef
from tui.export import ExportJob
from tui.goals import GoalsPane
from tui.indicators import IndicatorsPane
from tui.overview import OverviewPane
from tui.pane import Pane
from tui.projects import ProjectsPane
from tui.timeline import TimelinePane

#: The tabs in order: (id, title).  The digit in each title is its key.
TABS = [
    ("overview", "1 Overview"),
    ("goals", "2 Goals"),
    ("projects", "3 Projects"),
    ("timeline", "4 Timeline"),
    ("indicators", "5 Indicators"),
]


class MainScreen(Screen[None]):
    """The tabs.  Panes mount after the first frame and query only once shown."""

    def compose(self) -> ComposeResult:
        """Five tabs, each pane wrapped in Lazy so it mounts after the first frame."""
        panes = [OverviewPane(), GoalsPane(), ProjectsPane(), TimelinePane(), IndicatorsPane()]
        with TabbedContent(initial="overview", id="tabs"):
            for (tab, title), pane in zip(TABS, panes, strict=True):
                with TabPane(title, id=tab):
                    yield Lazy(pane)
        yield Footer(compact=True)

    @property
    def active_tab(self) -> str:
        """The id of the tab on show."""
        return self.query_one(TabbedContent).active

    def active_pane(self) -> Pane | None:
        """The pane of the tab on show, once it has mounted."""
        found = self.query(f"#{self.active_tab}-pane")
        pane = found.first() if found else None
        return pane if isinstance(pane, Pane) else None

    def show_tab(self, tab: str) -> None:
        """Switch to a tab and put the focus in it."""
        self.query_one(TabbedContent).active = tab
        self.focus_active()

    def focus_active(self) -> None:
        """Focus the main widget of whichever tab is active *now*.

        Deferred focus must be decided when it happens: focusing a widget in a
        hidden tab makes TabbedContent switch to that tab, which would undo a
        tab key pressed in between.
        """
        pane = self.active_pane()
        if pane is not None:
            pane.focus_main()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """A click on a tab moves the focus into it, so the keys act on its content."""
        self.call_after_refresh(self.focus_active)

    def on_pane_ready(self, event: Pane.Ready) -> None:
        """The pane of the active tab takes the focus once it exists."""
        if self.active_tab == event.pane.TAB:
            self.focus_active()

    def reload(self) -> None:
        """Query again in every pane that has been shown."""
        for pane in self.query(Pane):
            if pane.started:
                pane.reload()

    def export_job(self) -> ExportJob | None:
        """What the active tab can export, if anything."""
        pane = self.active_pane()
        return pane.export_job() if pane is not None else None

    def current_record(self) -> RecordRef | None:
        """The record selected in the active tab."""
        pane = self.active_pane()
        return pane.current_record() if pane is not None else None
