"""Start the app from the command line (placeholder until the app lands)."""

from __future__ import annotations

from pathlib import Path


def run_app(db_path: Path, theme: str | None = None) -> int:
    """Open the app on ``db_path`` and return its exit code."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Static

    class Placeholder(App[None]):
        BINDINGS = [("q", "quit", "Quit")]

        def compose(self) -> ComposeResult:
            yield Static(f"planscope: {db_path}")
            yield Footer()

    Placeholder().run()
    return 0
