"""Turn plan files into a stream of raw records, without validating them yet.

TOML and JSON files are plan documents (a ``plan`` table plus one array per
section).  CSV and Parquet files hold one record kind each and are read by
:mod:`~planscope.store.read.csv_reader` and :mod:`~planscope.store.read.parquet_reader`.
A reader yields :class:`RawRecord` objects and :class:`~planscope.store.errors.Problem`
objects for what it cannot read, so one pass reports everything wrong with a file.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from planscope.store.errors import InputError, Problem
from planscope.store.read.items import Item, RawRecord
from planscope.store.read.models import SECTION_KIND, SECTIONS

DOCUMENT_SUFFIXES = (".toml", ".json")
TABLE_SUFFIXES = (".csv", ".parquet")
SUFFIXES = DOCUMENT_SUFFIXES + TABLE_SUFFIXES
TOP_LEVEL_KEYS = ("format", "plan", *SECTIONS)


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files to read: each file as given, each folder's plan files sorted by name.

    Raises InputError for a path that does not exist, a file of an unknown
    kind, or a folder without plan files, because silently skipping any of
    them would load less than the user asked for.  A file named twice (or
    also found in a folder that was named) is read once.
    """
    files = _expand(paths)
    seen: set[Path] = set()
    unique = []
    for path in files:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not found:
                raise InputError(
                    f"{path}: no .toml, .json or .csv plan files or .parquet tables in this folder"
                )
            files.extend(found)
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                raise InputError(f"{path}: unknown file type; expected .toml, .json, .csv or .parquet")
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return files


def read_document(path: Path, label: str) -> Iterator[Item]:
    """Yield the records of a TOML or JSON plan document."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield Problem(label, None, "", None, f"cannot read file: {exc.strerror or exc}")
        return
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield Problem(label, None, "", None, f"not UTF-8 text (byte {exc.start}); save the file as UTF-8")
        return
    if not text.strip():
        yield Problem(label, None, "", None, "file is empty; expected a plan document with a plan table")
        return
    doc, problem = _parse(path.suffix.lower(), text, label)
    if problem:
        yield problem
        return
    yield from _records(doc, text, label, path.suffix.lower() == ".toml")


def _parse(suffix: str, text: str, label: str) -> tuple[Any, Problem | None]:
    if suffix == ".toml":
        try:
            return tomllib.loads(text), None
        except tomllib.TOMLDecodeError as exc:
            line = _toml_error_line(str(exc))
            return None, Problem(label, line, "", None, f"not valid TOML: {exc}")
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        what = "truncated JSON" if exc.pos >= len(text.rstrip()) else "not valid JSON"
        return None, Problem(label, exc.lineno, "", None, f"{what}: {exc.msg} (column {exc.colno})")


def _toml_error_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _records(doc: Any, text: str, label: str, is_toml: bool) -> Iterator[Item]:
    if not isinstance(doc, dict):
        yield Problem(label, None, "", None, "expected a plan document (an object with a plan table)")
        return
    for key in doc:
        if key not in TOP_LEVEL_KEYS:
            expected = ", ".join(TOP_LEVEL_KEYS)
            yield Problem(label, None, "", str(key), f"unknown section; expected one of {expected}")
    fmt = doc.get("format", "planscope/1")
    if fmt != "planscope/1":
        yield Problem(label, None, "", "format", f"unsupported format {fmt!r}; expected 'planscope/1'")
        return
    lines = _LineFinder(text, is_toml)
    plan = doc.get("plan")
    if not isinstance(plan, dict):
        what = "missing" if plan is None else "not a table"
        yield Problem(label, None, "plan", None, f"the plan table is {what}; every plan file needs one")
        return
    plan_id = plan.get("id") if isinstance(plan.get("id"), str) else None
    yield RawRecord("plan", plan, label, lines.find("plan", 0, plan_id), "plan", plan_id)
    for section in SECTIONS:
        items = doc.get(section, [])
        if not isinstance(items, list):
            yield Problem(label, None, section, None, "expected a list of records")
            continue
        kind = SECTION_KIND[section]
        for index, item in enumerate(items):
            rid = item.get("id") if isinstance(item, dict) else None
            line = lines.find(section, index, rid if isinstance(rid, str) else None)
            yield RawRecord(kind, item, label, line, f"{section}[{index}]", plan_id)


class _LineFinder:
    """Best-effort line numbers for records, so messages can say ``file:line``.

    TOML array-of-tables headers (``[[goals]]``) give exact lines; otherwise
    the line where the record's id is written is used.
    """

    def __init__(self, text: str, is_toml: bool) -> None:
        self.headers: dict[str, list[int]] = {}
        self.ids: dict[str, list[int]] = {}
        id_re = (
            re.compile(r"""^\s*id\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')""")
            if is_toml
            else re.compile(r'"id"\s*:\s*"((?:[^"\\]|\\.)*)"')
        )
        header_re = re.compile(r"^\s*\[\[\s*(\w+)\s*\]\]|^\s*\[\s*(plan)\s*\]")
        for number, line in enumerate(text.splitlines(), start=1):
            if is_toml and (m := header_re.match(line)):
                self.headers.setdefault(m.group(1) or m.group(2), []).append(number)
            for m in id_re.finditer(line):
                value = m.group(1) if m.group(1) is not None else m.group(2)
                self.ids.setdefault(_unescape(value), []).append(number)

    def find(self, section: str, index: int, record_id: str | None) -> int | None:
        headers = self.headers.get(section, [])
        if index < len(headers):
            return headers[index]
        if record_id and self.ids.get(record_id):
            return self.ids[record_id][0]
        return None


def _unescape(value: str) -> str:
    if "\\" not in value:
        return value
    try:
        return json.loads(f'"{value}"')
    except ValueError:
        return value


def read_any(path: Path, label: str, on_bytes: Callable[[int], None] | None = None) -> Iterator[Item]:
    """Dispatch on the file suffix; ``on_bytes`` hears how far a long read has got."""
    suffix = path.suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:
        yield from read_document(path, label)
    elif suffix == ".csv":
        from planscope.store.read.csv_reader import read_csv

        yield from read_csv(path, label, on_bytes)
    elif suffix == ".parquet":
        from planscope.store.read.parquet_reader import read_parquet

        yield from read_parquet(path, label, on_bytes)
    else:
        raise InputError(f"{label}: unknown file type; expected .toml, .json, .csv or .parquet")
