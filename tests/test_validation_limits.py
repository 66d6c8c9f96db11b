"""Limits on what a record may hold, and validation that lists every problem of every record."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from planscope.store.build.load import validate_files
from planscope.store.errors import ValidationFailed
from planscope.store.read.models import LIMITS
from tests.conftest import CliRunner
from tests.helpers import MINIMAL_PLAN, write
from tests.test_validation import problems


def test_a_huge_title_is_refused_with_a_short_message(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace('title = "Project one"', f'title = "{"x" * 10_000_000}"')
    found = problems(tmp_path, {"a.toml": text})
    assert found == [f"a.toml:25: project 'pr1', field title: is longer than {LIMITS.title:,} characters"]


@pytest.mark.parametrize(
    ("field", "limit"),
    [("description", LIMITS.prose), ("owner", LIMITS.name), ("location", LIMITS.name)],
)
def test_text_fields_have_limits(tmp_path: Path, field: str, limit: int) -> None:
    fits = MINIMAL_PLAN.replace('status = "planned"', f'status = "planned"\n{field} = "{"y" * limit}"')
    assert validate_files([write(tmp_path / "ok.toml", fits)]).counts["project"] == 1
    over = fits.replace("y" * limit, "y" * (limit + 1))
    assert problems(tmp_path, {"a.toml": over}) == [
        f"a.toml:25: project 'pr1', field {field}: is longer than {limit:,} characters"
    ]


def test_a_huge_id_does_not_make_a_huge_message(tmp_path: Path) -> None:
    long_id = "g" * 1_000_000
    found = problems(tmp_path, {"a.toml": MINIMAL_PLAN.replace('id = "g1"', f'id = "{long_id}"')})
    assert found and all(len(line) < 300 for line in found), [line[:100] for line in found]
    assert found[0].startswith("a.toml:20: goal at goals[0], field id: is longer than 200 characters")


def test_lists_have_limits(tmp_path: Path) -> None:
    many = ", ".join(f'"t{i}"' for i in range(LIMITS.tags + 1))
    text = MINIMAL_PLAN.replace('status = "planned"', f'status = "planned"\ntags = [{many}]')
    assert problems(tmp_path, {"a.toml": text}) == [
        f"a.toml:25: project 'pr1', field tags: has {LIMITS.tags + 1} items; "
        f"at most {LIMITS.tags} are allowed"
    ]
    text = MINIMAL_PLAN.replace('status = "planned"', f'status = "planned"\ntags = ["a", "{"z" * 101}"]')
    assert problems(tmp_path, {"a.toml": text}) == [
        f"a.toml:25: project 'pr1', field tags[1]: is longer than {LIMITS.tag} characters"
    ]


def test_blank_titles_and_tags_are_refused(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace('title = "Goal one"', 'title = "  \\t "').replace(
        'status = "planned"', 'status = "planned"\ntags = ["ok", " "]'
    )
    assert problems(tmp_path, {"a.toml": text}) == [
        "a.toml:20: goal 'g1', field title: is only spaces; expected some text",
        "a.toml:25: project 'pr1', field tags[1]: is only spaces; expected some text",
    ]
    spaced = MINIMAL_PLAN.replace('title = "Goal one"', 'title = "  Goal one"')
    assert validate_files([write(tmp_path / "ok.toml", spaced)]).counts["goal"] == 1


def test_repeated_references_are_refused(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace('goals = ["g1"]', 'goals = ["g1", "g1"]').replace(
        'date = "2022-06"', 'date = "2022-06"\ngoals = ["g1"]\nprojects = ["pr1", "pr1"]'
    )
    assert problems(tmp_path, {"a.toml": text}) == [
        "a.toml:25: project 'pr1', field goals[1]: goal 'g1' is already listed at goals[0]",
        "a.toml:40: milestone 'm1', field projects[1]: project 'pr1' is already listed at projects[0]",
    ]


def test_plan_parent_cycles_are_refused(tmp_path: Path) -> None:
    a = MINIMAL_PLAN.replace('id = "p1"', 'id = "pa"\nparent = "pb"')
    b = (
        MINIMAL_PLAN.replace('id = "p1"', 'id = "pb"\nparent = "pa"')
        .replace('"p1-2025"', '"pb-2025"')
        .replace('"g1"', '"gb"')
        .replace('"pr1"', '"prb"')
        .replace('"i1"', '"ib"')
        .replace('"m1"', '"mb"')
    )
    assert problems(tmp_path, {"a.toml": a, "b.toml": b}) == [
        "a.toml:1: plan 'pa', field parent: the chain of parents loops back to this plan; "
        "a plan tree needs a root",
    ]


BUDGET = 'status = "planned"\nbudget = {{amount = {}, currency = "USD"}}'


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (('status = "planned"', BUDGET.format("1.5e308")), "budget.amount"),
        (('status = "planned"', BUDGET.format("1e15")), "budget.amount"),
        (("baseline = 10", "baseline = 1e300"), "baseline"),
        (("baseline = 10", "baseline = -2e15"), "baseline"),
        (("value = 20", "value = inf"), "targets[0].value"),
        (("value = 15", "value = nan"), "observations[0].value"),
    ],
)
def test_absurd_numbers_are_refused(tmp_path: Path, change: tuple[str, str], field: str) -> None:
    found = problems(tmp_path, {"a.toml": MINIMAL_PLAN.replace(*change)})
    assert len(found) == 1 and f"field {field}: " in found[0], found
    assert found[0].endswith(("expected a number smaller than 1e+15 in size", "expected a finite number")), (
        found
    )


def test_numbers_up_to_the_bound_are_fine(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace('status = "planned"', BUDGET.format("999999999999999.9"))
    text = text.replace("baseline = 10", "baseline = -999999999999999").replace(
        "value = 15", "value = 1e-300"
    )
    assert validate_files([write(tmp_path / "ok.toml", text)]).counts["project"] == 1


def test_every_problem_of_a_record_is_listed(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace(
        'status = "planned"',
        'status = "finished"\nplanned_start = "2024"\nplanned_end = "2022"\n'
        'actual_start = "2024"\nactual_end = "2023"',
    ).replace('goals = ["g1"]', 'goals = ["g1", "nope"]')
    text = text.replace('area = "Area A"', 'area = "Area A"\nstatus = "bad"\nparent = "g1"')
    assert problems(tmp_path, {"a.toml": text}) == [
        "a.toml:20: goal 'g1', field status: got 'bad'; expected one of 'planned', 'in_progress', 'done', "
        "'delayed' or 'cancelled'",
        "a.toml:20: goal 'g1', field parent: a goal cannot be its own parent",
        "a.toml:27: project 'pr1', field status: got 'finished'; expected one of 'planned', 'in_progress', "
        "'done', 'delayed' or 'cancelled'",
        "a.toml:27: project 'pr1', field planned_end: planned end 2022 is before its start 2024",
        "a.toml:27: project 'pr1', field actual_end: actual end 2023 is before its start 2024",
        "a.toml:27: project 'pr1', field goals[1]: goal 'nope' does not exist",
    ]


def test_validate_json_lists_every_problem(cli: CliRunner, tmp_path: Path) -> None:
    goals = "".join(f'\n[[goals]]\nid = "x{i}"\ntitle = "t"\nstatus = "bad"\n' for i in range(250))
    plan = write(tmp_path / "a.toml", MINIMAL_PLAN + goals)
    as_json = cli("validate", str(plan), "--json")
    report = json.loads(as_json.stdout)
    assert as_json.returncode == 1 and report["total"] == 250 and len(report["problems"]) == 250
    assert {p["record"] for p in report["problems"]} == {f"goal 'x{i}'" for i in range(250)}
    as_text = cli("validate", str(plan))
    assert as_text.returncode == 1 and as_text.stderr.splitlines()[-1] == "planscope: ... and 50 more"
    with pytest.raises(ValidationFailed) as caught:
        validate_files([plan])
    assert len(caught.value.problems) == 200 and caught.value.total == 250


def test_the_same_file_twice_is_read_once(tmp_path: Path) -> None:
    plan = write(tmp_path / "plans" / "a.toml", MINIMAL_PLAN)
    again = tmp_path / "plans" / "." / "a.toml"
    summary = validate_files([plan, again, plan.parent, tmp_path / "plans" / ".." / "plans"])
    assert summary.files == 1 and summary.counts["project"] == 1


def test_a_generated_database_keeps_within_the_limits(gen_db: Path) -> None:
    con = duckdb.connect(str(gen_db), read_only=True)
    try:
        for table, column, limit in (
            ("plans", "title", LIMITS.title),
            ("plans", "summary", LIMITS.prose),
            ("goals", "title", LIMITS.title),
            ("goals", "description", LIMITS.prose),
            ("projects", "title", LIMITS.title),
            ("projects", "description", LIMITS.prose),
            ("projects", "owner", LIMITS.name),
            ("projects", "location", LIMITS.name),
            ("indicators", "title", LIMITS.title),
            ("milestones", "title", LIMITS.title),
            ("milestones", "description", LIMITS.prose),
        ):
            longest = con.execute(f"SELECT coalesce(max(length({column})), 0) FROM {table}").fetchone()[0]  # type: ignore[index]
            assert longest <= limit, (table, column, longest)
        ids = con.execute("SELECT max(length(id)) FROM search_items").fetchone()[0]  # type: ignore[index]
        tags = con.execute("SELECT coalesce(max(len(tags)), 0) FROM projects").fetchone()[0]  # type: ignore[index]
        budget = con.execute("SELECT coalesce(max(budget_amount), 0) FROM projects").fetchone()[0]  # type: ignore[index]
        assert ids <= LIMITS.id and tags <= LIMITS.tags and budget < LIMITS.amount
    finally:
        con.close()
