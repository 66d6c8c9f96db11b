"""Load a whole CSV file inside DuckDB when every row is surely valid; else leave it to the reader.

Reading a million rows one by one in Python, validating each with pydantic
and sending them back to DuckDB took most of a big load.  Here DuckDB parses
the file itself (``read_csv``, every column as text), checks every row with
the sure tests of ``planscope.store.read.csv_sql`` in one pass, and, if all pass, inserts
the rows, their links and their citations with a few ``INSERT ... SELECT``.

Anything this path is not sure about sends the file, untouched, to the
row-by-row reader (``planscope.store.read.csv_reader``), which words every problem: a row
that breaks a rule, a cell the sure tests do not cover, a file DuckDB and
Python would split into lines differently, a header that needs a message.
So messages, line numbers and what is stored never depend on which path
read a file; ``tests/test_csv_fast.py`` loads the same files both ways.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from planscope.store.build.rows import DETACHED_POS, Batcher
from planscope.store.read.csv_format import COLUMNS, KIND_OF_TABLE, header_problems, kind_of_file
from planscope.store.read.csv_mirror import fast_kinds
from planscope.store.read.csv_reader import _delimiter
from planscope.store.read.csv_sql import CELLS, citation, citations, parts, sure_sql

#: Bytes read per step while counting lines (each step reports progress).
BLOCK = 1 << 20
#: Files smaller than this are not worth a DuckDB pass.
MIN_BYTES = 0
#: The checking pass streams: it needs little memory of its own.
CHECK_MEMORY_LIMIT = "128MB"


@dataclass(frozen=True)
class FastLoad:
    """What the fast path loaded from one file."""

    kind: str
    rows: int


def _n(column: str) -> str:
    return f'"{column}"'


def _values(table: str) -> dict[str, str]:
    """Each base-table column of a CSV kind, as SQL over the row's cells (missing ones stay NULL)."""
    v: dict[str, str] = {}
    for column, cell in CELLS[table].items():
        expr = {
            "year": f"CAST({_n(column)} AS INTEGER)",
            "count": f"CAST({_n(column)} AS INTEGER)",
            "number": f"CAST({_n(column)} AS DOUBLE)",
            "ids": f"coalesce({parts(_n(column))}, [])",
            "tags": f"coalesce({parts(_n(column))}, [])",
            "citations": citations(_n(column)),
        }.get(cell, _n(column))
        v[column] = expr
    rename = {"plan": "plan_id", "start": "start_year", "end": "end_year", "horizon": "horizon_year",
              "parent": "parent_id", "period": "period_id", "indicator": "indicator_id"}  # fmt: skip
    out = {rename.get(k, k): e for k, e in v.items()}
    if table == "plans":
        out["kind"] = "coalesce(\"kind\", 'other')"
    if table == "indicators":
        out["direction"] = "coalesce(\"direction\", 'increase')"
    if table == "observations":
        c = citation('"citation"')
        out.pop("citation")
        for field in ("source", "paragraph", "note"):
            out[f"cite_{field}"] = f'CASE WHEN "citation" IS NOT NULL THEN ({c}).{field} END'

    return out


def _source(path: Path, header: list[str], delimiter: str, table: str) -> str:
    """The file as rows of text cells, empty cells NULL, every CSV column present."""
    spec = ", ".join(f"'{c}': 'VARCHAR'" for c in header)
    cells = ", ".join(
        f"nullif({_n(c)}, '') AS {_n(c)}" if c in header else f"NULL::VARCHAR AS {_n(c)}"
        for c in COLUMNS[table]
    )
    raw = ", ".join(f"coalesce({_n(c)}, '')" for c in header)
    literal = "'" + str(path).replace("'", "''") + "'"
    sep = {",": ",", ";": ";", "\t": "\\t"}[delimiter]
    return f"""(SELECT {cells}, concat_ws(chr(1), {raw}) AS _raw, row_number() OVER () AS _rn
        FROM read_csv({literal}, header = false, skip = 1, columns = {{{spec}}}, delim = E'{sep}',
                      quote = '"', escape = '"', strict_mode = true, auto_detect = false,
                      null_padding = false))"""


