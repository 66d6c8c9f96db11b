"""``editions``, ``changes``, ``compare`` and ``generate --revise`` through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import CliRunner
from tests.edition_plans import EXPECTED, FIRST, SECOND
from tests.helpers import SEEDS, write

TWIN_A = """\
[plan]
id = "old"
title = "Old plan"
kind = "five_year_plan"
start = 2016
end = 2020

[[periods]]
id = "old-2020"
label = "2016-2020"
start = 2016
end = 2020

[[goals]]
id = "old-g1"
title = "Ports"
area = "Transport"

[[goals]]
id = "old-g2"
title = "Mills"
area = "Industry"

[[indicators]]
id = "old-teu"
title = "Containers  handled"
unit = "TEU"
goals = ["old-g1"]
targets = [{period = "old-2020", value = 1000}]

[[indicators]]
id = "old-only"
title = "Steel output"
unit = "t"
goals = ["old-g2"]
targets = [{period = "old-2020", value = 5}]
"""

TWIN_B = """\
[plan]
id = "new"
title = "New plan"
kind = "five_year_plan"
start = 2021
end = 2025

[[periods]]
id = "new-2023"
label = "2021-2023"
start = 2021
end = 2023

[[periods]]
id = "new-2025"
label = "2021-2025"
start = 2021
end = 2025

[[goals]]
id = "new-g1"
title = "Ports, again"
area = "Transport"

[[goals]]
id = "new-g2"
title = "Data"
area = "Big data"

[[projects]]
id = "new-p1"
title = "Terminal"
goals = ["new-g1"]

