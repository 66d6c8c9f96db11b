"""The fast CSV path stores exactly what the row-by-row reader stores, and words nothing itself.

Every file is loaded twice, once with the fast path and once without; the
two databases must match table for table (lines and order included), or
both loads must fail with the same messages.  Cells are drawn from values
each rule of the models accepts or refuses by a hair.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planscope.store.build import load as build_load
from planscope.store.build.load import load_files
from planscope.store.db import COMMAND_MEMORY_LIMIT, Database
from planscope.store.errors import ValidationFailed
from planscope.store.export.database import export
from planscope.store.read import csv_fast
from planscope.store.read.csv_mirror import MODEL_HASHES, fingerprint, model_hash
from planscope.store.read.models import MODEL_OF_KIND
from tests.helpers import write

PLAN = """[plan]
id = "p"
title = "P"
start = 2020
end = 2030

[[sources]]
id = "s"
title = "S"
paragraphs = 5

[[periods]]
id = "per"
label = "2021-2025"
start = 2021
end = 2025

[[goals]]
id = "g1"
title = "G1"

[[goals]]
id = "g2"
title = "G2"

[[indicators]]
id = "i1"
title = "I1"
"""


@pytest.mark.parametrize("kind", sorted(MODEL_OF_KIND))
def test_the_models_are_the_ones_the_fast_path_mirrors(kind: str) -> None:
    """If this fails, a model changed: bring store/read/csv_sql.py's tests in line, then its MODEL_HASHES."""
    model = MODEL_OF_KIND[kind]
    assert MODEL_HASHES[kind] == model_hash(model), f"{kind} changed: {fingerprint(model)}"


