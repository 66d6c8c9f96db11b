"""Plain-text and JSON renderings of store results for the command line.

Text output passes every data string through :func:`~planscope.store.sanitize.clean`,
so escape sequences in a plan never reach the terminal.  JSON output escapes
every control character, C1 included, so it is safe to print too.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
import sys
from typing import Any

from planscope.store.numbers import number_text
from planscope.store.results import Hit, RecordDetail, Stats
from planscope.store.sanitize import clean
from planscope.store.vocab import PLAN_KIND_LABEL, status_label

_C1 = re.compile(r"[\x7f-\x9f\u2028\u2029]")


def to_json(value: Any) -> str:
    """JSON text for results; dataclasses become objects, control characters \\u-escapes.

    NaN and infinities are not JSON, so they are written as null: a number
    that cannot be given is no number, and the output must always parse.
    """
    text = json.dumps(_plain(value), ensure_ascii=False, indent=2, allow_nan=False)
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _plain(value: Any) -> Any:
    """``value`` as JSON's types: dataclasses to dicts, tuples to lists, non-finite floats to None."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def hits_text(hits: list[Hit]) -> str:
    """One hit per line: kind, id and title, with the matching snippet when it is not the title."""
    if not hits:
        return "no matches"
    width = max(len(h.kind) for h in hits)
    lines = []
    for h in hits:
        lines.append(f"{h.kind:<{width}}  {clean(h.id)}  {clean(h.title)}")
        if h.snippet:
            lines.append(f"{'':<{width}}    {clean(h.snippet)}")
    return "\n".join(lines)


def detail_text(d: RecordDetail) -> str:
    """A record as label: value lines, then its links and citations."""
    lines = [f"{d.kind} {clean(d.id)}"]
    width = max((len(label) for label, _ in d.fields), default=0)
    for label, value in d.fields:
        text = clean(value, multiline=True).replace("\n", "\n" + " " * (width + 4))
        lines.append(f"  {label:<{width}}  {text}")
    if d.links:
        lines.append("links:")
        for link in d.links:
            lines.append(f"  {link.relation}: {link.kind} {clean(link.id)}  {clean(link.title)}")
        if d.more_links:
            lines.append(f"  ... and {d.more_links} more")
    if d.citations:
        lines.append("citations:")
        for c in d.citations:
            note = f"  {clean(c.note)}" if c.note else ""
            lines.append(f"  {clean(c.source_title)}, paragraph {c.paragraph}{note}")
    return "\n".join(lines)


def detail_json(d: RecordDetail, values: dict[str, Any]) -> str:
    """A record for scripts: its typed fields (as in a plan file), links and citations."""
    return to_json(
        {
            "kind": d.kind,
            "id": d.id,
            "title": d.title,
            "plan_id": d.plan_id,
            "fields": values,
            "links": d.links,
            "more_links": d.more_links,
            "citations": d.citations,
        }
    )


def stats_text(s: Stats) -> str:
    """Counts per kind, then plans and breakdowns, aligned for reading."""
    lines = ["records:"]
    for key, n in s.counts.items():
        lines.append(f"  {key:<11} {n:>12,}")
    if s.plans:
        lines.append("plans:")
        for p in s.plans:
            span = f"{p.start_year}-{p.end_year}" + (f" (to {p.horizon_year})" if p.horizon_year else "")
            kind = PLAN_KIND_LABEL.get(p.kind, p.kind)
            lines.append(f"  {clean(p.id)}  {clean(p.title)}  [{kind}, {span}]")
    for title, breakdown, label in (
        ("projects by status:", s.project_status, status_label),
        ("goals by status:", s.goal_status, status_label),
        ("goals by area:", s.areas, lambda k: k),
    ):
        if breakdown:
            lines.append(title)
            for key, n in breakdown.items():
                lines.append(f"  {clean(label(key)):<24} {n:>10,}")
    if s.budgets:
        lines.append("budgets:")
        for currency, total in s.budgets.items():
            lines.append(f"  {clean(currency)} {number_text(total)}")
    return "\n".join(lines)


def short_path(path: object, limit: int = 120) -> str:
    """A path for a message, its middle cut out when it is too long to read on one line."""
    text = str(path)
    return text if len(text) <= limit else f"{text[: limit // 2]}...{text[-(limit // 2) :]}"


def err(message: str) -> None:
    """One line on stderr, cleaned like everything else."""
    print(f"planscope: {clean(message, multiline=True)}", file=sys.stderr)
