"""A real terminal for end-to-end tests: one tmux session on a private server.

Each session runs its own server (``tmux -L``), so nothing else's sessions
are touched, and :meth:`Tmux.kill` ends only that server.  Every wait polls
with a generous deadline; nothing depends on how fast the machine is.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from tests.tui_helpers import ROOT

TIMEOUT = 30.0


def base_env(tmp_path: Path) -> dict[str, str]:
    """A private home, so the real user's data folder is never touched, and CI=true."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "CI": "true", "PLANSCOPE_DB": ""}


class Tmux:
    """One detached tmux session, named ``app``, on a private server."""

    def __init__(self, tmp: Path) -> None:
        self.socket = f"planscope-test-{uuid.uuid4().hex[:8]}"
        self.rc_file = tmp / f"rc-{self.socket}"

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True, timeout=TIMEOUT
        )
        return result.stdout

    def start(
        self, db: Path, env: dict[str, str], size: tuple[int, int] = (80, 24), *, shell_prefix: str = ""
    ) -> None:
        """Run ``planscope --db DB`` in the session; its exit code goes to :attr:`rc_file`."""
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        command = (
            f"{shell_prefix}cd {ROOT} && env {exports} {sys.executable} -m planscope --db {db}; "
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

    def app_pid(self) -> int:
        """The process id of the running ``python -m planscope`` (a child of the pane's shell)."""
        shell = int(self.tmux("display-message", "-p", "-t", "app", "#{pane_pid}").strip())
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            for child in children(shell):
                if "planscope" in command_line(child):
                    return child
            time.sleep(0.1)
        raise AssertionError("the app's process was not found")

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)


def children(pid: int) -> list[int]:
    """The direct children of a process, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def command_line(pid: int) -> str:
    """A process's command line, or "" once it is gone."""
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def is_running(pid: int) -> bool:
    """True while the process exists and is not a zombie."""
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_gone(pid: int, timeout: float = TIMEOUT) -> bool:
    """Wait for a process to end; True if it did within ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not is_running(pid):
            return True
        time.sleep(0.1)
    return False


def end(pid: int) -> None:
    """Kill a process this test started, if it is still there."""
    if is_running(pid):
        os.kill(pid, 9)
