"""Read CSV files of one record kind each, as a stream with byte progress.

Spreadsheets are where many project portfolios live, and an export of one
can be hundreds of megabytes, so rows are parsed one at a time and never
held in memory together.  Each row becomes a raw record shaped like its
plan-document counterpart, so the same models validate both.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from planscope.store.errors import Problem
from planscope.store.read.csv_format import (
    COLUMNS,
    KIND_OF_TABLE,
    LIST_COLUMNS,
    header_problems,
    kind_of_file,
    parse_citation,
    row_record,
    split_citations,
    split_list,
)
from planscope.store.read.items import Item, RawRecord

#: How often (in rows) the reader reports how far it has read.
PROGRESS_EVERY = 5_000

csv.field_size_limit(64 * 1024 * 1024)


def read_csv(path: Path, label: str, on_bytes: Callable[[int], None] | None = None) -> Iterator[Item]:
    """Yield a raw record per row of ``path``, or problems for what cannot be read."""
    table = kind_of_file(path.name)
    if table is None:
        names = ", ".join(f"{k}.csv" for k in COLUMNS)
        yield Problem(
            label,
            None,
            "",
            None,
            f"cannot tell which records this CSV holds from its name; name it one of {names} "
            "(or add a suffix, as in projects-north.csv)",
        )
        return
    try:
        raw = path.open("rb")
    except OSError as exc:
        yield Problem(label, None, "", None, f"cannot read file: {exc.strerror or exc}")
        return
    with raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        reader = csv.reader(text, delimiter=_delimiter(raw.peek(4096)))
        for item in _rows(reader, table, label, lambda: on_bytes(raw.tell()) if on_bytes else None):
            if isinstance(item, Problem) and item.message.startswith("not UTF-8"):
                item = Problem(label, _bad_utf8_line(path), "", None, item.message)
            yield item


def _delimiter(start: bytes) -> str:
    """Comma, or the semicolon or tab that spreadsheets in many locales write, judged by the header."""
    header = start.split(b"\n", 1)[0]
    counts = {d: header.count(d.encode()) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _rows(reader: Any, table: str, label: str, tick: Callable[[], None]) -> Iterator[Item]:
    try:
        header = next(reader, None)
    except (UnicodeDecodeError, csv.Error) as exc:
        yield _unreadable(label, 1, exc)
        return
    if header is None or not any(cell.strip() for cell in header):
        yield Problem(
            label,
            None,
            "",
            None,
            f"file is empty; expected a header row with columns {', '.join(COLUMNS[table])}",
        )
        return
    header = [cell.strip() for cell in header]
    problems = header_problems(header, table, label, 1)
    if problems:
        yield from problems
        return
    kind = KIND_OF_TABLE[table]
    start = reader.line_num + 1
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except (UnicodeDecodeError, csv.Error) as exc:
            yield _unreadable(label, start, exc)
            return
        number += 1
        line, start = start, reader.line_num + 1
        if number % PROGRESS_EVERY == 0:
            tick()
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield Problem(
                label,
                line,
                f"{kind} at row {number}",
                None,
                f"row has {len(row)} cells but the header has {len(header)}; "
                "is a quote unclosed or the file cut short?",
            )
            continue
        yield _record(kind, dict(zip(header, row, strict=True)), label, line, number)
    tick()


def _unreadable(label: str, line: int, exc: Exception) -> Problem:
    if isinstance(exc, UnicodeDecodeError):
        return Problem(
            label, line, "", None, "not UTF-8 text; save the file as UTF-8 (CSV UTF-8 in spreadsheets)"
        )
    return Problem(label, line, "", None, f"not valid CSV: {exc}")


def _bad_utf8_line(path: Path) -> int | None:
    """The line of the first byte that is not UTF-8 (text is decoded in blocks, so the reader can't tell)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = 1
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                return lines + block.count(b"\n", 0, exc.start)
            lines += block.count(b"\n")
    return None


def _record(kind: str, cells: dict[str, str], label: str, line: int, number: int) -> RawRecord:
    data: dict[str, Any] = {}
    for col, value in cells.items():
        if value == "":
            continue
        if col in LIST_COLUMNS and col != "citations":
            data[col] = split_list(value)
        else:
            data[col] = value
    if "citations" in data:
        data["citations"] = [parse_citation(part) for part in split_citations(data["citations"])]
    if "citation" in data:
        data["citation"] = parse_citation(data["citation"])
    return row_record(kind, data, label, line, number)
