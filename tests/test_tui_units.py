"""The app's pure parts: the key registry, the escaping helper, table layout and the Gantt frame.

Also the start-up promise: importing the app must not import DuckDB or the
store's query modules, which load on worker threads after the first frame.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from rich.cells import cell_len
from textual.content import Content

from planscope.tui import keys
from planscope.tui.columns import GAP, Column, layout
from planscope.tui.help import help_content
from planscope.tui.text import (
    bar,
    compact,
    count,
    fit,
    highlighted,
    literal,
    literal_text,
    number,
    plain,
    years,
)
from planscope.tui.timeline import Frame, busy
from tests.tui_helpers import HOSTILE, ROOT

ALLOWED_KEY = (
    r"^(ctrl\+)?([a-z]|[0-9]|f[0-9]{1,2}|up|down|left|right|pageup|pagedown|home|end"
    r"|escape|enter|space|tab|slash|question_mark)$"
)


def every_binding() -> list[object]:
    return [b for section in keys.SECTIONS for b in section.bindings]


def test_every_binding_has_an_id_a_description_and_a_safe_key() -> None:
    import re

    for binding in every_binding():
        assert binding.id and binding.description, binding  # type: ignore[attr-defined]
        for key in binding.key.split(","):  # type: ignore[attr-defined]
            assert re.match(ALLOWED_KEY, key), key
            assert "ctrl+enter" not in key


def test_binding_ids_are_unique() -> None:
    ids = [b.id for b in every_binding()]  # type: ignore[attr-defined]
    assert len(ids) == len(set(ids))


def test_help_lists_every_binding_of_the_registry() -> None:
    text = help_content().plain
    for binding in every_binding():
        assert binding.description in text  # type: ignore[attr-defined]
        assert keys.key_label(binding) in text  # type: ignore[arg-type]
    for needed in ("/", "?", "q", "^c", "y", "^p", "esc", "enter", "j/down", "k/up"):
        assert needed in text


def test_widgets_bind_only_registry_bindings() -> None:
    from planscope.tui.app import PlanscopeApp
    from planscope.tui.detail import DetailScreen
    from planscope.tui.filters import FilterScreen
    from planscope.tui.goals import GoalTree
    from planscope.tui.help import HelpScreen
    from planscope.tui.projects import ProjectsPane
    from planscope.tui.search import SearchScreen
    from planscope.tui.vtable import VirtualTable
    from planscope.tui.widgets import PickList, Scroller

    registry = {id(b) for b in every_binding()} | {id(b) for b in keys.LIST + keys.SCROLL}
    for owner in (
        PlanscopeApp,
        DetailScreen,
        PickList,
        Scroller,
        FilterScreen,
        GoalTree,
        HelpScreen,
        ProjectsPane,
        SearchScreen,
        VirtualTable,
    ):
        for binding in owner.__dict__["BINDINGS"]:
            assert id(binding) in registry, (owner, binding)


@pytest.mark.parametrize("text", list(HOSTILE.values()))
def test_literal_keeps_markup_and_shows_controls(text: str) -> None:
    content = literal(text)
    assert isinstance(content, Content)
    assert not content.spans
    assert content.plain == plain(text)
    assert "\x1b" not in content.plain and "\x9b" not in content.plain and "\x07" not in content.plain
    assert literal_text(text).plain == plain(text)


def test_highlight_marks_terms_on_the_cleaned_text() -> None:
    content = highlighted("a\x1b[b] Eco-City", "eco-city")
    assert content.plain == "a\\x1b[b] Eco-City"
    (span,) = content.spans
    assert content.plain[span.start : span.end] == "Eco-City"


def test_fit_crops_and_pads_by_cells_without_an_ellipsis_glyph() -> None:
    assert fit("abcdef", 4) == "abc~"
    assert fit("ab", 4) == "ab  "
    assert fit("ab", 4, "right") == "  ab"
    assert cell_len(fit("天津生态城", 5)) == 5
    assert "…" not in fit("x" * 50, 10)


def test_numbers_and_bars() -> None:
    assert len(bar(0.5, 12)) == 12 and bar(0.5, 12).count("#") == 5
    assert bar(None, 10) == "[  n/a   ]"
    assert bar(2.0, 6) == "[####]" and bar(-1.0, 6) == "[----]"
    assert number(33000.0) == "33,000" and number(1.25) == "1.25" and number(None) == "-"
    assert compact(125_500_000) == "125.5M" and compact(10e9) == "10B" and compact(950) == "950"
    assert count(1, "goal") == "1 goal" and count(1000, "goal") == "1,000 goals"
    assert years(2021, 2025) == "2021-2025" and years(2021, None) == "2021" and years(None, None) == "-"


def test_layout_drops_columns_and_grows_the_title() -> None:
    columns = [
        Column("status", "Status", 11, 11),
        Column("title", "Title", 18, None),
        Column("goal", "Goal", 16, 30, drop=3),
        Column("years", "Years", 9, 9),
    ]
    narrow = layout(columns, 50)
    assert [c.key for c, _ in narrow] == ["status", "title", "years"]
    assert sum(w for _, w in narrow) + GAP * (len(narrow) - 1) == 50
    wide = layout(columns, 150)
    assert [c.key for c, _ in wide] == ["status", "title", "goal", "years"]
    assert dict((c.key, w) for c, w in wide)["goal"] == 30
    assert sum(w for _, w in wide) + GAP * 3 == 150


def test_gantt_frame_covers_2016_to_2035_in_ascii() -> None:
    frame = Frame(2016, 2035, 78)
    top, ticks = (line.plain for line in frame.axis())
    assert "2016" in top and "2020" in top and "2035" in top
    row = frame.span_row("plan", 2021, 2025, "=").plain
    assert row.count("=") == 5 * frame.cell
    assert len(row) <= 78 and len(ticks) <= 78
    assert set(top + ticks + row) <= set("0123456789 +-=|#*plan")
    assert busy(0, 10) == " " and busy(1, 10) == "-" and busy(5, 10) == "=" and busy(10, 10) == "#"


def test_the_app_imports_no_database_code_before_the_first_frame() -> None:
    probe = (
        "import sys, planscope.tui.app\n"
        "bad = sorted(m for m in sys.modules if m == 'duckdb' or m.startswith('planscope.store.queries')"
        " or m in ('planscope.store.db', 'planscope.store.build.load', 'pydantic'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == ""


BIDI_MARKS = ["\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c", "\u2028"]


@pytest.mark.parametrize("mark", BIDI_MARKS)
def test_bidirectional_controls_are_shown_not_obeyed(mark: str) -> None:
    text = plain(f"abc{mark}def")
    assert mark not in text
    assert text == f"abc\\u{ord(mark):04x}def"
    assert mark not in plain(f"a{mark}\nb", multiline=True)
