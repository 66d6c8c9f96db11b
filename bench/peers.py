"""Harlequin and VisiData on the same data, in the same terminal, when the ``bench`` extra is installed.

Each is started in tmux at 80x24 like planscope, and timed the same way:
first paint (its own chrome on screen), peak memory, and the time from the
last key of a search to its result on screen.  In Harlequin a search is the
SQL a user would type over planscope's own search table; in VisiData it is
``g|`` (select the rows whose cells match) over the exported projects.csv.
"""

from __future__ import annotations

import re
import shutil
import statistics
import sys
import time
from pathlib import Path

from tmux_term import Term

BIN = Path(sys.executable).parent
SEARCH_SQL = "select kind, id, title from search_items where contains(title_lc, 'smart port') limit 50"


def available() -> dict[str, str]:
    """The peers installed beside this Python, by name."""
    found = {}
    for name, exe in (("Harlequin", "harlequin"), ("VisiData", "vd")):
        path = BIN / exe
        if path.exists() or shutil.which(exe):
            found[name] = str(path if path.exists() else shutil.which(exe))
    return found


def _env(scratch: Path, name: str) -> dict[str, str]:
    home = scratch / f"home-{name}"
    home.mkdir(parents=True, exist_ok=True)
    return {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}


def harlequin(exe: str, db: Path, runs: int, scratch: Path) -> dict[str, float]:
    """First paint, peak memory and a search in Harlequin, read-only on the same database."""
    shown = re.compile(r"Data Catalog.*Query Editor", re.S)
    paints, searches, rss = [], [], 0.0
    for run in range(runs):
        term = Term(f"harlequin-{run}", [exe, "-r", str(db)], env=_env(scratch, "harlequin"))
        try:
            started = term.start()
            paints.append(term.wait_for(lambda s: bool(shown.search(s)) and "▶" in s, timeout=120) - started)
            time.sleep(1.0)
            term.send(SEARCH_SQL, literal=True)
            time.sleep(0.5)
            sent = term.send("C-j")
            searches.append(term.wait_for(lambda s: "Query Results (" in s, timeout=300) - sent)
            rss = max(rss, term.peak_rss_mb())
        finally:
            term.close()
    return {
        "paint_ms": statistics.median(paints) * 1000,
        "rss_mb": rss,
        "search_ms": statistics.median(searches) * 1000,
    }


def visidata(exe: str, csv_file: Path, runs: int, scratch: Path) -> dict[str, float]:
    """First rows, all rows loaded, peak memory and a search in VisiData, on the exported projects.csv."""
    paints, loads, searches, rss = [], [], [], 0.0
    for run in range(runs):
        term = Term(f"visidata-{run}", [exe, str(csv_file)], env=_env(scratch, "visidata"))
        try:
            started = term.start()
            paints.append(term.wait_for(lambda s: "prj-" in s, timeout=120) - started)
            loads.append(term.wait_for(lambda s: "loading" not in s and " rows" in s, timeout=600) - started)
            term.send("g|")
            term.wait_for(lambda s: "regex" in s, timeout=30)
            term.send("(?i)smart port", literal=True)
            sent = term.send("Enter")
            searches.append(
                term.wait_for(lambda s: "processing" not in s and bool(re.search(r"•\d+", s)), timeout=900)
                - sent
            )
            rss = max(rss, term.peak_rss_mb())
        finally:
            term.close()
    return {
        "paint_ms": statistics.median(paints) * 1000,
        "all_rows_s": statistics.median(loads),
        "rss_mb": rss,
        "search_ms": statistics.median(searches) * 1000,
    }
