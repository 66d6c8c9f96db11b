"""Every class of bad input gets its own exact message naming file, line, record and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from planscope.store.build.load import validate_files
from planscope.store.errors import InputError, ValidationFailed
from tests.helpers import MINIMAL_PLAN, write


def problems(tmp_path: Path, files: dict[str, str], *, require_citations: bool = False) -> list[str]:
    """Validate the given files; return the problem lines with tmp_path made relative."""
    paths = [write(tmp_path / name, text) for name, text in files.items()]
    with pytest.raises(ValidationFailed) as caught:
        validate_files(paths, require_citations=require_citations)
    return [line.replace(f"{tmp_path}/", "") for line in caught.value.lines()]


def test_minimal_plan_is_valid(tmp_path: Path) -> None:
    summary = validate_files([write(tmp_path / "a.toml", MINIMAL_PLAN)])
    assert summary.counts["project"] == 1
    assert summary.line().startswith("1 file: 1 plan, 1 period, 1 goal, 1 project")


def test_wrong_types(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace('title = "Goal one"', "title = 5").replace(
        "baseline = 10", 'baseline = "ten"'
    )
    assert problems(tmp_path, {"a.toml": text}) == [
        "a.toml:20: goal 'g1', field title: got int 5; expected text",
        "a.toml:32: indicator 'i1', field baseline: got str 'ten'; expected a number",
    ]


def test_unknown_status_names_the_choices(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace('status = "planned"', 'status = "finished"')
    assert problems(tmp_path, {"a.toml": text}) == [
        "a.toml:25: project 'pr1', field status: got 'finished'; "
        "expected one of 'planned', 'in_progress', 'done', 'delayed' or 'cancelled'"
    ]


def test_duplicate_ids_across_files_and_kinds(tmp_path: Path) -> None:
    other = MINIMAL_PLAN.replace('id = "p1"', 'id = "p2"').replace('"p1-2025"', '"p2-2025"')
    other = other.replace('id = "g1"', 'id = "g2"').replace('goals = ["g1"]', 'goals = ["g2"]')
    other = other.replace('id = "i1"', 'id = "pr1"').replace('id = "m1"', 'id = "m2"')
    assert problems(tmp_path, {"a.toml": MINIMAL_PLAN, "b.toml": other}) == [
        "b.toml:25: project 'pr1', field id: duplicate id; already used by the project at a.toml:25",
        "b.toml:32: indicator 'pr1', field id: duplicate id; already used by the project at a.toml:25",
    ]


def test_references_that_do_not_resolve(tmp_path: Path) -> None:
    text = (
        MINIMAL_PLAN.replace('goals = ["g1"]', 'goals = ["g1", "nope"]')
        .replace('area = "Area A"', 'area = "Area A"\nparent = "ghost"')
        .replace('period = "p1-2025"', 'period = "p9"')
        .replace('date = "2022-06"', 'date = "2022-06"\nprojects = ["missing"]')
        .replace('{source = "s1", paragraph = 2}', '{source = "s2", paragraph = 2}')
    )
    assert problems(tmp_path, {"a.toml": text}) == [
        "a.toml:20: goal 'g1', field parent: parent goal 'ghost' does not exist",
        "a.toml:26: project 'pr1', field goals[1]: goal 'nope' does not exist",
        "a.toml:33: indicator 'i1', field targets[0].period: period 'p9' does not exist",
        "a.toml:41: milestone 'm1', field projects[0]: project 'missing' does not exist",
        "a.toml:26: project 'pr1', field citations[0].source: "
        "source 's2' is not among the sources of plan 'p1'",
    ]


def test_start_after_end(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace('status = "planned"', 'planned_start = "2024-05"\nplanned_end = "2023"')
    text = text.replace("start = 2021\nend = 2025\n\n[[goals]]", "start = 2025\nend = 2021\n\n[[goals]]")
    assert problems(tmp_path, {"a.toml": text}) == [
        "a.toml:14: period 'p1-2025', field end: end 2021 is before start 2025",
        "a.toml:25: project 'pr1', field planned_end: planned end 2023 is before its start 2024-05",
    ]


def test_period_outside_its_plan_and_target_in_another_plan(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace(
        "start = 2021\nend = 2025\n\n[[goals]]", "start = 2019\nend = 2025\n\n[[goals]]"
    )
    assert problems(tmp_path, {"a.toml": text}) == [
        "a.toml:14: period 'p1-2025', field start: period 2019-2025 lies outside its plan's span 2021-2035"
    ]


def test_missing_citation_in_default_seeds_mode(tmp_path: Path) -> None:
    found = problems(tmp_path, {"a.toml": MINIMAL_PLAN}, require_citations=True)
    assert found[0] == "a.toml:1: plan 'p1', field citations: " + (
        "missing; every record of the default plan must cite its source paragraph"
    )
    assert len(found) == 5  # every record but the cited project


def test_bad_dates_and_unknown_fields(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace('date = "2022-06"', 'date = "2022-13"\nwhen = "soon"')
    assert problems(tmp_path, {"a.toml": text}) == [
        "a.toml:40: milestone 'm1', field date: month must be 01-12 in '2022-13'",
        "a.toml:40: milestone 'm1', field when: unknown field; expected one of id, citations, title, date, "
        "period, goals, projects, description",
    ]


def test_invalid_id_and_empty_title(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace('id = "g1"', 'id = "g 1"').replace('title = "Goal one"', 'title = ""')
    text = text.replace('goals = ["g1"]', 'goals = ["g 1"]')
    assert problems(tmp_path, {"a.toml": text}) == [
        "a.toml:20: goal 'g 1', field id: 'g 1' is not a valid id; expected letters, digits, '.', '_', ':' "
        "or '-', starting with a letter or digit",
        "a.toml:20: goal 'g 1', field title: is empty; expected some text",
        "a.toml:25: project 'pr1', field goals[0]: 'g 1' is not a valid id; expected letters, digits, '.', "
        "'_', ':' or '-', starting with a letter or digit",
    ]


def test_malformed_truncated_and_empty_files(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        {
            "bad.toml": '[plan]\nid = "x"\ntitle = \n',
            "cut.json": '{"plan": {"id": "x", "title": "t"',
            "empty.toml": "\n\n",
            "list.json": "[1, 2]",
        },
    )
    assert found == [
        "bad.toml:3: not valid TOML: Invalid value (at line 3, column 9)",
        "cut.json:1: truncated JSON: Expecting ',' delimiter (column 34)",
        "empty.toml: file is empty; expected a plan document with a plan table",
        "list.json: expected a plan document (an object with a plan table)",
    ]


def test_document_without_plan_and_with_unknown_section(tmp_path: Path) -> None:
    assert problems(tmp_path, {"a.toml": '[[goalz]]\nid = "g"\n'}) == [
        "a.toml: field goalz: unknown section; expected one of format, plan, sources, periods, goals, "
        "projects, indicators, milestones",
        "a.toml: plan: the plan table is missing; every plan file needs one",
    ]


def test_goal_cycle(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace(
        'area = "Area A"',
        'area = "Area A"\nparent = "g2"\n\n[[goals]]\nid = "g2"\ntitle = "Two"\nparent = "g1"',
    )
    found = problems(tmp_path, {"a.toml": text})
    assert len(found) == 1
    assert "the chain of parents loops back to this goal" in found[0]


def test_records_of_a_rejected_plan_do_not_cascade(tmp_path: Path) -> None:
    """One bad field in the plan gives one message, not one per record of that plan."""
    text = MINIMAL_PLAN.replace("horizon = 2035", "horizon = 2000")
    assert problems(tmp_path, {"a.toml": text}) == [
        "a.toml:1: plan 'p1', field horizon: horizon 2000 is before end 2025"
    ]


def test_missing_paths_and_unknown_types_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        validate_files([tmp_path / "nope.toml"])
    with pytest.raises(InputError, match="unknown file type"):
        validate_files([write(tmp_path / "a.yaml", "x: 1")])
    (tmp_path / "emptydir").mkdir()
    with pytest.raises(InputError, match=r"no \.toml, \.json or \.csv plan files"):
        validate_files([tmp_path / "emptydir"])


def test_problem_list_is_capped_but_counted(tmp_path: Path) -> None:
    goals = "".join(f'\n[[goals]]\nid = "x{i}"\ntitle = "t"\nstatus = "bad"\n' for i in range(250))
    with pytest.raises(ValidationFailed) as caught:
        validate_files([write(tmp_path / "a.toml", MINIMAL_PLAN + goals)])
    assert caught.value.total == 250
    assert caught.value.lines()[-1] == "... and 50 more"