def _breaks(expr: str = "_raw") -> str:
    """Line breaks inside a row's cells, counted as Python's reader counts lines."""
    crlf = f"(length({expr}) - length(replace({expr}, chr(13) || chr(10), ''))) // 2"
    lf = f"(length({expr}) - length(replace({expr}, chr(10), '')))"
    cr = f"(length({expr}) - length(replace({expr}, chr(13), '')))"
    return f"({lf} + {cr} - {crlf})"


def _read_header(path: Path) -> tuple[list[str], str] | None:
    """The header and delimiter, when the first line alone is a plain header (no quotes)."""
    with path.open("rb") as raw:
        first = raw.readline(1 << 16)
    if not first.endswith(b"\n") or b'"' in first:
        return None
    try:
        text = first.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError:
        return None
    delimiter = _delimiter(first)
    header = [cell.strip() for cell in next(csv.reader([text], delimiter=delimiter), [])]
    return header, delimiter


def _physical_lines(path: Path, size: int, on_bytes: Callable[[int], None] | None) -> int:
    """Lines as Python's universal-newline reading counts them (``\\n``, ``\\r\\n`` or ``\\r``)."""
    breaks, done, last = 0, 0, b""
    with path.open("rb") as raw:
        while block := raw.read(BLOCK):
            joined = last + block
            pairs = joined.count(b"\r\n") - last.count(b"\r\n")
            breaks += block.count(b"\n") + block.count(b"\r") - pairs
            last = block[-1:]
            done += len(block)
            if on_bytes:
                on_bytes(done * 4 // 10)
    return breaks + (1 if last not in (b"\n", b"\r", b"") else 0)


def load_csv_fast(
    con: duckdb.DuckDBPyConnection,
    batch: Batcher,
    path: Path,
    label: str,
    src: int,
    position: int,
    on_bytes: Callable[[int], None] | None = None,
) -> FastLoad | None:
    """Load ``path`` whole if every row is surely valid; return None to leave it to the reader."""
    table = kind_of_file(path.name)
    try:
        size = path.stat().st_size
    except OSError:
        return None
    small = size < MIN_BYTES
    if path.suffix.lower() != ".csv" or table is None or table not in fast_kinds() or small:
        return None
    found = _read_header(path)
    if found is None or header_problems(found[0], table, label, 1):
        return None
    header, delimiter = found
    lines = _physical_lines(path, size, on_bytes)
    source = _source(path, header, delimiter, table)
    # A separate connection: an error reading the file must not abort the load's transaction.
    check = duckdb.connect(config={"memory_limit": CHECK_MEMORY_LIMIT})
    # The test is a CASE condition, which DuckDB evaluates row by row only as far as it must (a
    # cell's test only where the cell is given); as an argument of coalesce() every test ran on
    # every row, and that took two thirds of the check.  A NULL outcome is unsure, as before.
    unsure_row = f"CASE WHEN {sure_sql(table)} THEN false ELSE true END"
    try:
        rows, unsure, embedded = check.execute(
            f"SELECT count(*), count(*) FILTER (WHERE {unsure_row}), "
            f"coalesce(sum({_breaks()}), 0) FROM {source}"
        ).fetchone()  # type: ignore[misc]
    except duckdb.Error:
        return None  # DuckDB cannot read it as plain CSV: the reader will say why
    finally:
        check.close()
    if unsure or 1 + rows + embedded != lines:
        return None
    if on_bytes:
        on_bytes(size * 7 // 10)
    batch.flush()
    _insert(con, table, source, src, position, rows, embedded > 0)
    if on_bytes:
        on_bytes(size)
    return FastLoad(KIND_OF_TABLE[table], rows)


def _insert(
    con: duckdb.DuckDBPyConnection, table: str, source: str, src: int, first: int, rows: int, multiline: bool
) -> None:
    """Insert the rows, then their link and citation rows, derived from what was inserted."""
    line = "1 + _rn"
    if multiline:  # a row's line is pushed down by the line breaks inside the cells above it
        before = "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING"
        line += f" + coalesce(sum({_breaks()}) OVER (ORDER BY _rn {before}), 0)"
    values = _values(table)
    ord_ = f"{first} + _rn - 1"
    if table in ("targets", "observations"):
        kind = KIND_OF_TABLE[table]
        values["pos"] = f"{DETACHED_POS} + {ord_}"
        cols = ", ".join(values)
        named = ", ".join(f"{e} AS {c}" for c, e in values.items())
        con.execute(f"CREATE OR REPLACE TEMP TABLE csv_part AS SELECT {named}, {line} AS line FROM {source}")
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM csv_part")
        con.execute(
            f"INSERT INTO detached_rows SELECT '{kind}', indicator_id, pos, {src}, line FROM csv_part"
        )
        con.execute("DROP TABLE csv_part")
        return
    values |= {"ord": ord_, "src": str(src), "line": line}
    cols = ", ".join(values)
    if table == "projects":
        _insert_projects(con, values, source)
    else:
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {', '.join(values.values())} FROM {source}")
    mine = f"FROM {table} WHERE ord BETWEEN {first} AND {first + rows - 1}"
    kind = KIND_OF_TABLE[table]
    plan = "id" if table == "plans" else "plan_id"
    links = {
        "projects": [("project_goals", "goals", "")],
        "indicators": [("indicator_goals", "goals", "")],
        "milestones": [
            ("milestone_links", "projects", "'project', "),
            ("milestone_links", "goals", "'goal', "),
        ],
    }
    for link_table, column, what in links.get(table, []):
        each = f"unnest(range(len({column}))), {what}unnest({column})"
        con.execute(f"INSERT INTO {link_table} SELECT id, {each} {mine}")
    if "citations" in CELLS[table]:
        each = "unnest(range(len(citations))) AS pos, unnest(citations) AS c"
        con.execute(
            f"INSERT INTO citations SELECT '{kind}', id, plan_id, pos, c.source, c.paragraph, c.note "
            f"FROM (SELECT id, {plan} AS plan_id, {each} {mine})"
        )


def _insert_projects(con: duckdb.DuckDBPyConnection, values: dict[str, str], source: str) -> None:
    """Insert projects in their final shape, so finalize need not rewrite a million of them.

    The row number, first goal, its area and the years are what finalize would derive.  A
    project whose first goal is not loaded yet (a goals file read later) gets no row number,
    and finalize then derives them all, as it does for rows read one by one.  finalize also
    checks that row numbers follow the table's own order.
    """
    before = con.execute("SELECT count(*) FROM projects").fetchone()[0]  # type: ignore[index]
    named = ", ".join(f"{e} AS {c}" for c, e in values.items())
    picked = ", ".join(f"v.{c}" for c in values)
    years = "CAST(substr(coalesce(actual_start, planned_start), 1, 4) AS INTEGER)"
    ends = "CAST(substr(coalesce(actual_end, planned_end), 1, 4) AS INTEGER)"
    # The goals are the hash join's build side, so the projects stream through it in file order
    # (DuckDB would otherwise build on the projects and emit them in another order).
    con.execute("SET disabled_optimizers = 'build_side_probe_side'")
    try:
        con.execute(
            f"""INSERT INTO projects ({", ".join(values)}, rn, goal_id, area, start_year, end_year)
                SELECT {picked}, CASE WHEN g.goal IS NOT NULL THEN {before} + _rn - 1 END,
                       v.goals[1], g.area, start_year,
                       CASE WHEN end_year >= start_year OR start_year IS NULL THEN end_year END
                FROM (SELECT *, {years} AS start_year, {ends} AS end_year
                      FROM (SELECT {named}, _rn FROM {source})) v
                LEFT JOIN (SELECT id AS goal, arg_min(area, ord) AS area FROM goals GROUP BY id) g
                  ON g.goal = v.goals[1]"""
        )
    finally:
        con.execute("RESET disabled_optimizers")
