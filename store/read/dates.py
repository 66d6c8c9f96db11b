"""Partial dates: plans speak in years, months or days, and we keep what was said.

A date is stored as the text the author wrote ("2021", "2021-01" or
"2021-01-25") so that exports round-trip exactly; these helpers turn it into
the first or last calendar day it covers when something must be compared or
sorted.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_PARTIAL = re.compile(PARTIAL_DATE_PATTERN)


@functools.lru_cache(maxsize=8192)
def parse_bounds(text: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day covered by a partial date (cached: plans repeat dates a lot).

    Raises ValueError with a message a person can act on when the text is not
    a real year, month or day.
    """
    if not _PARTIAL.match(text):
        raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}")
    parts = [int(p) for p in text.split("-")]
    year = parts[0]
    if year < 1:
        raise ValueError(f"year out of range in {text!r}")
    if len(parts) == 1:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = parts[1]
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 01-12 in {text!r}")
    last = calendar.monthrange(year, month)[1]
    if len(parts) == 2:
        return dt.date(year, month, 1), dt.date(year, month, last)
    day = parts[2]
    if not 1 <= day <= last:
        raise ValueError(f"day must be 01-{last:02d} in {text!r}")
    return dt.date(year, month, day), dt.date(year, month, day)
