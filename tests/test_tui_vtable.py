"""The virtual table on a synthetic source of a million rows: paging, keys, bounded memory.

The source is pure Python, so these tests say nothing about DuckDB's speed;
they check that the table asks only for the pages on screen, keeps at most
``CACHE_PAGES`` of them, and never loses a page it gave up on.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any, ClassVar

from textual.app import App, ComposeResult

from planscope.tui.columns import Column
from planscope.tui.paging import CACHE_PAGES, PAGE
from planscope.tui.vtable import VirtualTable
from tests.tui_helpers import screen_text, settle, wait_until

ROWS = 1_000_000


class Numbers:
    """A RowSource of the numbers 0 to ROWS - 1, counting what it is asked for and its closes.

    While ``hold`` is set, page reads wait for it, to keep a page worker busy;
    ``build_hold`` does the same for the build.
    """

    def __init__(self) -> None:
        self.asked: list[int] = []
        self.lock = threading.Lock()
        self.closed = 0
        self.hold: threading.Event | None = None
        self.build_hold: threading.Event | None = None
        self.build_started = threading.Event()

    def build(self) -> int:
        self.build_started.set()
        if self.build_hold is not None:
            self.build_hold.wait()
        return ROWS

    def rows(self, offset: int, limit: int) -> Sequence[Any]:
        with self.lock:
            self.asked.append(offset)
        if self.hold is not None:
            self.hold.wait()
        return list(range(offset, min(ROWS, offset + limit)))

    def interrupt(self) -> None:
        pass

    def close(self) -> None:
        with self.lock:
            self.closed += 1


class NumberTable(VirtualTable):
    COLUMNS: ClassVar[list[Column]] = [Column("n", "Number", 10, None), Column("sq", "Square", 12, 20)]

    def cell(self, row: int, column: Column, width: int) -> tuple[str, str | None]:
        return (str(row), None) if column.key == "n" else (str(row * row), "vtable--dim")


class TableApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.source = Numbers()
        self.opened: list[int] = []
        self.sorted_by: list[str] = []

    def compose(self) -> ComposeResult:
        yield NumberTable(id="numbers")

    def on_mount(self) -> None:
        self.query_one(NumberTable).load(lambda: self.source)
        self.query_one(NumberTable).focus()

    def on_virtual_table_opened(self, event: VirtualTable.Opened) -> None:
        self.opened.append(event.row)

    def on_virtual_table_header_clicked(self, event: VirtualTable.HeaderClicked) -> None:
        self.sorted_by.append(event.column.key)


def visible(app: TableApp) -> list[str]:
    return [line.split()[0] for line in screen_text(app).splitlines()[1:] if line.strip()]


async def test_keys_page_through_a_million_rows() -> None:
    app = TableApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        table = app.query_one(NumberTable)
        assert table.total == ROWS
        assert visible(app)[:3] == ["0", "1", "2"]
        await pilot.press("end")
        await settle(pilot)
        assert table.cursor == ROWS - 1
        assert visible(app)[-1] == str(ROWS - 1)
        await pilot.press("pageup", "k")
        await settle(pilot)
        assert table.cursor == ROWS - 1 - table.body_height - 1
        await pilot.press("home", "pagedown", "j", "enter")
        await settle(pilot)
        assert app.opened == [table.body_height + 1]
        assert {offset // PAGE for offset in app.source.asked} <= {
            0,
            1,
            2,
            ROWS // PAGE - 1,
            ROWS // PAGE - 2,
        }


async def test_memory_stays_bounded_while_scrolling() -> None:
    app = TableApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        table = app.query_one(NumberTable)
        for _ in range(60):
            table.action_page_down()
            table.action_page_down()
            table.action_page_down()
            table.action_page_down()
            await settle(pilot)
            assert len(table.pager.cache) <= CACHE_PAGES
        assert visible(app)[0] == str(table.scroll_offset.y)


async def test_a_page_given_up_is_asked_for_again() -> None:
    """A page whose worker starts after the user moved on is forgotten, then fetched when shown."""
    app = TableApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        table = app.query_one(NumberTable)
        table.pager.wanted = frozenset()
        table.pager.request(50)
        await settle(pilot)
        assert 50 not in table.pager.pending and 50 not in table.pager.cache
        table.cursor = 50 * PAGE + 3
        await settle(pilot)
        assert table.current() == 50 * PAGE + 3


async def test_header_click_and_row_click() -> None:
    app = TableApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        table = app.query_one(NumberTable)
        await pilot.click("#numbers", offset=(30, 0))  # Number takes 26 cells of 39
        assert app.sorted_by == ["sq"]
        await pilot.click("#numbers", offset=(1, 3))
        assert table.cursor == 2 and app.opened == []
        await pilot.click("#numbers", offset=(1, 3))
        await settle(pilot)
        assert app.opened == [2]


async def test_a_replaced_source_is_closed_once_and_the_last_when_the_table_goes() -> None:
    app = TableApp()
    first, second = app.source, Numbers()
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        table = app.query_one(NumberTable)
        table.load(lambda: second)
        await settle(pilot)
        assert table.pager.source is second
        assert (first.closed, second.closed) == (1, 0)
    assert second.closed == 1


async def test_a_replaced_source_stays_open_until_its_page_workers_end() -> None:
    app = TableApp()
    first, second = app.source, Numbers()
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        table = app.query_one(NumberTable)
        first.hold = threading.Event()
        try:
            table.cursor = 50 * PAGE
            await wait_until(pilot, lambda: 50 * PAGE in first.asked, "the page worker to start")
            table.load(lambda: second)
            await wait_until(pilot, lambda: table.pager.source is second, "the new source")
            assert first.closed == 0 and table.pager.readers.waiting == 1
        finally:
            first.hold.set()  # a failed check must not leave the worker waiting for good
        await settle(pilot)
        assert first.closed == 1 and table.pager.readers.waiting == 0
        assert second.closed == 0
        assert table.current() == 50 * PAGE


async def test_a_build_that_was_superseded_is_closed_without_being_shown() -> None:
    app = TableApp()
    superseded, latest = Numbers(), Numbers()
    superseded.build_hold = threading.Event()
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        table = app.query_one(NumberTable)
        try:
            table.load(lambda: superseded)
            await wait_until(pilot, superseded.build_started.is_set, "the first build to start")
            table.load(lambda: latest)
            await wait_until(pilot, lambda: table.pager.source is latest, "the second build")
            assert superseded.closed == 0  # still building: the pager can only stop it, not close it
        finally:
            superseded.build_hold.set()
        await settle(pilot)
        assert table.pager.source is latest
        assert (app.source.closed, superseded.closed, latest.closed) == (1, 1, 0)
