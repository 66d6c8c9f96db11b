"""Start the real ``planscope serve`` for a test, and find the app processes it runs.

Processes are found through /proc by parent id and command line, so a test
sees exactly the sessions its own server started, whatever else runs on the
machine.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.helpers import ROOT

TIMEOUT = 60.0


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cmdline(pid: int) -> list[str]:
    """A process's arguments, or [] once it is gone."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def parent_of(pid: int) -> int | None:
    """A process's parent id, or None once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def processes_with(marker: str) -> list[int]:
    """Live processes whose command line has ``marker`` as one argument (zombies excluded)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and marker in cmdline(int(entry.name)):
            try:
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if state != "Z":
                found.append(int(entry.name))
    return found


def wait_until(check: object, what: str, timeout: float = TIMEOUT) -> None:
    """Poll ``check()`` until it is true; fail naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


class Served:
    """One ``planscope serve`` process on a free loopback port, with a private home."""

    def __init__(self, db: Path, home: Path, *extra: str) -> None:
        self.db = db
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
        env.pop("PLANSCOPE_DB", None)
        self.log = (home / "serve.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "planscope", "serve", "--db", str(db), "--port", str(self.port), *extra],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_until(self.answers, "planscope serve to answer")

    def answers(self) -> bool:
        """True once the page is served (fails at once if the server died)."""
        if self.process.poll() is not None:
            raise AssertionError(f"planscope serve exited with {self.process.returncode}")
        try:
            with urllib.request.urlopen(self.url, timeout=5):
                return True
        except (urllib.error.URLError, OSError):
            return False

    def sessions(self) -> list[int]:
        """The app processes this server runs now: its children on our database, in kiosk mode."""
        return [
            pid
            for pid in processes_with(str(self.db))
            if parent_of(pid) == self.process.pid and "--kiosk" in cmdline(pid)
        ]

    def stop(self) -> None:
        """SIGTERM, as a service manager would; then make sure the whole group is gone."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()
