"""The command line with and without a terminal: no UI without one, a bar that fits, Ctrl+C.

These run the real ``planscope`` with its standard streams wired to pipes,
/dev/null or a pseudo-terminal of a chosen size, as cron, ``ssh -T`` or a
person at a terminal would.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from tests.helpers import ROOT, files_size, write

EXAMPLE = ROOT / "examples" / "portfolio"


@pytest.fixture
def env(isolated_home: Path) -> dict[str, str]:
    """The environment of a user with a private home and no size overrides."""
    full = {**os.environ, "HOME": str(isolated_home), "XDG_DATA_HOME": str(isolated_home / "share")}
    for name in ("PLANSCOPE_DB", "COLUMNS", "LINES"):
        full.pop(name, None)
    return full


def terminal(columns: int, rows: int = 24) -> tuple[int, int]:
    """A pseudo-terminal (controller, device) of the given size."""
    controller, device = pty.openpty()
    fcntl.ioctl(device, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    return controller, device


class Screen(threading.Thread):
    """Everything written to a pseudo-terminal, read as it comes so no writer ever blocks."""

    def __init__(self, controller: int) -> None:
        super().__init__(daemon=True)
        self.controller = controller
        self.chunks: list[bytes] = []
        self.start()

    def run(self) -> None:
        while True:
            try:
                chunk = os.read(self.controller, 65536)
            except OSError:  # EIO: no process holds the device any more
                break
            if not chunk:
                break
            self.chunks.append(chunk)

    def text(self) -> bytes:
        """All that was written, once the writers have gone."""
        self.join(timeout=30)
        os.close(self.controller)
        return b"".join(self.chunks)


def finish(proc: subprocess.Popen[bytes], timeout: float = 60) -> tuple[bytes, bytes]:
    """What the process wrote to its pipes; a failure (and a killed process) if it does not end in time."""
    try:
        return proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail(f"planscope still running after {timeout} s")


@pytest.mark.parametrize("stdin", ["devnull", "pipe", "terminal"])
def test_without_a_terminal_the_app_does_not_start(env: dict[str, str], stdin: str, tmp_path: Path) -> None:
    controller, device = terminal(80)
    source = {"devnull": subprocess.DEVNULL, "pipe": subprocess.PIPE, "terminal": device}[stdin]
    proc = subprocess.Popen(
        [sys.executable, "-m", "planscope"],
        stdin=source,
        stdout=subprocess.PIPE,  # e.g. `planscope > out.txt` under cron
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
    )
    os.close(device)
    os.close(controller)
    out, errors = finish(proc)
    assert proc.returncode == 2
    assert out == b""
    lines = errors.decode().splitlines()
    assert len(lines) == 1 and "terminal" in lines[0] and "search" in lines[0] and "\x1b" not in lines[0]


def test_a_file_that_is_not_a_database_stops_the_app_before_it_starts(
    cli: CliRunner, env: dict[str, str], tmp_path: Path
) -> None:
    junk = write(tmp_path / "notes.duckdb", "not a database\n")
    expected = cli("stats", "--db", str(junk))
    assert expected.returncode == 1 and expected.stderr.count("\n") == 1
    controller, device = terminal(80)
    proc = subprocess.Popen(
        [sys.executable, "-m", "planscope", "--db", str(junk)],
        stdin=device,
        stdout=device,
        stderr=subprocess.PIPE,
        env={**env, "TERM": "xterm-256color"},
        cwd=tmp_path,
    )
    os.close(device)
    screen = Screen(controller)
    _, errors = finish(proc)
    assert proc.returncode == 1
    assert errors.decode() == expected.stderr
    assert b"\x1b" not in screen.text()  # the UI never drew anything


def progress_lines(screen: bytes) -> Iterator[str]:
    """What each redraw of the progress bar put on the line."""
    text = screen.decode()
    for part in text.split("\r"):
        part = part.replace("\x1b[K", "")
        if part.strip() and not part.startswith("loaded "):
            yield part


@pytest.mark.parametrize("columns", [40, 60, 80, 200])
def test_the_load_progress_bar_fits_the_terminal(env: dict[str, str], tmp_path: Path, columns: int) -> None:
    controller, device = terminal(columns)
    name = "a-file-with-a-rather-long-name-that-would-not-fit-anywhere-at-all.toml"
    source = tmp_path / "in"
    (source).mkdir()
    for other in EXAMPLE.iterdir():
        (source / (name if other.suffix == ".toml" else other.name)).write_bytes(other.read_bytes())
    proc = subprocess.Popen(
        [sys.executable, "-m", "planscope", "load", str(source), "--db", str(tmp_path / "x.duckdb")],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=device,
        env=env,
        cwd=tmp_path,
    )
    os.close(device)
    screen = Screen(controller)
    finish(proc)
    assert proc.returncode == 0
    drawn = list(progress_lines(screen.text()))
    assert drawn, "no progress bar was drawn"
    width = min(80, columns)
    for line in drawn:
        assert len(line) < width, (len(line), line)
        assert re.search(r"\d+%", line)


def interrupt_during(args: list[str], folder: Path, env: dict[str, str], written: int) -> tuple[int, str]:
    """Start a long write, wait until its temp database holds ``written`` bytes, press Ctrl+C (SIGINT).

    ``written=0`` interrupts as soon as the file exists; more waits until
    the write is in full swing.  The size is a condition, not a time, so the
    moment is the same however busy the machine is.
    """
    proc = subprocess.Popen(
        [sys.executable, "-m", "planscope", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=folder,
        text=True,
        # A shell that started us in the background may have told us to ignore SIGINT.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 120
        while not (temp := list(folder.glob(".*.load-*.tmp"))) or files_size(temp) < written:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, f"the write never reached {written} bytes"
            time.sleep(0.02)
        proc.send_signal(signal.SIGINT)
        _, errors = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    return proc.returncode, errors


@pytest.mark.parametrize("written", [0, 4_000_000], ids=["at-once", "mid-write"])
def test_ctrl_c_during_generate_exits_130_and_leaves_nothing(
    env: dict[str, str], tmp_path: Path, written: int
) -> None:
    folder = tmp_path / "db"
    folder.mkdir()
    code, errors = interrupt_during(
        ["generate", "--projects", "2000000", "--db", "big.duckdb"], folder, env, written
    )
    assert code == 130 and errors.count("\n") == 1 and "interrupted" in errors, errors
    assert list(folder.iterdir()) == []


def test_ctrl_c_during_load_exits_130_and_leaves_the_old_database(
    env: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "db"
    folder.mkdir()
    plan = write(tmp_path / "in" / "plan.toml", (EXAMPLE / "plan.toml").read_text())
    rows = "".join(f"ex-district,p{i},Project {i},ex-g\n" for i in range(400_000))
    write(plan.parent / "goals.csv", "plan,id,title\nex-district,ex-g,Goal\n")
    write(plan.parent / "projects.csv", "plan,id,title,goals\n" + rows)
    old = subprocess.run(
        [sys.executable, "-m", "planscope", "load", str(EXAMPLE), "--db", "x.duckdb"],
        env=env,
        cwd=folder,
        capture_output=True,
        check=True,
    )
    assert old.returncode == 0
    before = (folder / "x.duckdb").read_bytes()
    code, errors = interrupt_during(["load", str(plan.parent), "--db", "x.duckdb"], folder, env, 1_000_000)
    assert code == 130 and errors.count("\n") == 1 and "interrupted" in errors, errors
    assert [p.name for p in folder.iterdir()] == ["x.duckdb"]
    assert (folder / "x.duckdb").read_bytes() == before