def _tables(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with duckdb.connect(str(db), read_only=True) as con:
        names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        # An edition's load time is the only thing two loads of the same files may differ in.
        select = {t: "SELECT * EXCLUDE (loaded_at)" if t == "editions" else "SELECT *" for t in names}
        return {t: con.execute(f"{select[t]} FROM {t} ORDER BY ALL").fetchall() for t in names if t != "meta"}


def _load(
    paths: list[Path], db: Path, fast: bool, monkeypatch: pytest.MonkeyPatch, taken: list[str] | None = None
) -> list[str] | None:
    """Load with or without the fast path; return the problems, or None when it loaded."""
    taken = [] if taken is None else taken
    real = csv_fast.load_csv_fast

    def spy(*args: object, **kwargs: object) -> csv_fast.FastLoad | None:
        found = real(*args, **kwargs) if fast else None  # type: ignore[arg-type]
        if found:
            taken.append(found.kind)
        return found

    monkeypatch.setattr(build_load, "load_csv_fast", spy)
    try:
        load_files(paths, db)
    except ValidationFailed as exc:
        return exc.lines()
    finally:
        monkeypatch.undo()
    return None


def _same_both_ways(folder: Path, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Load both ways and compare; return True when the loads succeeded."""
    slow = _load([folder], folder.parent / "slow.duckdb", False, monkeypatch)
    quick = _load([folder], folder.parent / "fast.duckdb", True, monkeypatch)
    assert quick == slow
    if slow is None:
        assert _tables(folder.parent / "fast.duckdb") == _tables(folder.parent / "slow.duckdb")
    return slow is None


def _csv(header: list[str], rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


IDS = ["x1", "x2", "a.b:c-d_e", "天津", " x3", "x 4", "", "x" * 200, "y" * 201, "g1", "s#1"]
DATES = [
    "",
    "2021",
    "2021-02",
    "2020-02-29",
    "2021-02-29",
    "0000",
    "2021-13",
    "２０２１",
    "2021-1-01",
    "2021-12-31",
]
NUMBERS = ["", "1", "1.5", "-0", "1e5", "1E400", "abc", " 5", "1_000", ".5", "0", "1200000"]
CITES = ["", "s#1", "s#0", "s#01", 's#1 "note; x"', 's#2 "a\\"b"', "s", "s#1;;s#2", " s#1 ; s#3 ",
         's#1 "x"y', "s#1\t", "s#9", "zz#1", 's#1 ""', 's#1 "line\nbreak"', 's#002  "see #3; s#4"',
         "s#1;s#3 "]  # fmt: skip
TAGS = ["", "a; b", " a ;", "a;\u3000b", "\t", "[bold]", "a;;b"]
GOALS = ["g1", "g1; g2", ";", "g1;missing", "", " g2 ", "g1;\tg2"]
TEXT = ["", " ", "x", "[bold] Title", 'say "hi", ok', "two\nlines", "\r", "天津滨海"]
PROJECT_CELLS = {
    "id": st.sampled_from(IDS), "title": st.sampled_from(TEXT), "goals": st.sampled_from(GOALS),
    "status": st.sampled_from(["", "planned", "done", "finished", "Done"]),
    "planned_start": st.sampled_from(DATES), "planned_end": st.sampled_from(DATES),
    "budget_amount": st.sampled_from(NUMBERS), "budget_currency": st.sampled_from(["", "CNY", "cny", "EURO"]),
    "tags": st.sampled_from(TAGS), "citations": st.sampled_from(CITES), "description": st.sampled_from(TEXT),
}  # fmt: skip


@st.composite
def project_files(draw: st.DrawFn) -> tuple[list[str], list[list[str]], str]:
    optional = draw(
        st.lists(st.sampled_from(sorted(set(PROJECT_CELLS) - {"id", "title", "goals"})), unique=True)
    )
    header = ["plan", "id", "title", "goals", *optional]
    rows = []
    for n in range(draw(st.integers(1, 6))):
        row = {"plan": "p", "id": f"pr{n}"} | {c: draw(PROJECT_CELLS[c]) for c in header[1:]}
        if draw(st.booleans()):
            row["id"] = f"pr{n}"  # mostly unique ids, so most files load
        rows.append([row[c] for c in header])
    return header, rows, draw(st.sampled_from([",", ";", "\t"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=project_files())
def test_project_files_load_the_same_both_ways(files: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    header, rows, delimiter = files
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "in"
        write(folder / "plan.toml", PLAN)
        write(folder / "projects.csv", _csv(header, rows, delimiter))
        _same_both_ways(folder, monkeypatch)


OTHER_KINDS = {
    "goals.csv": (["plan", "id", "parent", "title", "status", "progress", "citations"],
                  [["p", "g3", "g1", "Sub", "done", "0.5", "s#2"], ["p", "g4", "g4", "Self", "", "", ""],
                   ["p", "g5", "", "Big", "", "1.5", ""], ["p", "g6", "", "Ok", "", "1", 's#1 "n"']]),
    "milestones.csv": (["plan", "id", "title", "date", "period", "goals", "projects"],
                       [["p", "m1", "M", "2022-06", "", "g1", ""], ["p", "m2", "M2", "", "per", "", ""],
                        ["p", "m3", "M3", "", "", "g2", ""], ["p", "m4", "M4", "2021", "nope", "", "zz"]]),
    "targets.csv": (["indicator", "period", "value", "note"],
                    [["i1", "per", "6", ""], ["i1", "per", "", "qualitative"], ["gone", "per", "1", ""],
                     ["i1", "", "1", ""]]),
    "observations.csv": (["indicator", "value", "as_of", "note", "citation"],
                         [["i1", "3", "2022", "", "s#1"], ["i1", "4", "2023-01", "n", 's#2 "from; there"'],
                          ["i1", "", "2023", "", ""], ["i1", "5", "2024", "", "s#1; s#2"]]),
    "plans.csv": (["id", "title", "kind", "start", "end", "horizon", "parent", "citations"],
                  [["p2", "P2", "five_year_plan", "2021", "2025", "2035", "p", ""],
                   ["p3", "P3", "", "2025", "2021", "", "", ""],
                   ["p4", "P4", "plan", "2021", "2025", "2020", "", ""]]),
    "sources.csv": (["plan", "id", "title", "date", "paragraphs"],
                    [["p", "s2", "S2", "2021-02-30", "3"], ["p", "s3", "S3", "2021", "0"],
                     ["p", "s4", "S4", "", "7"]]),
    "periods.csv": (["plan", "id", "label", "start", "end"],
                    [["p", "per2", "L", "2022", "2021"], ["p", "per3", "L3", "2021", "2030"]]),
    "indicators.csv": (["plan", "id", "title", "direction", "attribute", "goals", "baseline",
                        "baseline_year"],
                       [["p", "i2", "I2", "up", "", "g1", "1", "2020"],
                        ["p", "i3", "I3", "decrease", "binding", "", "x", ""],
                        ["p", "i4", "I4", "", "", "g1; g2", "-2.5", "2020"],
                        ["p", "i5", "I5", "", "", "", "", "0"]]),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(OTHER_KINDS))
@pytest.mark.parametrize("keep", ["all", "good"])
def test_each_kind_loads_the_same_both_ways(
    name: str, keep: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every row at once (most files then fail), and only the rows the models accept."""
    header, rows = OTHER_KINDS[name]
    folder = tmp_path / "in"
    write(folder / "plan.toml", PLAN)
    loaded = []
    for row in rows if keep == "good" else [None]:
        picked = rows if row is None else [row]
        write(folder / name, _csv(header, picked))
        (tmp_path / "slow.duckdb").unlink(missing_ok=True)
        (tmp_path / "fast.duckdb").unlink(missing_ok=True)
        loaded.append(_same_both_ways(folder, monkeypatch))
    assert keep == "all" or any(loaded)


def test_multi_line_cells_and_crlf_keep_their_line_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    write(folder / "plan.toml", PLAN)
    body = _csv(["plan", "id", "title", "goals"], [["p", "a", "One\ntwo", "g1"], ["p", "b", "x\r\ny", "g1"],
                                                  ["p", "a", "dup", "g1"]]).replace("\n", "\r\n")  # fmt: skip
    (folder / "projects.csv").write_bytes(body.encode())
    assert not _same_both_ways(folder, monkeypatch)


def test_a_generated_export_takes_the_fast_path_for_every_kind(
    gen_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export(Database(gen_db, memory_limit=COMMAND_MEMORY_LIMIT).cursor(), "csv", tmp_path / "csv")
    taken: list[str] = []
    assert _load([tmp_path / "csv"], tmp_path / "fast.duckdb", True, monkeypatch, taken) is None
    assert sorted(taken) == sorted(MODEL_OF_KIND)
    slow = _load([tmp_path / "csv"], tmp_path / "slow.duckdb", False, monkeypatch)
    assert slow is None
    assert _tables(tmp_path / "fast.duckdb") == _tables(tmp_path / "slow.duckdb")


@pytest.mark.parametrize("later", ["goals", "reader", "none"])
def test_projects_in_several_files_get_the_derived_columns_a_slow_load_gives(
    later: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Row numbers run on across files; a goal read after its projects, or projects read row by
    row in between, still give every project the row number, goal, area and years finalize derives."""
    folder = tmp_path / "in"
    write(folder / "plan.toml", PLAN)
    header = ["plan", "id", "title", "goals", "planned_start", "planned_end", "actual_start"]
    first = [["p", "a1", "A1", "g1; g2", "2021", "2023-05", ""], ["p", "a2", "A2", "g2", "", "2022", "2024"]]
    write(folder / "a" / "projects-1.csv", _csv(header, first))
    # A tab the reader strips but the fast path's sure tests leave to it.
    goal = {"goals": "g9", "reader": "g1;\tg2", "none": "g1"}[later]
    write(folder / "b" / "projects-2.csv", _csv(header, [["p", "b1", "B1", goal, "2025", "", ""]]))
    goals = [["p", "g7", "", "G7", "air", "", "", "", ""]]
    goals += [["p", "g9", "", "Late", "water", "", "", "", ""]] if later == "goals" else []
    columns = ["plan", "id", "parent", "title", "area", "description", "status", "progress", "citations"]
    write(folder / "c" / "goals.csv", _csv(columns, goals))
    taken: list[str] = []
    assert _load([folder], tmp_path / "first.duckdb", True, monkeypatch, taken) is None
    assert taken.count("project") == (1 if later == "reader" else 2)
    assert _same_both_ways(folder, monkeypatch)
    with duckdb.connect(str(tmp_path / "first.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT rn, id, goal_id, area, start_year, end_year FROM projects ORDER BY rowid")
        assert [r[:2] for r in rows.fetchall()] == [(0, "a1"), (1, "a2"), (2, "b1")]
