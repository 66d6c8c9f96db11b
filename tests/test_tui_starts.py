"""The first screen loads on every start, in real terminals, with and without colour.

Under NO_COLOR in tmux, 9 of 20 starts once stayed on "Plans / Loading..."
for good: the Overview waited for a Show event that Textual sometimes never
sends.  Here the real app starts many times, a few at once (which makes
the start-up busier, as on a loaded server), and every start must show the
plans, and end when its terminal is killed.  Each start has its own tmux
server.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.tmux_session import Tmux, base_env, end, wait_gone
from tests.tui_helpers import build_seeded

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

#: Starts per terminal type, and how many run at the same time.
STARTS = 16
TOGETHER = 4

TERMINALS = {
    "vt100-no-color": {"TERM": "vt100", "NO_COLOR": "1"},
    "xterm-256color-no-color": {"TERM": "xterm-256color", "NO_COLOR": "1"},
}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seeded(tmp_path_factory.mktemp("starts"))


@pytest.mark.parametrize("terminal", list(TERMINALS))
def test_every_start_shows_the_plans(seeded: Path, tmp_path: Path, terminal: str) -> None:
    env = {**base_env(tmp_path), **TERMINALS[terminal]}
    failures: list[str] = []
    for batch in range(STARTS // TOGETHER):
        sessions = [Tmux(tmp_path) for _ in range(TOGETHER)]
        pids: list[int] = []
        try:
            for session in sessions:
                session.start(seeded, env)
            for n, session in enumerate(sessions):
                pids.append(session.app_pid())
                try:
                    session.wait_text("Tianjin 13th Five-Year Plan", "Records")
                except AssertionError as exc:
                    failures.append(f"start {batch * TOGETHER + n + 1}: {exc}")
        finally:
            for session in sessions:
                session.kill()
        failures += [f"app {pid} kept running after its terminal went" for pid in pids if not wait_gone(pid)]
        for pid in pids:
            end(pid)
    assert not failures, f"{len(failures)} failures in {STARTS} starts:\n" + "\n".join(failures)
