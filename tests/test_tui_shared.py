"""Two people browse one database file in real terminals while a third reloads it.

Both apps open the file read-only; ``planscope load`` replaces it under them.
Each app must notice within a few seconds, say so, show the new data and keep
working.  tmux gives the apps terminals even under CI.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.helpers import MINIMAL_PLAN, ROOT, write

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

TIMEOUT = 30.0


def plan_titled(title: str) -> str:
    return MINIMAL_PLAN.replace('title = "Test plan"', f'title = "{title}"')


class Server:
    """A private tmux server with one session per app."""

    def __init__(self) -> None:
        self.socket = f"planscope-shared-{uuid.uuid4().hex[:8]}"

    def tmux(self, *args: str) -> str:
        run = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=TIMEOUT
        )
        run.check_returncode()
        return run.stdout

    def start(self, name: str, db: Path, home: Path) -> None:
        env = f"HOME={home} XDG_DATA_HOME={home}/data CI=true TERM=xterm-256color"
        self.tmux(
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            "80",
            "-y",
            "24",
            f"cd {ROOT} && env {env} {sys.executable} -m planscope --db {db}; sleep 30",
        )

    def wait_text(self, name: str, *texts: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        screen = ""
        while time.monotonic() < deadline:
            screen = self.tmux("capture-pane", "-p", "-t", name)
            if all(t in screen for t in texts):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{name}: timed out waiting for {texts}; the screen shows:\n{screen}")

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)


def test_two_apps_follow_a_reload_made_by_a_third_process(tmp_path: Path) -> None:
    db = tmp_path / "shared.duckdb"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "planscope",
            "load",
            str(write(tmp_path / "v1.toml", plan_titled("Plan before"))),
            "--db",
            str(db),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    home = tmp_path / "home"
    home.mkdir()
    server = Server()
    try:
        for name in ("alice", "bob"):
            server.start(name, db, home)
            server.wait_text(name, "Plan before")
        server.tmux("send-keys", "-t", "bob", "3")  # one of them is on another tab
        server.wait_text("bob", "1 project")
        reload = subprocess.run(
            [
                sys.executable,
                "-m",
                "planscope",
                "load",
                str(write(tmp_path / "v2.toml", plan_titled("Plan after"))),
                "--db",
                str(db),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        assert reload.returncode == 0, reload.stderr
        server.wait_text("alice", "Plan after", "Database reloaded")
        server.wait_text("bob", "Database reloaded")
        server.tmux("send-keys", "-t", "bob", "1")
        server.wait_text("bob", "Plan after")
        for name in ("alice", "bob"):  # both still answer keys
            server.tmux("send-keys", "-t", name, "/")
            server.wait_text(name, "Search plans")
    finally:
        server.kill()
