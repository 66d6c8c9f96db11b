"""Start the app from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planscope.tui.kiosk import Kiosk


def run_app(
    db_path: Path, theme: str | None = None, *, build_default: bool = False, kiosk: Kiosk | None = None
) -> int:
    """Open the app on ``db_path`` and return its exit code (0 after q or ctrl+c).

    ``build_default`` says the path is the default database, which the app
    builds from the seeds (on a worker, after its first frame) if it is
    missing or stale.  ``kiosk`` turns on kiosk mode's limits (see tui/kiosk.py).
    """
    from planscope.tui.app import make_app

    app = make_app(db_path, theme=theme, build_default=build_default, kiosk=kiosk)
    app.run()
    return app.return_code if app.return_code is not None else 0
