"""The baseline: a bare Textual app with planscope's chrome (six tabs and a compact footer) and no data.

``--rows N`` puts a Textual DataTable of N rows in the first tab, the
baseline for how long a PageDown takes in a table Textual draws itself.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

TABS = ["1 Overview", "2 Goals", "3 Projects", "4 Timeline", "5 Indicators", "6 Changes"]


class BareApp(App[None]):
    """Tabs and a footer, as planscope shows them, and nothing else."""

    CSS = "TabbedContent, TabPane, DataTable { height: 1fr; }"
    BINDINGS = [
        ("q", "quit", "Quit"),
        ("slash", "noop", "Search"),
        ("question_mark", "noop", "Keys"),
        *[(str(n), f"show_tab('tab-{n}')", title.split()[1]) for n, title in enumerate(TABS, start=1)],
    ]

    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with TabbedContent():
            for number, title in enumerate(TABS):
                with TabPane(title, id=f"tab-{number + 1}"):
                    if number == 0 and self.rows:
                        yield DataTable(id="table", cursor_type="row")
                    else:
                        yield Static(title)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        if self.rows:
            table = self.query_one(DataTable)
            table.add_columns("Status", "Title", "Area", "Owner", "Years")
            table.add_rows(
                [("Planned", f"Project {i}", "Area", "Owner", "2021-2025") for i in range(self.rows)]
            )
            table.focus()

    def action_show_tab(self, tab: str) -> None:
        """Digits switch tabs, as in planscope."""
        self.query_one(TabbedContent).active = tab

    def action_noop(self) -> None:
        """Stand-in for planscope's keys, so the footers match."""


if __name__ == "__main__":
    rows = int(sys.argv[sys.argv.index("--rows") + 1]) if "--rows" in sys.argv else 0
    BareApp(rows).run()
