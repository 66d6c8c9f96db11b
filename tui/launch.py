"""Start the app from the command line."""

from __future__ import annotations

from pathlib import Path


def run_app(db_path: Path, theme: str | None = None) -> int:
    """Open the app on ``db_path`` and return its exit code (0 after q or ctrl+c)."""
    from tui.app import make_app

    app = make_app(db_path, theme=theme)
    app.run()
    return app.return_code if app.return_code is not None else 0
