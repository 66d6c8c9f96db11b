"""Why an indicator has no progress band: no target, no observation yet, or a target equal to its baseline.

These three once all read "No target".  Each now has its own band, from the
store's typed rows to the Indicators tab.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planscope.store.build.load import load_files
from planscope.store.db import Database
from planscope.store.queries import indicators
from planscope.store.results import ObservationInfo, TargetInfo
from planscope.tui.app import PlanscopeApp
from tests.helpers import MINIMAL_PLAN, write
from tests.tui_helpers import screen_text, settle

TARGET = [TargetInfo("p", "2021-2025", 2025, 20.0, None)]
SEEN = ObservationInfo(15.0, "2023", None)

#: The minimal plan's indicator, then three more: one per reason for having no band.
MORE = """
[[indicators]]
id = "i-no-target"
title = "Has no target"
baseline = 10
baseline_year = 2020
observations = [{value = 12, as_of = "2023"}]

[[indicators]]
id = "i-not-yet"
title = "Not measured yet"
baseline = 10
baseline_year = 2020
targets = [{period = "p1-2025", value = 20}]

[[indicators]]
id = "i-flat"
title = "Target is the baseline"
baseline = 10
baseline_year = 2020
targets = [{period = "p1-2025", value = 10}]
observations = [{value = 10, as_of = "2023"}]
"""


@pytest.mark.parametrize(
    ("baseline", "targets", "observation", "band"),
    [
        (10.0, [], SEEN, "no_target"),
        (10.0, TARGET, None, "no_data"),
        (20.0, TARGET, SEEN, "flat_target"),
        (None, TARGET, SEEN, "no_baseline"),
        (10.0, TARGET, SEEN, "on_track"),
    ],
)
def test_each_reason_has_its_own_band(
    baseline: float | None, targets: list[TargetInfo], observation: ObservationInfo | None, band: str
) -> None:
    progress, found = indicators.assess(baseline, 2020, targets, observation)
    assert found == band
    assert (progress is None) == (band != "on_track")


def test_the_store_returns_the_bands(tmp_path: Path) -> None:
    db = tmp_path / "bands.duckdb"
    load_files([write(tmp_path / "p.toml", MINIMAL_PLAN + MORE)], db)
    rows = {row.id: row for row in indicators.page(Database(db).cursor()).rows}
    assert {k: r.band for k, r in rows.items()} == {
        "i1": "on_track",
        "i-no-target": "no_target",
        "i-not-yet": "no_data",
        "i-flat": "flat_target",
    }


async def test_the_indicators_tab_tells_the_reasons_apart(tmp_path: Path) -> None:
    db = tmp_path / "bands.duckdb"
    load_files([write(tmp_path / "p.toml", MINIMAL_PLAN + MORE)], db)
    app = PlanscopeApp(db, test_mode=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        lines = {line.split()[0]: line for line in screen_text(app).splitlines() if line.strip()}
        assert lines["Has"].rstrip().endswith("No target")
        assert lines["Not"].rstrip().endswith("No data yet")
        assert lines["Target"].rstrip().endswith("Target=base")
        assert lines["Indicator"].rstrip().endswith("On track")
