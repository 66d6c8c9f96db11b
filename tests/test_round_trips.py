"""Round trips: what ``export`` writes, ``load`` reads back whole and in the same order.

Each format is exported, loaded into a new database and exported again.  The
second export must equal the first byte for byte, and the records, their
links, their citations (notes included) and their order must come back as
they were.  Run on the bundled seeds, on hand-made plans whose file names
sort differently from their plan ids, and on a generated set.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from planscope.store.build.load import load_files
from planscope.store.build.schema import TABLES
from planscope.store.db import COMMAND_MEMORY_LIMIT, Database
from planscope.store.export.database import export
from tests.generated import BASE_TABLES
from tests.helpers import write

FORMATS = ("json", "csv", "parquet")


def _export(db: Path, fmt: str, out: Path) -> dict[str, object]:
    """What an export wrote: each file's bytes, or for Parquet (whose bytes vary) its rows."""
    export(Database(db, memory_limit=COMMAND_MEMORY_LIMIT).cursor(), fmt, out)
    if fmt != "parquet":
        return {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    with duckdb.connect() as con:
        return {
            p.name: con.execute("SELECT * FROM read_parquet($1)", [str(p)]).fetchall()
            for p in sorted(out.iterdir())
        }


def _cycle(db: Path, fmt: str, tmp: Path) -> tuple[Path, dict[str, object], dict[str, object]]:
    """Export ``db``, load the export, export that; return the new database and both exports."""
    first = _export(db, fmt, tmp / f"{fmt}-1")
    again = tmp / f"{fmt}-again.duckdb"
    load_files([tmp / f"{fmt}-1"], again)
    return again, first, _export(again, fmt, tmp / f"{fmt}-2")


def content(db: Path, *, ordered: bool = True) -> dict[str, list[tuple[object, ...]]]:
    """Every base table's rows without where they were read from, in load order when ``ordered``."""
    out = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for table in BASE_TABLES:
            names = [c for c, _ in TABLES[table] if c not in ("ord", "src", "line", "rn")]
            order = "ord" if any(c == "ord" for c, _ in TABLES[table]) else "ALL"
            found = con.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY {order}").fetchall()
            out[table] = found if ordered else sorted(found, key=repr)
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_seeds_come_back_whole_and_in_order(seeded_db: Path, tmp_path: Path, fmt: str) -> None:
    """Citation notes included: a CSV export used to drop them."""
    again, first, second = _cycle(seeded_db, fmt, tmp_path)
    assert second == first
    assert content(again) == content(seeded_db)


def test_csv_carries_citation_notes_with_any_text(tmp_path: Path) -> None:
    hostile = 'Says "so"; then #3, a\\b, [bold], 天津,\nnext line'
    plan = write(
        tmp_path / "in" / "plan.toml",
        f"""[plan]
id = "p"
title = "P"
start = 2021
end = 2025
citations = [{{source = "s", paragraph = 1, note = {json.dumps(hostile)}}}, {{source = "s", paragraph = 2}}]

[[sources]]
id = "s"
title = "S"

[[indicators]]
id = "i"
title = "I"
observations = [{{value = 1, as_of = "2022", citation = {{source = "s", paragraph = 3, note = "o; n"}}}}]
""",
    )
    db = tmp_path / "a.duckdb"
    load_files([plan], db)
    again, first, second = _cycle(db, "csv", tmp_path)
    assert second == first
    with duckdb.connect(str(again), read_only=True) as con:
        assert con.execute("SELECT source_id, paragraph, note FROM citations ORDER BY pos").fetchall() == [
            ("s", 1, hostile),
            ("s", 2, None),
        ]
        assert con.execute("SELECT cite_source, cite_paragraph, cite_note FROM observations").fetchall() == [
            ("s", 3, "o; n")
        ]


def _plan(plan_id: str, projects: list[str]) -> str:
    body = f'[plan]\nid = "{plan_id}"\ntitle = "Plan {plan_id}"\nstart = 2021\nend = 2025\n\n'
    body += f'[[goals]]\nid = "{plan_id}-g"\ntitle = "Goal"\n\n'
    for pid in projects:
        body += f'[[projects]]\nid = "{pid}"\ntitle = "Project {pid}"\ngoals = ["{plan_id}-g"]\n\n'
    return body


def _orders(db: Path) -> tuple[list[str], list[str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        plans = [r[0] for r in con.execute("SELECT id FROM plans ORDER BY ord").fetchall()]
        projects = [r[0] for r in con.execute("SELECT id FROM projects ORDER BY rn").fetchall()]
    return plans, projects


@pytest.mark.parametrize("fmt", FORMATS)
def test_plans_and_projects_keep_their_order(tmp_path: Path, fmt: str) -> None:
    """File names sort one way, plan ids the other, and project ids in neither order."""
    src = tmp_path / "in"
    write(src / "a-first.toml", _plan("zeta", ["z3", "z1", "z2"]))
    write(src / "b-second.toml", _plan("alpha", ["a2", "a9", "a1"]))
    if fmt != "json":  # one document per plan cannot interleave two plans' projects; a table can
        write(src / "projects.csv", "plan,id,title,goals\nalpha,m5,M5,alpha-g\nzeta,m1,M1,zeta-g\n")
    db = tmp_path / "a.duckdb"
    load_files([src], db)
    before = _orders(db)
    assert before[0] == ["zeta", "alpha"]
    again, first, second = _cycle(db, fmt, tmp_path)
    assert _orders(again) == before
    assert second == first


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_generated_set_round_trips(gen_db: Path, tmp_path: Path, fmt: str) -> None:
    again, first, second = _cycle(gen_db, fmt, tmp_path)
    assert second == first
    # A plan document holds one plan's records, so JSON groups them by plan; tables keep load order.
    assert content(again, ordered=fmt != "json") == content(gen_db, ordered=fmt != "json")


def test_a_parquet_export_has_one_file_per_kind_named_like_the_csv_files(
    seeded_db: Path, tmp_path: Path
) -> None:
    parquet = {n.removesuffix(".parquet") for n in _export(seeded_db, "parquet", tmp_path / "pq")}
    assert parquet == {n.removesuffix(".csv") for n in _export(seeded_db, "csv", tmp_path / "csv")}


@pytest.mark.parametrize("fmt", FORMATS)
def test_paths_with_quotes_export_and_load(seeded_db: Path, tmp_path: Path, fmt: str) -> None:
    """COPY and read_csv take their paths as SQL literals: a quote in a folder name must not break out."""
    odd = tmp_path / 'it\'s a "plan"; folder'
    again, first, second = _cycle(seeded_db, fmt, odd)
    assert second == first
    assert content(again) == content(seeded_db)
