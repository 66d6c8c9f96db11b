"""The tabs screen, always the bottom of the app's screen stack: the tabs (built lazily) and the Footer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, TabbedContent, TabPane

from planscope.tui.data import RecordRef
from planscope.tui.overview import OverviewPane
from planscope.tui.pane import Pane

if TYPE_CHECKING:
    from planscope.tui.export import ExportJob

#: The tabs in order: (id, title).  The digit in each title is its key.
TABS = [
    ("overview", "1 Overview"),
    ("goals", "2 Goals"),
    ("projects", "3 Projects"),
    ("timeline", "4 Timeline"),
    ("indicators", "5 Indicators"),
    ("changes", "6 Changes"),
]


#: Seconds after mounting before the active tab's pane, then the others, are built.
FIRST_PANE_DELAY = 0.08
OTHER_PANES_DELAY = 0.15


def make_pane(tab: str) -> Pane:
    """A tab's pane; its module (and the widgets it needs) is imported only now."""
    if tab == "overview":
        return OverviewPane()
    if tab == "goals":
        from planscope.tui.goals import GoalsPane

        return GoalsPane()
    if tab == "projects":
        from planscope.tui.projects import ProjectsPane

        return ProjectsPane()
    if tab == "timeline":
        from planscope.tui.timeline import TimelinePane

        return TimelinePane()
    if tab == "changes":
        from planscope.tui.changes import ChangesPane

        return ChangesPane()
    from planscope.tui.indicators import IndicatorsPane

    return IndicatorsPane()


class TabsScreen(Screen[None]):
    """The tabs.  Panes mount after the first frame and query only once shown.

    Only the Overview is built with the screen; the other panes' modules are
    imported and mounted just after the first frame (or at once if their tab
    is chosen sooner), so start-up pays for one tab, not five.
    """

    #: True once the first pane was mounted, after the first frame.
    started = False

    def compose(self) -> ComposeResult:
        """Five empty tabs and the footer: the whole first frame."""
        with TabbedContent(initial="overview", id="tabs"):
            for tab, title in TABS:
                yield TabPane(title, id=tab)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Build the Overview, then the other tabs, once the first frame is out.

        A timer rather than Lazy: work queued right after the first refresh
        keeps the writer thread from sending that frame to the terminal.
        """
        self.set_timer(FIRST_PANE_DELAY, self.mount_first)
        self.set_timer(OTHER_PANES_DELAY, self.mount_remaining)

    def mount_first(self) -> None:
        """Mount the pane of the tab on show; from now on an activated tab mounts its pane."""
        self.started = True
        self.ensure_pane(self.active_tab)

    def mount_remaining(self) -> None:
        """Mount every pane not mounted yet (they stay idle until shown)."""
        for tab, _ in TABS:
            self.ensure_pane(tab)

    def ensure_pane(self, tab: str) -> None:
        """Mount a tab's pane if it is not there yet."""
        holder = self.query_one(f"#{tab}", TabPane)
        if not holder.children:
            holder.mount(make_pane(tab))

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
        self.ensure_pane(tab)
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
        """A click on a tab moves the focus into it, so the keys act on its content.

        The first tab's activation at start-up mounts nothing: mounting the
        Overview there cost 40 ms before the first frame.
        """
        if self.started:
            self.ensure_pane(self.active_tab)
            pane = self.active_pane()
            if pane is not None:
                pane.load_if_due()
        self.call_after_refresh(self.focus_active)

    def on_pane_ready(self, event: Pane.Ready) -> None:
        """The pane of the active tab takes the focus once it exists."""
        if self.active_tab == event.pane.TAB:
            self.focus_active()

    def reload(self) -> None:
        """The database changed: the tab on show loads again now, the others when next shown."""
        for pane in self.query(Pane):
            pane.mark_stale()

    def export_job(self) -> ExportJob | None:
        """What the active tab can export, if anything."""
        pane = self.active_pane()
        return pane.export_job() if pane is not None else None

    def current_record(self) -> RecordRef | None:
        """The record selected in the active tab."""
        pane = self.active_pane()
        return pane.current_record() if pane is not None else None
