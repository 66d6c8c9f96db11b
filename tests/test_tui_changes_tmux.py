"""The Changes tab and the observations chart in a real terminal, TERM=vt100 without colour."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.edition_plans import FIRST, SECOND, pin_edition_times
from tests.helpers import write
from tests.test_tui_tmux import Tmux, base_env

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Tmux]:
    session = Tmux(tmp_path)
    yield session
    session.kill()


def test_changes_and_chart_on_a_vt100_without_colour(term: Tmux, tmp_path: Path) -> None:
    from planscope.store.build.load import load_files

    db = tmp_path / "db.duckdb"
    for text in (FIRST, SECOND):
        load_files([write(tmp_path / "plan.toml", text)], db)
    pin_edition_times(db)
    term.start(db, {**base_env(tmp_path), "TERM": "vt100", "NO_COLOR": "1"})
    term.wait_text("Edition 2, loaded 2021-03-05 09:30 UTC, 16 changes since edition 1")
    term.keys("6")
    screen = term.wait_text("Edition 2, loaded 2021-03-05 09:30 UTC: 16 changes", "planned -> in_progress")
    assert "removed project   [bold]Old[/x] p" in screen
    term.keys("5")
    screen = term.wait_text("Observations (TEU): 2021 120, 2022 150", "120 |## ##")
    assert "150 |   ##" in screen
    term.keys("q")
    assert term.exit_code() == 0
