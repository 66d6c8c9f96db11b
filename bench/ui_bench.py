"""The app as a user sees it, in a real terminal (tmux): every time runs from a key to the screen.

First paint, tab switches, PageDown (in file order and sorted) and searches
are measured for planscope and, where the same action exists, for a bare
Textual app with the same tabs and footer, and for Textual's own DataTable.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tmux_term import Term

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
PLANSCOPE = str(Path(sys.executable).with_name("planscope"))
QUERIES = ["smart port", "big data center", "urban brain", "eco-city", "5G base station"]
#: A screen unchanged this long counts as still (the tab underline animates for about 0.3 s).
STILL = 0.4


def chrome_shown(screen: str) -> bool:
    """The tabs and the footer are on screen: the first paint."""
    return "1 Overview" in screen and "Quit" in screen


def first_paint(
    argv: list[str], runs: int, name: str, shown: Callable[[str], bool] = chrome_shown
) -> list[float]:
    """Seconds from launch to the first frame with the chrome, per run."""
    times = []
    for run in range(runs):
        term = Term(f"{name}-{run}", argv)
        try:
            started = term.start()
            times.append(term.wait_for(shown) - started)
            term.send("q")
            time.sleep(0.2)
        finally:
            term.close()
    return times


def body(screen: str) -> list[str]:
    """The lines between the tab bar and the footer."""
    return screen.splitlines()[2:-1]


def table_rows(screen: str) -> list[str]:
    """The body lines of a table: after its header line, before the footer line."""
    lines = screen.splitlines()
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("Status")), None)
    return lines[start + 1 : -1] if start is not None else []


def settled_change(before: str) -> Callable[[str], bool]:
    """A screen test: the table rows changed and none is still blank (waiting for its page)."""
    old = table_rows(before)

    def test(screen: str) -> bool:
        rows = table_rows(screen)
        return bool(rows) and rows != old and all(row.strip() for row in rows)

    return test


def sorted_shown(screen: str) -> bool:
    """A screen test: the Projects table is sorted by a column, counted, and every row is there."""
    counted = re.search(r"[\d,]+ projects\s+sort: (?!file order)", screen)
    return bool(counted) and bool(table_rows(screen)) and all(row.strip() for row in table_rows(screen))


def key_times(term: Term, key: str, runs: int, reset: str | None = None) -> list[float]:
    """Milliseconds from sending ``key`` to the table showing its new rows."""
    out = []
    for _ in range(runs):
        if reset:
            term.send(reset)
            time.sleep(0.5)
        before = term.screen()
        sent = term.send(key)
        out.append((term.wait_for(settled_change(before), timeout=60) - sent) * 1000)
        time.sleep(0.2)
    return out


def until_still(term: Term, since: float, timeout: float = 10.0) -> float:
    """Seconds from ``since`` to the last change of the screen before it stays still."""
    last_screen, last_change = term.screen(), time.perf_counter()
    while time.perf_counter() - last_change < STILL and time.perf_counter() - since < timeout:
        screen = term.screen()
        if screen != last_screen:
            last_screen, last_change = screen, time.perf_counter()
        time.sleep(0.002)
    return last_change - since


def tab_times(term: Term, rounds: int) -> tuple[list[float], list[float]]:
    """Per tab key (2 to 6, then 1): ms until the new tab shows content, and until still.

    A first round, not counted, visits every tab once: the timed rounds measure switching
    between tabs, not each tab's first load of its data (which the first paint and the
    page and search figures cover).
    """
    shown, still = [], []
    for counted in [False] + [True] * rounds:
        for key in "234561":
            before = body(term.screen())
            sent = term.send(key)

            def new_content(screen: str, old: list[str] = before) -> bool:
                lines = body(screen)
                return lines != old and "Loading" not in screen

            seen, quiet = term.wait_for(new_content, timeout=30) - sent, until_still(term, sent)
            if counted:
                shown.append(seen * 1000)
                still.append(quiet * 1000)
    return shown, still


def bare_tabs(rounds: int) -> tuple[list[float], list[float]]:
    """The same tab keys in the bare app: the floor for a tab switch."""
    term = Term("bare-tabs", [PYTHON, str(HERE / "bare_app.py")])
    try:
        term.start()
        term.wait_for(chrome_shown)
        time.sleep(0.5)
        return tab_times(term, rounds)
    finally:
        term.close()


def bare_pagedown(runs: int) -> list[float]:
    """PageDown in Textual's own DataTable of 1,000 rows: the baseline for a table key."""
    term = Term("bare-table", [PYTHON, str(HERE / "bare_app.py"), "--rows", "1000"])
    try:
        term.start()
        term.wait_for(lambda s: "Project 0" in s)
        time.sleep(0.5)
        return key_times(term, "PageDown", runs)
    finally:
        term.close()


def search_times(term: Term, queries: list[str]) -> list[float]:
    """Milliseconds from typing a whole query (as a fast typist does) to its hits, or "No hits", on screen."""
    out = []
    for query in queries:
        term.send("/")
        term.wait_for(lambda s: "Search plans" in s)
        time.sleep(0.3)
        sent = term.send(query, literal=True)
        marker = re.compile(rf"(\d[\d,]*\+?|No) hits? for '{re.escape(query)}'")
        out.append((term.wait_for(lambda s, m=marker: bool(m.search(s)), timeout=60) - sent) * 1000)
        time.sleep(0.2)
        term.send("Escape")
        term.wait_for(lambda s: "Search plans" not in s)
        time.sleep(0.3)
    return out


def planscope_session(db: Path, runs: int, searches: dict[str, str]) -> dict[str, float]:
    """One session in the app: searches, tab switches, PageDown in file order and sorted, memory."""
    term = Term(f"app-main-{db.stem}", [PLANSCOPE, "--db", str(db)])
    out: dict[str, float] = {}
    try:
        term.start()
        term.wait_for(lambda s: "goals" in s and "projects" in s, timeout=120)
        out["search_ms"] = statistics.median(search_times(term, QUERIES))
        for name, query in searches.items():
            out[f"screen {name} ms"] = statistics.median(search_times(term, [query] * max(1, runs // 2)))
        shown, still = tab_times(term, max(1, runs // 2))
        out["tab_shown_ms"], out["tab_still_ms"] = statistics.median(shown), statistics.median(still)
        term.send("3")
        term.wait_for(
            lambda s: bool(re.search(r"[\d,]+ projects", s)) and all(r.strip() for r in table_rows(s))
        )
        time.sleep(0.5)
        out["pagedown_ms"] = statistics.median(key_times(term, "PageDown", runs))
        out["end_ms"] = statistics.median(key_times(term, "End", max(1, runs // 2), reset="Home"))
        term.send("s")  # sort by the next column
        # Until the sorted view is built the old rows stay, under "counting...": wait for the
        # count to come back, so PageDown moves through sorted rows and memory is not read mid-sort.
        term.wait_for(sorted_shown, timeout=300)
        time.sleep(0.5)
        out["pagedown_sorted_ms"] = statistics.median(key_times(term, "PageDown", runs))
        out["rss_peak_mb"] = term.peak_rss_mb()
        out["rss_now_mb"] = term.rss_mb()
    finally:
        term.close()
    return out
