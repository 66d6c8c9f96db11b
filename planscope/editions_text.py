"""Plain-text renderings of editions, changes and plan comparisons for the command line.

Every data string passes through :func:`~planscope.store.sanitize.clean`, as in
``planscope.output``, so a value holding escape sequences prints harmlessly.
"""

from __future__ import annotations

import dataclasses

from planscope.store.queries.changes import Change, Edition
from planscope.store.queries.compare import Comparison
from planscope.store.sanitize import clean

ARROW = "->"
NONE = "(none)"


def when(iso: str | None) -> str:
    """``2026-01-05T10:00:00+00:00`` as ``2026-01-05 10:00 UTC``; unknown as ``-``."""
    if not iso:
        return "-"
    day, _, time = iso.partition("T")
    return f"{day} {time[:5]} UTC" if time else day


def editions_text(found: list[Edition]) -> str:
    """One edition per line, newest first."""
    if not found:
        return "no editions: this database has no change log"
    lines = [f"{'edition':>7}  {'loaded':<20}  {'files':>5}  {'records':>10}  changes"]
    for e in found:
        records = sum(e.counts.values())
        if not e.compared:
            what = "first edition"
        else:
            what = f"{e.changes:,} ({e.added:,} added, {e.removed:,} removed, {e.changed:,} changed)"
        lines.append(f"{e.edition:>7}  {when(e.loaded_at):<20}  {len(e.files):>5}  {records:>10,}  {what}")
    return "\n".join(lines)


def change_value(value: str | None) -> str:
    """An old or new value on one line; a missing one as ``(none)``."""
    return NONE if value is None else clean(value)


def changes_text(rows: list[Change]) -> str:
    """Changes under a heading per edition, one line per record added or removed, or per field."""
    if not rows:
        return "no changes"
    lines: list[str] = []
    edition, record = None, None
    for c in rows:
        if c.edition != edition:
            edition, record = c.edition, None
            lines.append(f"edition {c.edition}, loaded {when(c.loaded_at)}")
        if (c.kind, c.id) != record:
            record = (c.kind, c.id)
            mark = f"  {c.change}" if c.change != "changed" else ""
            lines.append(f"  {c.kind:<9} {clean(c.id)}  {clean(c.title or '')}{mark}")
        if c.field is not None:
            lines.append(f"      {clean(c.field)}: {change_value(c.old)} {ARROW} {change_value(c.new)}")
    return "\n".join(lines)


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def compare_text(r: Comparison) -> str:
    """The comparison as sections: areas, counts per area, targets in both."""
    lines = [
        f"A: {clean(r.a.id)}  {clean(r.a.title)}, {r.a.start_year}-{r.a.end_year}",
        f"B: {clean(r.b.id)}  {clean(r.b.title)}, {r.b.start_year}-{r.b.end_year}",
        "",
        "goal areas:",
    ]
    for label, areas in (
        ("in both", r.areas_both),
        ("only in A", r.areas_only_a),
        ("only in B", r.areas_only_b),
    ):
        lines.append(f"  {label + ':':<11} {', '.join(clean(a) for a in areas) or NONE}")
    lines += ["", f"  {'area':<28} {'goals A/B':>11} {'projects A/B':>14} {'indicators A/B':>16}"]
    for x in r.areas:
        lines.append(
            f"  {clean(x.area)[:28]:<28} {x.goals_a:>5}/{x.goals_b:<5} {x.projects_a:>7}/{x.projects_b:<6}"
            f" {x.indicators_a:>8}/{x.indicators_b:<7}".rstrip()
        )
    lines += ["", "indicators with targets in both (matched by title and unit):"]
    if not r.targets:
        lines.append(f"  {NONE}")
    for t in r.targets:
        unit = f" {clean(t.unit)}" if t.unit else ""
        sign = "+" if t.moved > 0 else ""
        lines.append(
            f"  {clean(t.title)}: {_num(t.target_a)}{unit} by {t.year_a} {ARROW} "
            f"{_num(t.target_b)}{unit} by {t.year_b} ({sign}{_num(t.moved)})"
        )
    return "\n".join(lines)


def compare_json(r: Comparison) -> dict[str, object]:
    """The comparison as plain data, with each target's move spelled out."""
    data = dataclasses.asdict(r)
    for item, move in zip(data["targets"], r.targets, strict=True):
        item["moved"] = move.moved
    return data
