"""Numbers as people read them: grouped thousands, and every digit that matters.

An amount of 0.001 must not print as 0, and 1,234.5 not as 1,235: plans
carry small and fractional values.  Fifteen significant digits are kept,
which is all a double holds reliably, so a sum like 0.1 + 0.2 still
prints as 0.3.
"""

from __future__ import annotations

import math
from decimal import Decimal

#: Beyond this size, plain digits stop being readable; scientific notation is used instead.
PLAIN_LIMIT = 1e16


def number_text(value: float | int) -> str:
    """``1,200,000``, ``0.001``, ``-2.5``; ``1.5e+308`` past the plain limit; ``nan`` and ``inf`` as such."""
    if isinstance(value, int):
        return f"{value:,}"
    if not math.isfinite(value):
        return str(value)
    if abs(value) >= PLAIN_LIMIT:
        return format(value, ".15g")
    text = format(Decimal(format(value, ".15g")), ",f")
    return "0" if text in ("-0", "0") else text
