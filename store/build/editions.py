"""Editions: every successful load is numbered, and what it changed is kept.

A load builds a new file and renames it over the old one (``planscope.store.build.atomic``).
Just before the rename, :func:`record_edition` attaches the old file
read-only, works out in SQL what changed (``planscope.store.build.edition_diff``), and writes
into the new file its own edition, then the old file's log carried over.  The
log holds only differences, so it stays small however many editions there
are; a failed load never reaches this step and so records nothing.

``changes`` is kept sorted newest edition first, numbered by ``rn``, so the
app pages through it by row number exactly as it pages projects.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from planscope.store.build.edition_diff import compute_delta
from planscope.store.build.schema import RECORD_TABLES
from planscope.store.vocab import KINDS

LOG_TABLES = """
CREATE TABLE editions (edition INTEGER, loaded_at VARCHAR, origin VARCHAR, counts MAP(VARCHAR, BIGINT),
  changes BIGINT, added BIGINT, removed BIGINT, changed BIGINT, compared BOOLEAN);
CREATE TABLE edition_files (edition INTEGER, pos INTEGER, path VARCHAR, sha256 VARCHAR, bytes BIGINT);
CREATE TABLE changes (rn BIGINT, edition INTEGER, kind VARCHAR, id VARCHAR, title VARCHAR, change VARCHAR,
  field VARCHAR, old VARCHAR, new VARCHAR);
"""

#: Columns the diff reads from an old file; one that lacks any is not compared, only replaced.
_NEEDED = {
    "plans": {"id", "title", "issuer", "kind", "start_year", "end_year", "horizon_year", "parent_id"},
    "projects": {"id", "title", "status", "owner", "planned_end", "budget_amount", "tags"},
    "targets": {"indicator_id", "period_id", "value", "note", "pos"},
    "observations": {"indicator_id", "as_of", "value", "cite_source", "pos"},
    "citations": {"record_kind", "record_id", "source_id", "paragraph", "pos"},
    "milestone_links": {"milestone_id", "target_kind", "target_id", "pos"},
}
_LOG_NEEDED = {
    "editions": {"edition", "loaded_at", "origin", "counts", "changes", "added", "removed", "changed"},
    "edition_files": {"edition", "pos", "path", "sha256", "bytes"},
    "changes": {"rn", "edition", "kind", "id", "title", "change", "field", "old", "new"},
}

_KIND_RANK = "CASE kind " + " ".join(f"WHEN '{k}' THEN {i}" for i, k in enumerate(KINDS)) + " END"
_CHANGE_RANK = "CASE change WHEN 'added' THEN 0 WHEN 'removed' THEN 1 ELSE 2 END"


@dataclass(frozen=True)
class EditionNote:
    """What a load adds to its database's meta table, and to its one-line summary."""

    edition: int
    changes: int
    previous: int | None  # the edition compared against; None for a first edition or an unreadable file
    lost_history: bool = False  # an old file was there but could not be read as a planscope database
    not_compared: str | None = None  # why the comparison failed, when it did (the load still stands)

    def meta(self) -> dict[str, str]:
        """Entries for the meta table, so a reader learns the edition without a query."""
        out = {"edition": str(self.edition), "edition_changes": str(self.changes)}
        if self.previous is not None:
            out["edition_previous"] = str(self.previous)
        if self.lost_history:
            out["edition_lost_history"] = "1"
        if self.not_compared:
            out["edition_not_compared"] = self.not_compared
        return out


def record_edition(con: duckdb.DuckDBPyConnection, previous: Path, origin: str) -> EditionNote:
    """Number this build, log what changed since the file at ``previous``, and carry the old log."""
    con.execute(LOG_TABLES)
    prev_ok, log_ok, lost = _attach(con, previous)
    try:
        last = _last_edition(con, prev_ok, log_ok)
        edition = (last or 0) + 1
        compared, failure = _compare(con) if prev_ok else (False, None)
        if prev_ok and not log_ok:
            _implicit_first_edition(con)
        changes = _write_delta(con, edition) if compared else 0
        if log_ok:
            _carry_log(con, changes)
        _write_edition(con, edition, origin or None, changes, compared=compared)
    finally:
        if prev_ok or log_ok:
            con.execute("DETACH prev")
    return EditionNote(edition, changes, last if compared else None, lost_history=lost, not_compared=failure)


def _compare(con: duckdb.DuckDBPyConnection) -> tuple[bool, str | None]:
    """Work out this edition's changes; a comparison that fails must not fail the load with it.

    The new plans are valid and complete by now, and a user who loads them wants
    them in place: an old file whose tables surprise the comparison, or one too
    big for the memory left, costs this edition its change log, not the load.
    """
    try:
        compute_delta(con)
    except duckdb.InterruptException:
        raise
    except duckdb.Error as exc:
        text = str(exc).strip().splitlines()
        return False, text[0] if text else type(exc).__name__
    return True, None


