"""Tab 3, Projects: a virtual table paged from a ProjectView, sortable and filterable.

Nothing here holds more than the table's page cache, so the tab behaves the
same at 19 rows and at a million.  The filter is kept as a plain dict of
facet choices and turned into a ``ProjectFilter`` on the worker thread, so
this module never imports the query layer (or DuckDB) itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from planscope.store.vocab import PROJECT_FACETS, PROJECT_SORTS, STATUS_CATEGORY, status_label
from planscope.tui import keys
from planscope.tui.columns import Column
from planscope.tui.data import Backend, RecordRef, backend_of
from planscope.tui.export import ExportJob
from planscope.tui.filters import FilterScreen, value_label
from planscope.tui.host import OpenRecord
from planscope.tui.pane import Pane
from planscope.tui.text import compact, count, join, literal, plain, years
from planscope.tui.vtable import VirtualTable

if TYPE_CHECKING:
    from planscope.store.queries.projects import ProjectView
    from planscope.store.results import ProjectRow


class ProjectSource:
    """A RowSource over a ProjectView, created and built on a worker thread."""

    def __init__(self, store: Backend, choices: dict[str, str], sort: str, descending: bool) -> None:
        self._store = store
        self._choices = dict(choices)
        self._sort = sort
        self._descending = descending
        self.view: ProjectView | None = None

    def build(self) -> int:
        """Materialise the order (the slow part when sorted or filtered at a million rows)."""
        from planscope.store.queries.projects import ProjectFilter, ProjectView

        view = ProjectView(
            self._store.db.private_cursor(), ProjectFilter(**self._choices), self._sort, self._descending
        )
        self.view = view
        return view.build()

    def rows(self, offset: int, limit: int) -> Sequence[Any]:
        """One page, about 2 ms at any depth."""
        assert self.view is not None
        return self.view.rows(offset, limit)

    def interrupt(self) -> None:
        """Stop a build that a newer sort or filter has made pointless."""
        if self.view is not None:
            self.view.interrupt()

    def close(self) -> None:
        """Drop the view's cursor and its temporary table."""
        if self.view is not None:
            self.view.close()


class ProjectTable(VirtualTable):
    """The projects: status, title, goal, area, owner or place, years, budget."""

    COLUMNS: ClassVar[list[Column]] = [
        Column("status", "Status", 11, 11, sort="status"),
        Column("title", "Title", 18, None, sort="title"),
        Column("goal", "Goal", 16, 30, drop=3),
        Column("area", "Area", 12, 20, drop=1, sort="area"),
        Column("owner", "Owner / place", 14, 26, drop=2, sort="owner"),
        Column("years", "Years", 9, 9, sort="start"),
        Column("budget", "Budget", 12, 14, drop=4, align="right", sort="budget"),
    ]
    EMPTY = "No projects in this database."

    #: True while a filter is chosen, so an empty table can say why it is empty.
    filtered = False

    def empty_text(self) -> str:
        """Only a filtered table suggests clearing the filters."""
        return "No projects match. Press x to clear the filters." if self.filtered else self.EMPTY

    def cell(self, row: ProjectRow, column: Column, width: int) -> tuple[str, str | None]:
        """One cell of a project row, as safe text."""
        key = column.key
        if key == "status":
            category = STATUS_CATEGORY.get(row.status or "")
            return status_label(row.status), f"vtable--{category}" if category else "vtable--dim"
        if key == "title":
            return plain(row.title), None
        if key == "goal":
            return plain(row.goal_id or "-"), "vtable--dim"
        if key == "area":
            return plain(row.area or "-"), None
        if key == "owner":
            return plain(row.owner or row.location or "-"), None
        if key == "years":
            return years(row.start_year, row.end_year), None
        if row.budget_amount is None:
            return "-", "vtable--dim"
        return f"{compact(row.budget_amount)} {plain(row.budget_currency or '')}".strip(), None

    def record(self, row: ProjectRow) -> RecordRef | None:
        """The project a row shows."""
        return RecordRef("project", row.id, row.title)