[[indicators]]
id = "new-teu"
title = "containers handled"
unit = "TEU"
goals = ["new-g1"]
targets = [{period = "new-2023", value = 1200}, {period = "new-2025", value = 1500}]
"""


def test_loads_say_what_edition_they_made(cli: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "p.duckdb")
    plan = write(tmp_path / "plan.toml", FIRST)
    first = cli("load", str(plan), "--db", db)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[-1] == "edition 1: the first edition of this database"
    same = cli("load", str(plan), "--db", db)
    assert same.stdout.splitlines()[-1] == "edition 2: 0 changes since edition 1 (the files are identical)"
    write(tmp_path / "plan.toml", SECOND)
    changed = cli("load", str(plan), "--db", db)
    assert changed.stdout.splitlines()[-1] == (
        f"edition 3: {len(EXPECTED)} changes since edition 2 (1 added, 1 removed, 4 changed)"
    )
    write(tmp_path / "plan.toml", SECOND.replace('status = "delayed"', 'status = "late"'))
    failed = cli("load", str(plan), "--db", db)
    assert failed.returncode == 1 and "edition" not in failed.stdout

    listed = json.loads(cli("editions", "--db", db, "--json").stdout)
    assert [e["edition"] for e in listed] == [3, 2, 1]
    assert list(listed[0])[:4] == ["edition", "loaded_at", "files", "changes"]
    assert [e["changes"] for e in listed] == [len(EXPECTED), 0, 0]
    assert listed[0]["files"][0]["path"] == str(plan.resolve()) and len(listed[0]["files"][0]["sha256"]) == 64
    text = cli("editions", "--db", db).stdout
    assert "first edition" in text.splitlines()[-1]


def test_changes_lists_newest_first_with_filters(cli: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "p.duckdb")
    plan = tmp_path / "plan.toml"
    for text in (FIRST, SECOND, FIRST):
        write(plan, text)
        assert cli("load", str(plan), "--db", db).returncode == 0
    rows = json.loads(cli("changes", "--db", db, "--json").stdout)
    assert [r["edition"] for r in rows] == [3] * len(EXPECTED) + [2] * len(EXPECTED)
    keys = ["edition", "loaded_at", "kind", "id", "title", "change", "field", "old", "new"]
    assert all(list(r) == keys for r in rows)
    assert {
        (r["kind"], r["id"], r["change"], r["field"], r["old"], r["new"]) for r in rows[len(EXPECTED) :]
    } == EXPECTED
    since = json.loads(cli("changes", "--since", "2", "--db", db, "--json").stdout)
    assert {r["edition"] for r in since} == {3}
    one = json.loads(cli("changes", "--id", "pr1", "--kind", "project", "--db", db, "--json").stdout)
    assert {(r["edition"], r["id"]) for r in one} == {(3, "pr1"), (2, "pr1")} and len(one) == 16
    assert json.loads(cli("changes", "--kind", "plan", "--db", db, "--json").stdout) == []
    text = cli("changes", "--since", "2", "--db", db).stdout
    assert "      budget: 1500000 -> 1000000" in text and "[bold]Old[/x] project  added" in text
    assert cli("changes", "--kind", "nope", "--db", db).returncode == 2


def test_changes_output_is_sanitised(cli: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "p.duckdb")
    plan = tmp_path / "plan.toml"
    write(plan, FIRST)
    cli("load", str(plan), "--db", db)
    write(plan, FIRST.replace('title = "Goal one"', 'title = "Goal \\u001b]0;pwned\\u0007one"'))
    cli("load", str(plan), "--db", db)
    text = cli("changes", "--db", db).stdout
    assert "\x1b" not in text and "\\x1b]0;pwned\\x07one" in text
    assert "\\u001b" in cli("changes", "--db", db, "--json").stdout


def test_compare_sets_two_plans_side_by_side(cli: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "twins.duckdb")
    a, b = write(tmp_path / "a.toml", TWIN_A), write(tmp_path / "b.toml", TWIN_B)
    assert cli("load", str(a), str(b), "--db", db).returncode == 0
    result = json.loads(cli("compare", "old", "new", "--db", db, "--json").stdout)
    assert (result["a"]["id"], result["b"]["id"]) == ("old", "new")
    assert (result["areas_both"], result["areas_only_a"], result["areas_only_b"]) == (
        ["Transport"],
        ["Industry"],
        ["Big data"],
    )
    transport = next(x for x in result["areas"] if x["area"] == "Transport")
    assert [transport[k] for k in ("goals_a", "goals_b", "projects_a", "projects_b", "indicators_a")] == [
        1,
        1,
        0,
        1,
        1,
    ]
    [move] = result["targets"]
    assert (
        move["id_a"],
        move["id_b"],
        move["target_a"],
        move["year_a"],
        move["target_b"],
        move["year_b"],
    ) == (
        "old-teu",
        "new-teu",
        1000,
        2020,
        1500,
        2025,
    )
    assert move["moved"] == 500
    text = cli("compare", "old", "new", "--db", db).stdout
    assert "Containers  handled: 1,000 TEU by 2020 -> 1,500 TEU by 2025 (+500)" in text
    missing = cli("compare", "old", "nope", "--db", db)
    assert missing.returncode == 1 and missing.stderr == "planscope: no plan has the id 'nope'\n"


def test_compare_on_the_tianjin_plans(cli: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "tj.duckdb")
    cli("load", str(SEEDS), "--db", db)
    result = json.loads(cli("compare", "tj-13fyp", "tj-14fyp", "--db", db, "--json").stdout)
    areas = set(result["areas_both"]) | set(result["areas_only_a"]) | set(result["areas_only_b"])
    assert "Innovation" in result["areas_both"] and "Big data" in areas
    plans = {p["id"]: p for p in json.loads(cli("stats", "--json", "--db", db).stdout)["plans"]}
    for side, plan in (("a", "tj-13fyp"), ("b", "tj-14fyp")):
        for what in ("goals", "projects", "indicators"):
            assert sum(x[f"{what}_{side}"] for x in result["areas"]) == plans[plan][what]


def test_generate_revise_writes_the_next_edition(cli: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "gen.duckdb")
    assert cli("generate", "--projects", "2000", "--db", db).returncode == 0
    revised = cli("generate", "--revise", "5", "--db", db)
    assert revised.returncode == 0, revised.stderr
    assert revised.stdout.splitlines()[-1].startswith("edition 2: ")
    [second, _] = json.loads(cli("editions", "--db", db, "--json").stdout)
    assert second["compared"] and second["changed"] + second["added"] + second["removed"] > 0.02 * 2000
    assert cli("generate", "--db", db).returncode == 2  # neither --projects nor --revise
    assert cli("generate", "--revise", "0", "--db", db).returncode == 1
    assert cli("generate", "--revise", "1", "--db", str(tmp_path / "none.duckdb")).returncode == 1
