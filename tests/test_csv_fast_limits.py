"""The fast CSV path keeps every limit of ``planscope.store.read.fields`` exactly as the models do.

Each case is a one-row file with a value at a limit or just past it.  It is
loaded both ways (as in ``test_csv_fast``); a value at the limit must load
through the fast path itself (the SQL is not needlessly stricter than the
model), and a value past it must be refused both ways, with the same words.
Lengths are in characters: a title of 500 Chinese characters (1,500 bytes)
is still a 500-character title.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import write
from tests.test_csv_fast import PLAN, _csv, _load, _tables

#: A source without a paragraph count, so citations may name any paragraph.
WIDE = PLAN + '\n[[sources]]\nid = "wide"\ntitle = "W"\n'

TAGS_100 = "; ".join(f"t{n}" for n in range(100))
CITES_100 = "; ".join(f"wide#{n}" for n in range(1, 101))
PROJECT = ["plan", "id", "title", "goals", "description", "owner", "budget_amount", "budget_currency",
           "tags", "citations"]  # fmt: skip


LONG_NOTE = 'wide#1 "' + "n" * 20_001 + '"'


def project(**given: str) -> tuple[str, list[str], list[str]]:
    """A project row with every column of ``PROJECT``, the ones not given empty."""
    row = {"plan": "p", "id": "pr", "title": "T", "goals": "g1"} | given
    return "projects.csv", PROJECT, [row.get(c, "") for c in PROJECT]


def cells(name: str, **given: str) -> tuple[str, list[str], list[str]]:
    """A file of one row: the columns given, in that order."""
    return name, list(given), list(given.values())


# (file, header, row), and whether the row loads (True) or is refused (False).
CASES = {
    "title of 500 characters": (project(title="x" * 500), True),
    "title of 500 Chinese characters": (project(title="天" * 500), True),
    "title of 501 characters": (project(title="x" * 501), False),
    "title of 501 Chinese characters": (project(title="天" * 501), False),
    "title only spaces": (project(title="   "), False),
    "title only ideographic space": (project(title="\u3000"), False),
    "two goals": (project(goals="g1; g2"), True),
    "goal repeated": (project(goals="g1;g1"), False),
    "goal repeated later": (project(goals="g1; g2; g1"), False),
    "description of 20,000 characters": (project(description="d" * 20_000), True),
    "description of 20,001 characters": (project(description="d" * 20_001), False),
    "owner of 500 characters": (project(owner="o" * 500), True),
    "owner of 501 characters": (project(owner="o" * 501), False),
    "budget just below 1e15": (project(budget_amount="999999999999999", budget_currency="CNY"), True),
    "budget of 1e15": (project(budget_amount="1e15", budget_currency="CNY"), False),
    "budget of 1e16": (project(budget_amount="1e16", budget_currency="CNY"), False),
    "budget that rounds to 1e15": (project(budget_amount="999999999999999.99", budget_currency="CNY"), False),
    "tag of 100 characters": (project(tags="天" * 100), True),
    "tag of 101 characters": (project(tags="a; " + "t" * 101), False),
    "100 tags": (project(tags=TAGS_100), True),
    "101 tags": (project(tags=TAGS_100 + "; t100"), False),
    "100 tags and an empty one": (project(tags=TAGS_100 + ";"), True),
    "paragraph 1,000,000": (project(citations="wide#1000000"), True),
    "paragraph 1,000,001": (project(citations="wide#1000001"), False),
    "100 citations": (project(citations=CITES_100), True),
    "101 citations": (project(citations=CITES_100 + "; wide#1"), False),
    "note of 20,000 characters": (project(citations='wide#1 "' + "n" * 20_000 + '"'), True),
    "note of 20,001 characters": (project(citations=LONG_NOTE), False),
    "goal area of 501 characters": (cells("goals.csv", plan="p", id="g9", title="G", area="a" * 501), False),
    "indicator goal repeated": (cells("indicators.csv", plan="p", id="i9", title="I", goals="g2;g2"), False),
    "baseline of -1e15": (cells("indicators.csv", plan="p", id="i9", title="I", baseline="-1e15"), False),
    "baseline just above -1e15": (
        cells("indicators.csv", plan="p", id="i9", title="I", baseline="-999999999999999"), True),
    "target of 1e16": (cells("targets.csv", indicator="i1", period="per", value="1e16"), False),
    "target note of 20,001": (cells("targets.csv", indicator="i1", period="per", note="n" * 20_001), False),
    "observation citing paragraph 1,000,001": (
        cells("observations.csv", indicator="i1", value="1", as_of="2022", citation="wide#1000001"), False),
    "observation note of 20,001": (
        cells("observations.csv", indicator="i1", value="1", as_of="2022", citation=LONG_NOTE), False),
    "milestone goal repeated": (
        cells("milestones.csv", plan="p", id="m9", title="M", date="2022", goals="g1; g1"), False),
    "milestone project repeated": (
        cells("milestones.csv", plan="p", id="m9", title="M", date="2022", projects="x;x"), False),
    "source of 1,000,000 paragraphs": (
        cells("sources.csv", plan="p", id="s9", title="S", paragraphs="1000000"), True),
    "source of 1,000,001 paragraphs": (
        cells("sources.csv", plan="p", id="s9", title="S", paragraphs="1000001"), False),
    "source location of 501 (prose)": (cells("sources.csv", plan="p", id="s9", title="S", location="l" * 501),
                                       True),
    "publisher of 501": (cells("sources.csv", plan="p", id="s9", title="S", publisher="x" * 501), False),
    "plan summary of 20,001": (
        cells("plans.csv", id="p2", title="P", start="2021", end="2025", summary="s" * 20_001), False),
    "plan issuer of 501": (cells("plans.csv", id="p2", title="P", start="2021", end="2025", issuer="i" * 501),
                           False),
    "period label blank": (
        cells("periods.csv", plan="p", id="per9", label=" ", start="2021", end="2022"), False),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_limit_holds_the_same_both_ways(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (name, header, row), loads = CASES[case]
    folder = tmp_path / "in"
    write(folder / "plan.toml", WIDE)
    write(folder / name, _csv(header, [row]))
    slow = _load([folder], tmp_path / "slow.duckdb", False, monkeypatch)
    taken: list[str] = []
    quick = _load([folder], tmp_path / "fast.duckdb", True, monkeypatch, taken)
    assert quick == slow
    if loads:
        assert slow is None
        assert taken, "the fast path should have taken a row the models accept"
        assert _tables(tmp_path / "fast.duckdb") == _tables(tmp_path / "slow.duckdb")
    else:
        assert slow, "the models should refuse this row"
        assert not taken