class ProjectsPane(Pane):
    """A status line (count, sort, filters) above the table."""

    TAB = "projects"
    BINDINGS: ClassVar[list[BindingType]] = list(keys.PROJECTS)

    def __init__(self) -> None:
        super().__init__()
        self.choices: dict[str, str] = {}
        self.sort = "order"
        self.descending = False

    def compose(self) -> ComposeResult:
        """Status line, then the table; rows arrive from :meth:`reload`."""
        yield Static(Content("Loading projects..."), id="projects-status", classes="status-line")
        yield ProjectTable(id="projects-table")

    def main_widget(self) -> Widget | None:
        """The table."""
        return self.query_one(ProjectTable)

    def reload(self, *, top: bool = False) -> None:
        """Rebuild the view with the current filter and sort; ``top`` puts the cursor on row 1."""
        table = self.query_one(ProjectTable)
        if top:
            table.cursor = 0
        table.sort_key, table.descending = self.sort, self.descending
        table.filtered = bool(self.choices)
        store, choices, sort, descending = backend_of(self), self.choices, self.sort, self.descending
        table.load(lambda: ProjectSource(store, choices, sort, descending))
        self._status(None)

    def _status(self, total: int | None) -> None:
        shown = "counting..." if total is None else count(total, "project")
        arrow = "descending" if self.descending else "ascending"
        parts: list[Content | str | tuple[str, str]] = [
            (shown, "bold"),
            f"  sort: {PROJECT_SORTS[self.sort]} {arrow}",
        ]
        if self.choices:
            chosen = ", ".join(
                f"{PROJECT_FACETS[k].lower()}={value_label(k, v)}" for k, v in self.choices.items()
            )
            parts += ["  filter: ", literal(chosen, "italic")]
        else:
            parts.append("  (f filter, s sort, r reverse)")
        self.query_one("#projects-status", Static).update(join(*parts))

    def on_virtual_table_loaded(self, event: VirtualTable.Loaded) -> None:
        """Show the row count once the view is built."""
        self._status(event.total)

    def on_virtual_table_failed(self, event: VirtualTable.Failed) -> None:
        """The status line says the projects could not be counted, not "counting..." for good."""
        super().on_virtual_table_failed(event)
        self.query_one("#projects-status", Static).update(join("Could not load: ", literal(event.text)))

    def on_virtual_table_opened(self, event: VirtualTable.Opened) -> None:
        """Enter opens the project."""
        self.post_message(OpenRecord(event.row.id))

    def on_virtual_table_header_clicked(self, event: VirtualTable.HeaderClicked) -> None:
        """A click on a title sorts by it; a second click reverses."""
        if event.column.sort is None:
            return
        if event.column.sort == self.sort:
            self.descending = not self.descending
        else:
            self.sort, self.descending = event.column.sort, False
        self.reload(top=True)

    def action_next_sort(self) -> None:
        """Sort by the next column."""
        names = list(PROJECT_SORTS)
        self.sort = names[(names.index(self.sort) + 1) % len(names)]
        self.descending = False
        self.reload(top=True)

    def action_reverse_sort(self) -> None:
        """Flip the sort direction."""
        self.descending = not self.descending
        self.reload(top=True)

    def action_filters(self) -> None:
        """Open the filter dialog, with counts per value."""
        self.app.push_screen(FilterScreen(self.choices), self.apply_filters)

    def apply_filters(self, choices: dict[str, str] | None) -> None:
        """Use the choices made in the filter dialog."""
        if choices is not None and choices != self.choices:
            self.choices = dict(choices)
            self.reload(top=True)

    def action_clear_filters(self) -> None:
        """Show every project again."""
        if self.choices:
            self.choices = {}
            self.reload(top=True)

    def export_job(self) -> ExportJob:
        """The projects as filtered and sorted on screen."""
        choices, sort, descending = dict(self.choices), self.sort, self.descending

        def write(cur: Any, fmt: str, folder: Path) -> tuple[Path, int]:
            from planscope.store.export.view import export_projects
            from planscope.store.queries.projects import ProjectFilter

            return export_projects(cur, ProjectFilter(**choices), sort, descending, fmt, folder)

        what = "the filtered projects" if choices else "all projects"
        return ExportJob(f"{what} (sorted by {PROJECT_SORTS[sort]})", "project", write)

    def current_record(self) -> RecordRef | None:
        """The project under the cursor."""
        return self.query_one(ProjectTable).current_record()
