"""Nothing is lost: a killed load leaves the old file, and readers survive reloads under them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from planscope.store.build.load import load_files
from planscope.store.db import Database
from tests.helpers import MINIMAL_PLAN, ROOT, files_size, write

READER = """
import json, sys, time
from planscope.store.db import Database
db = Database(sys.argv[1])
seen = set()
print("ready", flush=True)
deadline = time.monotonic() + 60
while sys.argv[2] not in seen and time.monotonic() < deadline:
    title = db.run(lambda c: c.execute("SELECT title FROM projects WHERE id = 'pr1'").fetchone()[0])
    if title not in seen:
        seen.add(title)
        print("seen", title, flush=True)
print(json.dumps({"seen": sorted(seen), "generation": db.generation}))
"""

#: Bytes a load's temporary database must hold before it is killed, so it dies mid-write.
MID_WRITE = 1_000_000


def _wait_seen(proc: subprocess.Popen[str], title: str) -> None:
    """Read a reader's lines until it reports ``title`` (it gives up by itself after a minute)."""
    assert proc.stdout is not None
    while (line := proc.stdout.readline()).startswith("seen "):
        if line.strip() == f"seen {title}":
            return
    raise AssertionError(f"the reader never saw {title!r}; it said {line!r}")


def _big_csv(folder: Path, rows: int) -> list[Path]:
    plan = write(
        folder / "plan.toml",
        '[plan]\nid = "b"\ntitle = "B"\nstart = 2021\nend = 2025\n\n[[goals]]\nid = "g"\ntitle = "G"\n',
    )
    lines = "".join(f"b,p{i},Project {i},g,planned\n" for i in range(rows))
    return [plan, write(folder / "projects.csv", "plan,id,title,goals,status\n" + lines)]


def test_killed_load_leaves_the_old_database(tmp_path: Path) -> None:
    db = tmp_path / "plans.duckdb"
    load_files([write(tmp_path / "small.toml", MINIMAL_PLAN)], db)
    before = db.read_bytes()
    inputs = _big_csv(tmp_path / "big", 300_000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "planscope", "load", *map(str, inputs), "--db", str(db)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while files_size(list(tmp_path.glob(".plans.duckdb.load-*"))) < MID_WRITE:  # let it write for a while
        assert proc.poll() is None, "the load finished before it could be killed"
        assert time.monotonic() < deadline, "the load never wrote its temporary database"
        time.sleep(0.02)
    assert proc.poll() is None
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert db.read_bytes() == before
    assert list(tmp_path.glob(".plans.duckdb.load-*"))  # the orphan is still there...
    assert Database(db).cursor().execute("SELECT count(*) FROM projects").fetchone() == (1,)
    load_files([tmp_path / "small.toml"], db)
    assert not list(tmp_path.glob(".plans.duckdb.load-*"))  # ...until the next load clears it


def test_readers_keep_reading_while_a_reload_replaces_the_file(tmp_path: Path) -> None:
    db = tmp_path / "shared.duckdb"
    load_files([write(tmp_path / "v0.toml", MINIMAL_PLAN)], db)
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", READER, str(db), "Project v3"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for proc in readers:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    for version in (1, 2, 3):
        text = MINIMAL_PLAN.replace('title = "Project one"', f'title = "Project v{version}"')
        load_files([write(tmp_path / f"v{version}.toml", text)], db)
        for proc in readers:  # every reader follows each reload before the next one comes
            _wait_seen(proc, f"Project v{version}")
    results = []
    for proc in readers:
        assert proc.stdout is not None and proc.stderr is not None
        out = proc.stdout.read()  # not communicate(): it would miss what readline has buffered
        assert proc.wait(timeout=90) == 0, proc.stderr.read()
        results.append(json.loads(out.splitlines()[-1]))
        proc.stdout.close()
        proc.stderr.close()
    for result in results:
        assert "Project v3" in result["seen"]
        assert result["generation"] >= 1


def _limit_file_size() -> None:
    """In the child: files may not grow past 2 MB, as on a disk that is almost full."""
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (2_000_000, 2_000_000))


def test_a_full_disk_leaves_the_old_database(tmp_path: Path) -> None:
    db = tmp_path / "plans.duckdb"
    load_files([write(tmp_path / "small.toml", MINIMAL_PLAN)], db)
    before = db.read_bytes()
    inputs = _big_csv(tmp_path / "big", 60_000)
    result = subprocess.run(
        [sys.executable, "-m", "planscope", "load", *map(str, inputs), "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        preexec_fn=_limit_file_size,
        timeout=300,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("planscope: cannot write the new database")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert db.read_bytes() == before
    assert not list(tmp_path.glob(".plans.duckdb.load-*"))
