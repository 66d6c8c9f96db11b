"""Every key binding of the app, in one registry.

Widgets take their ``BINDINGS`` from here and the help screen lists the same
objects, so what `?` shows can never drift from what the keys do.  Each
binding has an ``id`` (so a keymap can rebind it), a description for the
key bar and the help screen, and only keys that survive every terminal:
letters, digits, arrows, paging keys, Escape, Enter and ctrl+letter.
Never ctrl+enter, which many terminals cannot send.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

TABS = Binding.Group("tabs", compact=True)
MOVE = Binding.Group("move", compact=True)


def bind(
    key: str,
    action: str,
    description: str,
    id: str,
    *,
    show: bool = True,
    display: str | None = None,
    priority: bool = False,
    group: Binding.Group | None = None,
) -> Binding:
    """A Binding with the id, description and tooltip this app insists on."""
    return Binding(
        key,
        action,
        description,
        show=show,
        key_display=display,
        priority=priority,
        tooltip=description,
        id=id,
        group=group,
    )


#: Bindings that work on every screen (outside a text input).
APP = [
    bind("q", "quit", "Quit", "app.quit"),
    bind("ctrl+c", "quit", "Quit", "app.quit_ctrl_c", show=False, display="^c", priority=True),
    bind("slash", "search", "Search", "app.search", display="/"),
    bind("question_mark", "help", "Keys", "app.help", display="?"),
    bind("y", "copy_record", "Copy id", "app.copy", show=False),
    bind("e", "export_view", "Export", "app.export", show=False),
    bind("1", "show_tab('overview')", "Overview", "app.tab.overview", group=TABS),
    bind("2", "show_tab('goals')", "Goals", "app.tab.goals", group=TABS),
    bind("3", "show_tab('projects')", "Projects", "app.tab.projects", group=TABS),
    bind("4", "show_tab('timeline')", "Timeline", "app.tab.timeline", group=TABS),
    bind("5", "show_tab('indicators')", "Indicators", "app.tab.indicators", group=TABS),
    bind("6", "show_tab('changes')", "Changes", "app.tab.changes", group=TABS),
]

#: The command palette key belongs to Textual; listed here so help shows it.
PALETTE = bind("ctrl+p", "command_palette", "Commands and jump to a record", "app.palette", display="^p")

#: Moving in any list, tree or table: vi keys next to the arrows.
LIST = [
    bind("j,down", "cursor_down", "Down", "list.down", show=False, display="j/down"),
    bind("k,up", "cursor_up", "Up", "list.up", show=False, display="k/up"),
]

#: Scrolling a page of text (detail fields, help, the Gantt chart).
SCROLL = [
    bind("j,down", "scroll_down", "Scroll down", "scroll.down", show=False, display="j/down"),
    bind("k,up", "scroll_up", "Scroll up", "scroll.up", show=False, display="k/up"),
]

#: The virtual tables (projects, milestones, indicators).
TABLE = [
    *LIST,
    bind("pagedown", "page_down", "Page down", "table.page_down", show=False, display="pgdn"),
    bind("pageup", "page_up", "Page up", "table.page_up", show=False, display="pgup"),
    bind("home", "first", "First row", "table.first", show=False),
    bind("end", "last", "Last row", "table.last", show=False),
    bind("enter", "open", "Open", "table.open", display="enter"),
]

#: The goal tree: Enter opens, space folds.
TREE = [
    *LIST,
    bind("enter", "select_cursor", "Open", "tree.open", display="enter"),
    bind("space", "toggle_node", "Fold", "tree.fold"),
]

#: The Projects tab: sorting and filtering.
PROJECTS = [
    bind("s", "next_sort", "Sort", "projects.sort"),
    bind("r", "reverse_sort", "Reverse", "projects.reverse"),
    bind("f", "filters", "Filter", "projects.filter"),
    bind("x", "clear_filters", "Clear", "projects.clear"),
]

#: The Changes tab: filters by kind of record and kind of change.
CHANGES = [
    bind("t", "next_kind", "Kind", "changes.kind"),
    bind("c", "next_change", "Change", "changes.change"),
    bind("x", "clear_filters", "Clear", "changes.clear"),
]

#: A plan in the Overview's list.
PLANS = [bind("c", "compare", "Compare", "plans.compare")]

#: The comparison of two plans.
COMPARE = [bind("escape", "back", "Back", "compare.back", display="esc")]

#: The detail screen.
DETAIL = [
    bind("escape", "back", "Back", "detail.back", display="esc"),
    bind("enter", "open_link", "Open link", "detail.open", show=False, display="enter"),
]

#: The search screen (letters go to the query box, so export is on a function key).
SEARCH = [
    bind("escape", "close", "Close", "search.close", display="esc"),
    bind("f2", "export_hits", "Export hits", "search.export"),
    bind("down", "hit_down", "Next hit", "search.down", show=False),
    bind("up", "hit_up", "Previous hit", "search.up", show=False),
    bind("enter", "open_hit", "Open hit", "search.open", show=False, display="enter"),
]

#: The filter dialog of the Projects tab.
FILTERS = [
    bind("escape", "close", "Apply", "filters.close", display="esc"),
    bind("x", "clear", "Clear all", "filters.clear"),
]

#: The export dialog.
EXPORT = [
    bind("escape", "cancel", "Cancel", "export.cancel", display="esc"),
    bind("f2", "export", "Export", "export.go"),
]

#: The help screen.
HELP = [
    bind("escape", "close", "Close", "help.close", display="esc"),
    bind("question_mark", "close", "Close", "help.close_again", show=False, display="?"),
    *SCROLL,
]

#: Kiosk mode only (tui/kiosk_app.py): a key that would leave the app says it is off instead.
KIOSK = [
    bind("ctrl+z", "suspend_process", "Suspend: off in kiosk mode", "kiosk.suspend", show=False, display="^z")
]


@dataclass(frozen=True, slots=True)
class Section:
    """A titled group of bindings as the help screen shows them."""

    title: str
    bindings: list[Binding]


SECTIONS = [
    Section("Everywhere (outside a text field)", [*APP, PALETTE]),
    Section("Lists, tables and trees", [*TABLE, *TREE[2:]]),
    Section("Projects tab", PROJECTS),
    Section("Changes tab", CHANGES),
    Section("Plans in the Overview", PLANS),
    Section("Comparing two plans", COMPARE),
    Section("Record detail", DETAIL),
    Section("Search", SEARCH),
    Section("Project filters", FILTERS),
    Section("Export dialog", EXPORT),
    Section("Help", HELP[:2]),
]

#: What the help screen lists in kiosk mode.
KIOSK_SECTIONS = [Section("Kiosk mode", KIOSK), *SECTIONS]


def key_label(binding: Binding) -> str:
    """How a binding's key reads in the help screen."""
    if binding.key_display:
        return binding.key_display
    return binding.key.replace(",", "/")
