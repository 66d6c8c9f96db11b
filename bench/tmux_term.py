"""Drive a program in a real terminal (tmux) and time what a user would see.

Timings include the terminal: keys go in through tmux, and a change counts
only once tmux's screen shows it.  Polling the screen costs a few
milliseconds, which sets the resolution of every figure measured here.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

SOCKET = "planscope-bench"


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=True).stdout


class Term:
    """One program in a detached tmux session of a fixed size."""

    def __init__(
        self, name: str, argv: list[str], size: tuple[int, int] = (80, 24), env: dict[str, str] | None = None
    ) -> None:
        self.name = name
        self.argv = argv
        self.size = size
        self.env = {"TERM": "xterm-256color", **(env or {})}
        self.started = 0.0

    def start(self) -> float:
        """Start the program; return the monotonic time just before tmux launched it."""
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        command = f"env {exports} {shlex.join(self.argv)}"
        for attempt in range(5):
            self.started = time.perf_counter()
            try:
                _tmux(
                    "new-session",
                    "-d",
                    "-s",
                    self.name,
                    "-x",
                    str(self.size[0]),
                    "-y",
                    str(self.size[1]),
                    command,
                )
                break
            except subprocess.CalledProcessError:
                # The server may still be exiting after its last session closed; try again.
                if attempt == 4:
                    raise
                time.sleep(0.2)
        return self.started

    def screen(self) -> str:
        """What the terminal shows now."""
        return _tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, test: Callable[[str], bool], timeout: float = 60.0) -> float:
        """Poll until ``test(screen)`` holds; return the time it first did."""
        deadline = time.perf_counter() + timeout
        while True:
            shown = self.screen()
            now = time.perf_counter()
            if test(shown):
                return now
            if now > deadline:
                raise TimeoutError(f"{self.name}: screen never matched; last screen:\n{shown}")
            time.sleep(0.001)

    def send(self, *keys: str, literal: bool = False) -> float:
        """Send keys (tmux key names, or literal text); return the time they were sent."""
        args = ["send-keys", "-t", self.name, *(["-l"] if literal else []), *keys]
        _tmux(*args)
        return time.perf_counter()

    def pid(self) -> int:
        """The program's process id (the pane runs it directly)."""
        return int(_tmux("list-panes", "-t", self.name, "-F", "#{pane_pid}").split()[0])

    def _status_mb(self, field: str) -> float:
        with open(f"/proc/{self.pid()}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def peak_rss_mb(self) -> float:
        """The program's peak resident memory so far (VmHWM), in MB."""
        return self._status_mb("VmHWM")

    def rss_mb(self) -> float:
        """The program's resident memory now (VmRSS), in MB."""
        return self._status_mb("VmRSS")

    def close(self) -> None:
        """Kill the session if it is still there."""
        subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", self.name], capture_output=True)


def available() -> bool:
    """True when tmux can be run here."""
    return subprocess.run(["tmux", "-V"], capture_output=True).returncode == 0 and os.name == "posix"


def bench_folder(path: str) -> Path | None:
    """A tmux benchmark's working folder, made if need be; None, having said why, without tmux."""
    if not available():
        print("tmux is needed for this benchmark", file=sys.stderr)
        return None
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
