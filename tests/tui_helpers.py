"""Helpers for the app's tests: databases to run against, and what the screen shows.

The shared conftest belongs to everyone, so the ``test_tui_*`` modules wrap
the builders here in their own small fixtures.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from textual.app import App
from textual.message import Message
from textual.notifications import Notification, Notify
from textual.pilot import Pilot

from planscope.tui.app import PlanscopeApp

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

#: Titles that would break or hijack a terminal if shown as markup or raw bytes.
HOSTILE = {
    "close_tag": "[/x] bad",
    "bold": "[bold]x",
    "link": "[link=https://e.invalid]y[/link]",
    "osc_title": "\u001b]0;pwned\u0007 osc",
    "csi_red": "\u001b[31mred",
    "c1_csi": "\u009b2J c1",
    "variable": "$accent [b]$title[/b] 100%",
    "bidi": "\u202eevil\u2066 \u200f",
}

HOSTILE_PLAN = """\
format = "planscope/1"

[plan]
id = "hx"
title = {plan}
kind = "five_year_plan"
start = 2021
end = 2025
horizon = 2035
summary = {summary}

[[sources]]
id = "hx-src"
title = {source}
paragraphs = 5

[[periods]]
id = "hx-2025"
label = {period}
start = 2021
end = 2025

[[goals]]
id = "hx-goal"
title = {goal}
area = {area}
description = {summary}

[[goals]]
id = "hx-sub"
parent = "hx-goal"
title = {sub}
area = {area}

[[projects]]
id = "hx-proj"
title = {project}
goals = ["hx-goal"]
status = "in_progress"
owner = {owner}
planned_start = "2021"
planned_end = "2024"
description = {summary}
citations = [{{source = "hx-src", paragraph = 2, note = {note}}}]

[[indicators]]
id = "hx-ind"
title = {indicator}
unit = {owner}
baseline = 10
baseline_year = 2020
targets = [{{period = "hx-2025", value = 20}}]
observations = [{{value = 15, as_of = "2023"}}]
goals = ["hx-goal"]

[[milestones]]
id = "hx-ms"
title = {milestone}
date = "2022-06"
goals = ["hx-goal"]
"""


def toml_string(text: str) -> str:
    """A TOML basic string holding ``text`` exactly (control characters as \\u escapes)."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def hostile_plan_text() -> str:
    """A plan whose every title mixes markup and escape sequences."""
    h = HOSTILE
    values = {
        "plan": h["close_tag"] + " plan " + h["osc_title"],
        "summary": h["link"] + " " + h["csi_red"] + " " + h["c1_csi"],
        "source": h["bold"] + " source",
        "period": h["close_tag"] + " period",
        "goal": h["close_tag"] + " goal " + h["bold"] + h["bidi"],
        "area": h["bold"] + " area",
        "sub": h["link"] + " sub " + h["osc_title"],
        "project": h["close_tag"] + " project " + h["csi_red"] + " " + h["variable"] + h["bidi"],
        "owner": h["link"] + " owner" + h["bidi"],
        "note": h["osc_title"] + " note",
        "indicator": h["bold"] + " indicator " + h["c1_csi"],
        "milestone": h["close_tag"] + " milestone " + h["osc_title"] + h["bidi"],
    }
    return HOSTILE_PLAN.format(**{k: toml_string(v) for k, v in values.items()})


def app_for(path: Path) -> PlanscopeApp:
    """The app on ``path`` as tests run it (no cursor blink, no timing in screenshots)."""
    return PlanscopeApp(path, test_mode=True)


def build_seeded(folder: Path) -> Path:
    """A database of the Tianjin seeds in ``folder``."""
    from planscope.store.build.load import load_files
    from tests.edition_plans import pin_edition_times

    path = folder / "db.duckdb"
    load_files([SEEDS], path, require_citations=True)
    return pin_edition_times(path)


def build_hostile(folder: Path) -> Path:
    """A database of one small plan whose text is all markup and escape sequences."""
    from planscope.store.build.load import load_files

    plan = folder / "hostile.toml"
    plan.write_text(hostile_plan_text(), encoding="utf-8")
    path = folder / "db.duckdb"
    load_files([plan], path)
    return path


async def settle(pilot: Pilot[object]) -> None:
    """Let every key be handled, every worker finish and the screen catch up, three times over
    (answers start more work).

    ``pilot.press`` returns once the keys are posted, but the app may still hold some of them
    (one key at a time, see tui/keyorder.py); on a busy machine a search could then start after
    the workers were waited for, and its answer land after the test had moved on.
    """
    order = getattr(pilot.app, "key_order", None)
    for _ in range(3):
        await pilot.pause()
        if order is not None:
            await wait_until(pilot, lambda: order.idle, "the typed keys to be handled")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


class Notices:
    """Every notification the app posted, recorded through ``run_test(message_hook=...)``.

    Textual keeps the notifications on show in a private list; the message
    hook is its public way to see each ``Notify`` as the app handles it.
    Pass an instance as ``message_hook`` and read :attr:`seen`.
    """

    def __init__(self) -> None:
        self.seen: list[Notification] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.seen.append(message.notification)

    @property
    def messages(self) -> list[str]:
        """The text of each notification, in order."""
        return [str(n.message) for n in self.seen]

    @property
    def errors(self) -> list[Notification]:
        """The notifications of severity "error"."""
        return [n for n in self.seen if n.severity == "error"]


#: The longest a wait for a condition may take; only a broken build comes near it.
WAIT = 60.0
#: How often a waited-for condition is looked at again.
POLL = 0.02


async def wait_until(pilot: Pilot[object], ready: Callable[[], bool], what: str) -> None:
    """Let the app run until ``ready()`` holds; fail, naming ``what``, if it never does."""
    deadline = time.monotonic() + WAIT
    while not ready():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        await pilot.pause(POLL)


# Textual 8 has no public way to read what the screen shows as text or as the bytes a
# terminal would get: `export_screenshot` is the nearest, and it gives SVG.  So the three
# helpers below ask the screen's compositor, as `export_screenshot` itself does.


def screen_lines(app: App[object]) -> list[str]:
    """The text of the active screen, line by line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app: App[object]) -> str:
    """The text of the active screen as one string."""
    return "\n".join(screen_lines(app))


#: Control characters, and the bidirectional controls and separators that reorder or break lines.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
#: What Rich itself writes: SGR colours and cursor moves, nothing else.
_OWN_SEQUENCE = re.compile(r"\x1b\[[0-9;]*[mHABCDfGK]")


def control_in_segments(app: App[object]) -> list[str]:
    """Every control character in the text of the rendered segments (should be none)."""
    found = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            found += _CONTROL.findall(segment.text)
    return found


def terminal_bytes(app: App[object]) -> str:
    """What a full repaint of the screen would write to the terminal."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True, color_system="truecolor"
    )
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    assert update is not None
    return update.render_segments(console)  # type: ignore[attr-defined,no-any-return]


def foreign_controls(output: str) -> list[str]:
    """Control characters left once Rich's own colour and cursor sequences and newlines are removed."""
    return _CONTROL.findall(_OWN_SEQUENCE.sub("", output).replace("\n", ""))
