"""The real app in real terminals: hang-ups, lost terminals and batched keys.

Each test starts ``python -m planscope`` in its own tmux server and waits
for conditions with generous deadlines.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tmux_session import TIMEOUT, Tmux, base_env, end, wait_gone
from tests.tui_helpers import ROOT, build_seeded

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Tmux]:
    session = Tmux(tmp_path)
    yield session
    session.kill()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seeded(tmp_path_factory.mktemp("terminal"))


def start_on_overview(term: Tmux, db: Path, tmp_path: Path, *, shell_prefix: str = "") -> int:
    term.start(db, {**base_env(tmp_path), "TERM": "xterm-256color"}, shell_prefix=shell_prefix)
    term.wait_text("Tianjin 13th Five-Year Plan", "Records")
    return term.app_pid()


@pytest.mark.parametrize("name", ["SIGHUP", "SIGTERM"])
def test_a_hang_up_or_a_kill_ends_the_app(term: Tmux, seeded: Path, tmp_path: Path, name: str) -> None:
    pid = start_on_overview(term, seeded, tmp_path)
    number = getattr(signal, name)
    try:
        os.kill(pid, number)
        assert wait_gone(pid), f"the app was still running after {name}"
    finally:
        end(pid)
    assert term.exit_code() == 128 + number
    term.wait_for(lambda s: "Records" not in s, "the terminal to be given back")


def test_an_app_whose_terminal_goes_away_ends(term: Tmux, seeded: Path, tmp_path: Path) -> None:
    """As when an SSH connection drops and the hang-up signal does not reach the app (nohup)."""
    pid = start_on_overview(term, seeded, tmp_path, shell_prefix="trap '' HUP; ")
    try:
        term.kill()  # the terminal is gone: the app's reads now fail or end
        assert wait_gone(pid), "the app kept running without its terminal"
    finally:
        end(pid)


@pytest.mark.parametrize("hang_up", ["handled", "ignored"])
def test_an_app_drawing_when_its_terminal_goes_away_ends(seeded: Path, tmp_path: Path, hang_up: str) -> None:
    """The terminal goes while the app is still drawing (tab switches animate for a moment).

    The writes that follow fail; they must not fill the output queue and
    leave the app waiting on it for good.  Several apps at once, since the
    timing varies.
    """
    prefix = "trap '' HUP; " if hang_up == "ignored" else ""
    sessions = [Tmux(tmp_path) for _ in range(4)]
    pids = []
    try:
        for session in sessions:
            pids.append(start_on_overview(session, seeded, tmp_path, shell_prefix=prefix))
        for session in sessions:
            session.keys("2", "3", "4", "5", "1", "3")
            session.kill()
        stuck = [pid for pid in pids if not wait_gone(pid)]
        assert not stuck, f"{len(stuck)} of {len(pids)} apps kept running without their terminal"
    finally:
        for session in sessions:
            session.kill()
        for pid in pids:
            end(pid)


@pytest.mark.parametrize("batch", ["\x1b\x1bq", "\x1bq"])
def test_keys_that_arrive_in_one_read_all_count(term: Tmux, seeded: Path, tmp_path: Path, batch: str) -> None:
    """Escape closes search, (Escape does nothing on the tabs,) q quits: none may be lost or merged."""
    start_on_overview(term, seeded, tmp_path)
    term.keys("/")
    term.wait_text("Search plans")
    term.keys(batch, literal=True)  # one write to the terminal, so one read for the app
    assert term.exit_code() == 0


@pytest.mark.parametrize("stdin", ["devnull", "closed-pipe"])
def test_the_app_ends_at_the_end_of_its_input(seeded: Path, tmp_path: Path, stdin: str) -> None:
    """Input that ends (a closed pipe, /dev/null) ends the app instead of spinning on empty reads.

    The command line refuses to start the app without a terminal; this
    starts it directly, as a script might, with a pty only for its output.
    """
    master, slave = os.openpty()
    script = (
        f"import pathlib, planscope.tui.app as a; raise SystemExit(a.run_app(pathlib.Path({str(seeded)!r})))"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.DEVNULL if stdin == "devnull" else subprocess.PIPE,
        stdout=slave,
        stderr=slave,
        cwd=ROOT,
        env={**os.environ, **base_env(tmp_path), "TERM": "xterm-256color"},
        start_new_session=True,
    )
    os.close(slave)
    try:
        if proc.stdin is not None:
            proc.stdin.close()
        drain(master, proc)
        assert proc.wait(timeout=TIMEOUT) == 129
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)


def drain(master: int, proc: subprocess.Popen[bytes]) -> None:
    """Read (and drop) what the app writes until it ends, so it never blocks on a full pty."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline and proc.poll() is None:
        if select.select([master], [], [], 0.1)[0]:
            try:
                os.read(master, 65536)
            except OSError:
                return
