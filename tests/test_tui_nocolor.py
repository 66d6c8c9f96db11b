"""NO_COLOR means no colour: every byte the real app writes to a real pty is checked.

The app runs in a pty of its own (so every byte it sends can be read),
with generous deadlines; it must draw its screen with bold, underline and
reverse only, and no colour codes at all.
"""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.tmux_session import TIMEOUT, base_env
from tests.tui_helpers import ROOT, build_seeded

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seeded(tmp_path_factory.mktemp("nocolor"))


#: SGR parameters that set a colour: 30-39 and 40-49 (with 38/48 extended), 90-97, 100-107.
COLOUR_PARAMS = re.compile(r"^(3\d|4\d|9[0-7]|10[0-7])$")
SGR = re.compile(rb"\x1b\[([0-9;:]*)m")


def colour_codes(output: bytes) -> list[str]:
    """Every SGR sequence in ``output`` that sets a foreground or background colour."""
    found = []
    for match in SGR.finditer(output):
        params = match.group(1).decode().replace(":", ";").split(";")
        if any(COLOUR_PARAMS.match(p) for p in params):
            found.append(match.group(0).decode())
    return found


def run_in_pty(db: Path, env: dict[str, str], until: bytes) -> bytes:
    """Run the app in a fresh 80x24 pty, wait for ``until`` in its output, quit, return every byte."""
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "planscope", "--db", str(db)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=ROOT,
        env={**os.environ, **env},
        start_new_session=True,
    )
    os.close(slave)
    output = b""
    try:
        deadline = time.monotonic() + TIMEOUT
        quit_sent = False
        while time.monotonic() < deadline:
            if not quit_sent and until in output:
                os.write(master, b"q")
                quit_sent = True
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the app closed its side
                    break
                if not chunk:
                    break
                output += chunk
            elif proc.poll() is not None and quit_sent:
                break
        assert quit_sent, f"the app never showed {until!r}; it wrote:\n{output[-2000:]!r}"
        assert proc.wait(timeout=TIMEOUT) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    return output


@pytest.mark.parametrize("term_name", ["vt100", "xterm-256color"])
def test_no_color_means_no_colour_codes_at_all(seeded: Path, tmp_path: Path, term_name: str) -> None:
    env = {**base_env(tmp_path), "TERM": term_name, "NO_COLOR": "1"}
    output = run_in_pty(seeded, env, until=b"Projects by status")
    codes = colour_codes(output)
    assert not codes, f"{len(codes)} colour codes under NO_COLOR, such as {sorted(set(codes))[:8]}"
    assert b"\x1b[1m" in output or b";1m" in output or b"[1;" in output  # bold still marks headings