def _attach(con: duckdb.DuckDBPyConnection, previous: Path) -> tuple[bool, bool, bool]:
    """Attach the old file as ``prev``: (its records can be compared, its log can be carried, lost)."""
    if not previous.is_file() or previous.stat().st_size == 0:  # nothing there yet, or an empty file
        return False, False, False
    try:
        con.execute("ATTACH $1 AS prev (READ_ONLY)", [str(previous)])
    except duckdb.Error:
        return False, False, True
    rows = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = 'prev'"
    ).fetchall()
    have: dict[str, set[str]] = {}
    for table, column in rows:
        have.setdefault(table, set()).add(column)
    records = all(cols <= have.get(t, set()) for t, cols in _NEEDED.items()) and all(
        t in have for t in (*RECORD_TABLES.values(), "project_goals", "indicator_goals")
    )
    log = all(cols <= have.get(t, set()) for t, cols in _LOG_NEEDED.items())
    if not (records or log):
        con.execute("DETACH prev")
        return False, False, True
    return records, log, False


def _last_edition(con: duckdb.DuckDBPyConnection, prev_ok: bool, log_ok: bool) -> int | None:
    """The old file's edition: its last logged one, 1 for a file from before editions, else None."""
    if log_ok:
        row = con.execute("SELECT max(edition) FROM prev.editions").fetchone()
        return int(row[0]) if row and row[0] is not None else None
    return 1 if prev_ok else None


def _implicit_first_edition(con: duckdb.DuckDBPyConnection) -> None:
    """A file built before editions existed becomes edition 1, dated by its own build time."""
    built = con.execute("SELECT any_value(value) FROM prev.meta WHERE key = 'built_at'").fetchone()
    origin = con.execute("SELECT any_value(value) FROM prev.meta WHERE key = 'origin'").fetchone()
    counts = _counts(con, "prev")
    con.execute(
        "INSERT INTO editions VALUES (1, $1, $2, MAP($3::VARCHAR[], $4::BIGINT[]), 0, 0, 0, 0, false)",
        [built[0] if built else None, origin[0] if origin else None, list(counts), list(counts.values())],
    )
    con.execute("INSERT INTO edition_files SELECT 1, src, path, NULL, NULL FROM prev.files ORDER BY src")


def _write_delta(con: duckdb.DuckDBPyConnection, edition: int) -> int:
    """Number this edition's changes from 0, in display order, and keep them; return how many."""
    con.execute(
        f"""INSERT INTO changes
            SELECT row_number() OVER (ORDER BY {_KIND_RANK}, id, {_CHANGE_RANK}, field_rank, field) - 1,
                   $1, kind, id, title, change, field, old, new
            FROM edition_delta ORDER BY 1""",
        [edition],
    )
    return int(con.execute("SELECT count(*) FROM edition_delta").fetchone()[0])  # type: ignore[index]


def _carry_log(con: duckdb.DuckDBPyConnection, shift: int) -> None:
    """Copy the old file's log after this edition's rows, renumbered to follow them."""
    con.execute(
        "INSERT INTO changes SELECT rn + $1, edition, kind, id, title, change, field, old, new "
        "FROM prev.changes ORDER BY rn",
        [shift],
    )
    con.execute(
        "INSERT INTO editions SELECT edition, loaded_at, origin, counts, changes, added, removed, changed, "
        "compared FROM prev.editions"
    )
    con.execute("INSERT INTO edition_files SELECT edition, pos, path, sha256, bytes FROM prev.edition_files")


def _write_edition(
    con: duckdb.DuckDBPyConnection, edition: int, origin: str, changes: int, *, compared: bool
) -> None:
    """The edition's own row: when, from what files, how many records, what changed."""
    counts = _counts(con, "main")
    added, removed, changed = con.execute(
        "SELECT count(*) FILTER (change = 'added'), count(*) FILTER (change = 'removed'), "
        "count(DISTINCT (kind, id)) FILTER (change = 'changed') FROM edition_delta"
        if compared
        else "SELECT 0, 0, 0"
    ).fetchone()  # type: ignore[misc]
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    con.execute(
        "INSERT INTO editions VALUES ($1, $2, $3, MAP($4::VARCHAR[], $5::BIGINT[]), $6, $7, $8, $9, $10)",
        [
            edition,
            now,
            origin,
            list(counts),
            list(counts.values()),
            changes,
            added,
            removed,
            changed,
            compared,
        ],
    )
    files = [
        _file_row(pos, path)
        for pos, path in con.execute("SELECT src, path FROM files ORDER BY src").fetchall()
    ]
    if files:
        con.execute(
            "INSERT INTO edition_files SELECT $1, unnest($2::INTEGER[]), unnest($3::VARCHAR[]), "
            "unnest($4::VARCHAR[]), unnest($5::BIGINT[])",
            [edition, *(list(col) for col in zip(*files, strict=True))],
        )


def _counts(con: duckdb.DuckDBPyConnection, db: str) -> dict[str, int]:
    """Records per kind (plural names, as ``stats`` gives them)."""
    sql = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {db}.{t}" for t in RECORD_TABLES.values())
    return {str(k): int(n) for k, n in con.execute(sql).fetchall()}


def _file_row(pos: int, label: str) -> tuple[int, str, str | None, int | None]:
    """A loaded file's absolute path, sha256 and size; a generated set has no file to hash."""
    path = Path(label)
    with contextlib.suppress(OSError):
        if path.is_file():
            digest = hashlib.sha256()
            size = 0
            with path.open("rb") as fh:
                while block := fh.read(1 << 20):
                    digest.update(block)
                    size += len(block)
            return pos, str(path.resolve()), digest.hexdigest(), size
    return pos, label, None, None
