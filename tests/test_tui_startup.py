"""Start-up: nothing heavy before the first frame, and the default database built after it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from planscope.tui.app import PlanscopeApp
from tests.tui_helpers import ROOT, screen_text, settle

PROBE = """
import sys
from planscope import cli, commands
from planscope.tui import app
print(",".join(m for m in ("duckdb", "pydantic", "planscope.store.db") if m in sys.modules))
"""


def test_the_command_line_reaches_the_app_without_duckdb_or_pydantic() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == ""


async def test_the_default_database_is_built_on_a_worker(tmp_path: Path) -> None:
    path = tmp_path / "data" / "planscope.duckdb"
    app = PlanscopeApp(path, test_mode=True, build_default=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert path.is_file()
        assert "Tianjin 13th Five-Year Plan" in screen_text(app)
