"""Table columns, and how they share a width: drop the least needed, grow the title.

Kept apart from the table widget so the layout rule can be read (and tested)
on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

GAP = 1


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its minimal width, its widest useful width and how soon it is dropped."""

    key: str
    title: str
    min: int
    max: int | None = None
    drop: int = 0
    align: str = "left"
    sort: str | None = None


def layout(columns: Sequence[Column], width: int) -> list[tuple[Column, int]]:
    """Fit columns into ``width`` cells.

    Columns with the highest ``drop`` go first until the minima fit.  Spare
    room goes to the growing column (``max=None``) up to 40 cells or 45% of the
    width, then to
    the others up to their ``max``, then to the growing column again.
    """
    shown = list(columns)
    while len(shown) > 1 and sum(c.min for c in shown) + GAP * (len(shown) - 1) > width:
        worst = max(shown, key=lambda c: c.drop)
        if worst.drop <= 0:
            break
        shown.remove(worst)
    widths = {c.key: c.min for c in shown}
    spare = width - sum(widths.values()) - GAP * (len(shown) - 1)
    grow = next((c for c in shown if c.max is None), None)
    if grow is not None and spare > 0:
        add = min(spare, max(0, max(40, int(width * 0.45)) - widths[grow.key]))
        widths[grow.key] += add
        spare -= add
    for c in shown:
        if c.max is not None and spare > 0:
            add = min(spare, c.max - widths[c.key])
            widths[c.key] += add
            spare -= add
    if grow is not None and spare > 0:
        widths[grow.key] += spare
    return [(c, widths[c.key]) for c in shown]
