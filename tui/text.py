"""The one door through which data reaches the screen.

Textual parses strings as markup almost everywhere (labels, tree nodes,
option lists, the palette), so a title such as ``[/x] bad`` would raise and
``[bold]x`` would lose its text.  Plan files may also hold escape sequences
that would retitle or recolour the terminal.  Every data string therefore
goes through :func:`plain` (which shows control characters as ``\\xNN`` via
:func:`~planscope.store.sanitize.clean`) and becomes a :class:`Content` or a Rich
:class:`Text` built literally, never parsed.  Only constant strings written
in this package are ever treated as markup.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.content import Content, Span

from planscope.store.sanitize import clean


def plain(value: object, *, multiline: bool = False) -> str:
    """Data as a safe string: ``None`` is empty, control characters are made visible."""
    if value is None:
        return ""
    return clean(str(value), multiline=multiline)


def literal(value: object, style: str = "", *, multiline: bool = False) -> Content:
    """Data as Content that shows exactly what it holds, optionally in one style."""
    text = plain(value, multiline=multiline)
    return Content.styled(text, style) if style else Content(text)


def literal_text(value: object, style: str = "") -> Text:
    """Data as a Rich Text, for widgets that want Rich (Tree labels)."""
    return Text(plain(value), style=style, no_wrap=True, end="")


def join(*parts: Content | str | tuple[str, str]) -> Content:
    """Assemble constant strings, styled constants and literal Content into one line.

    A bare ``str`` here must be a constant of this package, never data: wrap
    data in :func:`literal` first.  Strings are joined as text, not markup.
    """
    return Content.assemble(*parts)


def highlighted(value: object, query: str, style: str = "reverse", base: str = "") -> Content:
    """Data with the terms of a search query marked, matched on the cleaned text.

    Matching the cleaned string keeps the offsets right even when control
    characters were widened to ``\\xNN``.
    """
    from planscope.store.queries.search import match_spans  # imported with the first result, not at start

    text = plain(value)
    spans = [Span(0, len(text), base)] if base and text else []
    spans += [Span(start, end, style) for start, end in match_spans(text, query)]
    return Content(text, spans)


def fit(text: str, width: int, align: str = "left") -> str:
    """Crop or pad a safe string to exactly ``width`` cells (no ellipsis glyph)."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "~" if width > 1 else text[:1]
    if align == "right":
        return " " * (width - cell_len(text)) + text
    return set_cell_size(text, width)


def bar(fraction: float | None, width: int) -> str:
    """An ASCII progress bar ``[###---]`` of ``width`` cells; unknown progress shows ``[ n/a ]``."""
    inner = max(1, width - 2)
    if fraction is None:
        return "[" + "n/a".center(inner)[:inner] + "]"
    filled = round(max(0.0, min(1.0, fraction)) * inner)
    return "[" + "#" * filled + "-" * (inner - filled) + "]"


def number(value: float | None) -> str:
    """A number as a person reads it: thousands separators, no needless decimals."""
    if value is None:
        return "-"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def compact(value: float) -> str:
    """A large amount in a few cells: ``125.5M``, ``10B``, ``950``."""
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            return f"{value / size:.1f}".rstrip("0").rstrip(".") + suffix
    return number(value)


def count(n: int, noun: str) -> str:
    """``1 goal``, ``2 goals``, ``1,000 goals``: a count with its noun in the right number."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def percent(value: float | None) -> str:
    """A ratio as a whole percentage, or ``-``."""
    return "-" if value is None else f"{value:.0%}"


def years(start: int | None, end: int | None) -> str:
    """A span of years, shortest form: ``2021``, ``2021-2025``, ``-2025``."""
    if start is None and end is None:
        return "-"
    if start == end or end is None:
        return str(start)
    if start is None:
        return f"-{end}"
    return f"{start}-{end}"


def message(value: object) -> str:
    """Text for a notification (always sent with ``markup=False``), kept to one safe line."""
    text = plain(value)
    return text if len(text) <= 300 else text[:297] + "..."
