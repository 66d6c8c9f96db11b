"""No cursor outlives the rows it was opened for: the app on a real database, sorted and filtered.

Each sort or filter of the Projects and Changes tables builds a view on a
private cursor (holding a temporary table); once a newer view is on show
and the old one's page workers are done, the old cursor must be closed, and
the last one must be closed when the app ends.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planscope.tui.app import PlanscopeApp
from planscope.tui.vtable import VirtualTable
from tests.tui_helpers import settle


@pytest.mark.parametrize(
    ("tab", "table_id", "keys"), [("3", "projects-table", "ssrsr"), ("6", "changes-table", "tcx")]
)
async def test_every_replaced_view_closes_its_cursor(
    tui_db: Path, tab: str, table_id: str, keys: str
) -> None:
    app = PlanscopeApp(tui_db, test_mode=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press(tab)
        await settle(pilot)
        table = app.query_one(f"#{table_id}", VirtualTable)
        sources = [table.pager.source]
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
            sources.append(table.pager.source)
        assert len({id(s) for s in sources}) == len(sources), "each key should build a new view"
        current = table.pager.source
        cursors = [s.view.cursor for s in sources]  # type: ignore[union-attr]
        assert [c.closed for c in cursors] == [s is not current for s in sources]
    assert all(c.closed for c in cursors)
