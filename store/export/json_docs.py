"""Write every plan as a JSON plan document, with DuckDB building and writing the records' text.

For each section (sources, periods, goals...) one ``COPY`` writes the JSON
text of every record of every plan to a scratch file, one record per line,
sorted by plan and then in load order.  Each plan's records are one block of
lines, and only the last line of a block has no trailing comma, so a block
ends at the next ``}\\n``.  Python then assembles each document from the
plan's header and its blocks, copying byte ranges without reading records.
Working one section at a time bounds memory to the biggest section.

The layout is that of the files ``load`` reads (one record per line), so a
second export of a loaded export is byte-identical to the first.
"""

from __future__ import annotations

import mmap
import os
from pathlib import Path
from typing import BinaryIO

import duckdb

from planscope.store.export.sql import INDICATOR_PARTS, JSON_FIELDS, RECORDS, json_object
from planscope.store.read.models import SECTIONS

_PLANS = "SELECT id AS plan, row_number() OVER (ORDER BY ord) AS p FROM plans"


def sql_path(path: Path) -> str:
    """A path as an SQL string literal (COPY takes no parameter for its target)."""
    return "'" + str(path).replace("'", "''") + "'"


def section_sql(section: str) -> str:
    """One section's record lines for every plan: by plan order, then load order."""
    source = INDICATOR_PARTS if section == "indicators" else RECORDS[section]
    body = json_object(JSON_FIELDS[section])
    return f"""SELECT '    ' || {body} || CASE WHEN r.ord = l.last THEN '' ELSE ',' END
FROM ({source}) r JOIN ({_PLANS}) pl USING (plan)
JOIN (SELECT plan_id AS plan, max(ord) AS last FROM {section} GROUP BY 1) l USING (plan)
ORDER BY pl.p, r.ord"""


def _raw_copy(con: duckdb.DuckDBPyConnection, sql: str, path: Path) -> None:
    """Write one text column as lines, exactly as it is (no quoting)."""
    con.execute(f"COPY ({sql}) TO {sql_path(path)} (FORMAT csv, HEADER false, QUOTE '', ESCAPE '')")


def export_json(con: duckdb.DuckDBPyConnection, out: Path, names: list[str]) -> list[Path]:
    """Write ``names[i]`` for the i-th plan in load order; return the files written."""
    header = json_object(JSON_FIELDS["plans"])
    plans = con.execute(
        f"SELECT r.id, {header} FROM ({RECORDS['plans']}) r JOIN ({_PLANS}) pl ON pl.plan = r.id "
        "ORDER BY pl.p"
    ).fetchall()
    scratch = {name: out / f".planscope-export-{os.getpid()}-{name}.tmp" for name in SECTIONS}
    tmps = {name: out / f".{name}.tmp" for name in names}
    try:
        blocks: dict[str, dict[str, tuple[int, int]]] = {}
        for section, path in scratch.items():
            _raw_copy(con, section_sql(section), path)
            blocks[section] = _blocks(path, _plans_with(con, section))
        sources = {section: path.open("rb") for section, path in scratch.items()}
        try:
            for (plan_id, plan_json), name in zip(plans, names, strict=True):
                with tmps[name].open("wb", buffering=0) as doc:
                    _document(doc, plan_id, plan_json, blocks, sources)
        finally:
            for handle in sources.values():
                handle.close()
        written = []
        for name in names:
            os.replace(tmps[name], out / name)
            written.append(out / name)
        return written
    finally:
        for path in [*scratch.values(), *tmps.values()]:
            path.unlink(missing_ok=True)


def _plans_with(con: duckdb.DuckDBPyConnection, section: str) -> list[str]:
    """The plans that have records in ``section``, in plan order."""
    rows = con.execute(
        f"SELECT s.plan FROM (SELECT DISTINCT plan_id AS plan FROM {section}) s "
        f"JOIN ({_PLANS}) pl USING (plan) ORDER BY pl.p"
    ).fetchall()
    return [r[0] for r in rows]


def _blocks(path: Path, plans: list[str]) -> dict[str, tuple[int, int]]:
    """Each plan's (offset, length) in a section's scratch file: blocks end at ``}\\n``."""
    found: dict[str, tuple[int, int]] = {}
    if not plans:
        return found
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as view:
        start = 0
        for plan in plans:
            end = view.find(b"}\n", start)
            if end < 0:
                raise RuntimeError(f"the export of {path.name} holds fewer blocks than plans")
            found[plan] = (start, end + 2 - start)
            start = end + 2
    return found


def _document(
    doc: BinaryIO,
    plan_id: str,
    plan_json: str,
    blocks: dict[str, dict[str, tuple[int, int]]],
    sources: dict[str, BinaryIO],
) -> None:
    """One plan document: header, then each section's block of records."""
    doc.write(('{\n  "format": "planscope/1",\n  "plan": ' + plan_json + ",\n").encode())
    last = list(SECTIONS)[-1]
    for section in SECTIONS:
        comma = "" if section == last else ","
        block = blocks[section].get(plan_id)
        if block is None:
            doc.write(f'  "{section}": []{comma}\n'.encode())
            continue
        doc.write(f'  "{section}": [\n'.encode())
        _copy_range(sources[section], doc, *block)
        doc.write(f"  ]{comma}\n".encode())
    doc.write(b"}\n")


def _copy_range(source: BinaryIO, target: BinaryIO, offset: int, count: int) -> None:
    """Copy bytes between files in the kernel where it can, else through a buffer."""
    done = 0
    while done < count:
        try:
            step = os.copy_file_range(source.fileno(), target.fileno(), count - done, offset + done)
        except (AttributeError, OSError):
            step = target.write(os.pread(source.fileno(), min(count - done, 1 << 24), offset + done)) or 0
        if step <= 0:
            raise OSError("short copy while writing the export")
        done += step
