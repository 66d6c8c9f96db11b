"""Smoke test of the real ``planscope`` in a real terminal (tmux), as a user would drive it.

tmux gives the app a terminal even under CI with no TTY of its own.  Each
test runs its own tmux server (``-L``), so nothing else's sessions are
touched, and kills only that server at the end.  Waits poll the screen with
a generous timeout; no assertion depends on how fast anything is.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.tui_helpers import ROOT, build_hostile, build_seeded

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

TIMEOUT = 30.0


class Tmux:
    """One detached tmux session on a private server."""

    def __init__(self, tmp: Path) -> None:
        self.socket = f"planscope-test-{uuid.uuid4().hex[:8]}"
        self.rc_file = tmp / "rc"

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True, timeout=TIMEOUT
        )
        return result.stdout

    def start(self, db: Path, env: dict[str, str], size: tuple[int, int] = (80, 24)) -> None:
        exports = " ".join(f"{k}={v}" for k, v in env.items())
        command = (
            f"cd {ROOT} && env {exports} {sys.executable} -m planscope --db {db}; "
            f"echo $? > {self.rc_file}; sleep 30"
        )
        self.tmux("new-session", "-d", "-s", "app", "-x", str(size[0]), "-y", str(size[1]), command)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "app")

    def title(self) -> str:
        return self.tmux("display-message", "-p", "-t", "app", "#{pane_title}")

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", "app", *(["-l"] if literal else []), *keys)

    def wait_for(self, check: Callable[[str], bool], what: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; the screen shows:\n{screen}")

    def wait_text(self, *texts: str) -> str:
        return self.wait_for(lambda s: all(t in s for t in texts), " and ".join(map(repr, texts)))

    def exit_code(self) -> int:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if self.rc_file.exists() and self.rc_file.read_text().strip():
                return int(self.rc_file.read_text())
            time.sleep(0.1)
        raise AssertionError(f"the app did not exit; the screen shows:\n{self.screen()}")

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Tmux]:
    session = Tmux(tmp_path)
    yield session
    session.kill()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seeded(tmp_path_factory.mktemp("tmux"))


def base_env(tmp_path: Path) -> dict[str, str]:
    """A private home, so the real user's data folder is never touched, and CI=true."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "CI": "true", "PLANSCOPE_DB": ""}


TERMINALS = {
    "xterm-256color": {"TERM": "xterm-256color"},
    "vt100-no-color": {"TERM": "vt100", "NO_COLOR": "1"},
    "linux": {"TERM": "linux"},
}


@pytest.mark.parametrize("terminal", list(TERMINALS))
def test_search_open_detail_and_quit(term: Tmux, seeded: Path, tmp_path: Path, terminal: str) -> None:
    term.start(seeded, {**base_env(tmp_path), **TERMINALS[terminal]})
    term.wait_text("1 Overview", "Tianjin 13th Five-Year Plan")
    term.keys("/")
    term.wait_text("Search plans")
    term.keys("eco-city", literal=True)
    term.wait_text("Sino-Singapore Tianjin Eco-city", "2 hits")
    term.keys("Enter")
    screen = term.wait_text("tj21-proj-eco-city-benchmark", "Citations")
    assert "paragraph 12" in screen
    term.keys("Escape")
    # Once the detail has gone, the app has taken that Escape on its own; a key sent
    # before then could have been read with it as alt+key.
    term.wait_for(lambda s: "Search plans" in s and "Citations" not in s, "the detail to close")
    term.keys("Escape")
    term.wait_text("1 Overview")
    term.keys("4")
    term.wait_text("2035", "Milestones and events")
    term.keys("?")
    term.wait_text("planscope keys", "Search", "Quit")  # the footer says Search and Quit too
    term.keys("Escape")
    term.wait_for(lambda s: "planscope keys" not in s, "the help to close")  # Escape was taken alone
    term.keys("q")
    assert term.exit_code() == 0


def test_hostile_titles_never_reach_the_terminal(term: Tmux, tmp_path: Path) -> None:
    db = build_hostile(tmp_path)
    term.start(db, {**base_env(tmp_path), "TERM": "xterm-256color"})
    term.wait_text("[/x] bad plan \\x1b]0;pwned\\x07 osc")
    tabs = (
        ("2", ("space Fold", "[bold]x area")),
        ("3", ("1 project  sort", "[/x] bad project")),
        ("4", ("Milestones and events", "[/x] bad milestone")),
    )
    for key, texts in tabs:
        term.keys(key)
        term.wait_text(*texts)
    assert "pwned" not in term.title()
    term.keys("q")
    assert term.exit_code() == 0


def test_quit_with_ctrl_c(term: Tmux, seeded: Path, tmp_path: Path) -> None:
    term.start(seeded, {**base_env(tmp_path), "TERM": "xterm-256color"}, size=(120, 36))
    term.wait_text("1 Overview", "Records")
    term.keys("C-c")
    assert term.exit_code() == 0
