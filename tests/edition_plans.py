"""Two editions of one small plan that differ in every field a user sees, for the edition tests."""

from __future__ import annotations

from pathlib import Path

FIRST = """\
[plan]
id = "ed"
title = "Edition plan"
kind = "five_year_plan"
start = 2021
end = 2025

[[sources]]
id = "s1"
title = "Report"
paragraphs = 20

[[periods]]
id = "ed-2025"
label = "2021-2025"
start = 2021
end = 2025

[[goals]]
id = "g1"
title = "Goal one"
area = "Area A"
status = "planned"

[[goals]]
id = "g2"
title = "Goal two"
area = "Area B"

[[projects]]
id = "pr1"
title = "Port upgrade"
goals = ["g1"]
status = "in_progress"
owner = "Port authority"
location = "Binhai"
planned_start = "2021"
planned_end = "2023-06"
budget = {amount = 1000000, currency = "CNY"}
tags = ["port"]
citations = [{source = "s1", paragraph = 2}]

[[projects]]
id = "pr2"
title = "[bold]Old[/x] project"
goals = ["g2"]

[[indicators]]
id = "i1"
title = "Containers handled"
unit = "TEU"
baseline = 100
baseline_year = 2020
goals = ["g1"]
targets = [{period = "ed-2025", value = 200}]
observations = [{value = 120, as_of = "2021"}]

[[milestones]]
id = "m1"
title = "Berth opens"
date = "2022-06"
projects = ["pr1"]
"""

#: The same plan one review later: what a reviewer would want to be told.
SECOND = (
    FIRST.replace('title = "Goal one"\narea = "Area A"\nstatus = "planned"',
                  'title = "Goal one"\narea = "Area A"\nstatus = "in_progress"')
    .replace('title = "Port upgrade"', 'title = "Port upgrade, phase 1"')
    .replace('status = "in_progress"\nowner = "Port authority"\nlocation = "Binhai"',
             'status = "delayed"\nowner = "Port group"\nlocation = "Tanggu"')
    .replace('planned_end = "2023-06"', 'planned_end = "2024-06"')
    .replace("amount = 1000000", "amount = 1500000")
    .replace('goals = ["g1"]\nstatus = "delayed"', 'goals = ["g1", "g2"]\nstatus = "delayed"')
    .replace("paragraph = 2}", "paragraph = 3}")
    .replace('id = "pr2"\ntitle = "[bold]Old[/x] project"\ngoals = ["g2"]',
             'id = "pr3"\ntitle = "New [link=x]project"\ngoals = ["g2"]')
    .replace("baseline = 100", "baseline = 110")
    .replace("value = 200}", "value = 250}")
    .replace('observations = [{value = 120, as_of = "2021"}]',
             'observations = [{value = 120, as_of = "2021"}, {value = 150, as_of = "2022"}]')
    .replace('date = "2022-06"', 'date = "2022-09"')
    .replace('projects = ["pr1"]', 'projects = ["pr1"]\ngoals = ["g2"]')
)  # fmt: skip

#: (kind, id, change, field, old, new) for every difference between FIRST and SECOND.
EXPECTED = {
    ("goal", "g1", "changed", "status", "planned", "in_progress"),
    ("project", "pr1", "changed", "title", "Port upgrade", "Port upgrade, phase 1"),
    ("project", "pr1", "changed", "status", "in_progress", "delayed"),
    ("project", "pr1", "changed", "owner", "Port authority", "Port group"),
    ("project", "pr1", "changed", "location", "Binhai", "Tanggu"),
    ("project", "pr1", "changed", "planned_end", "2023-06", "2024-06"),
    ("project", "pr1", "changed", "budget", "1000000", "1500000"),
    ("project", "pr1", "changed", "goals", "g1", "g1; g2"),
    ("project", "pr1", "changed", "citations", "s1#2", "s1#3"),
    ("project", "pr2", "removed", None, None, None),
    ("project", "pr3", "added", None, None, None),
    ("indicator", "i1", "changed", "baseline", "100", "110"),
    ("indicator", "i1", "changed", "targets[ed-2025]", "200", "250"),
    ("indicator", "i1", "changed", "observations[2022]", None, "150"),
    ("milestone", "m1", "changed", "date", "2022-06", "2022-09"),
    ("milestone", "m1", "changed", "goals", None, "g2"),
}


#: The load time every test database is given, so screenshots never show the clock.
PINNED_TIME = "2021-03-05T09:30:00+00:00"


def pin_edition_times(db: Path) -> Path:
    """Give every edition of ``db`` the same load time (for deterministic screenshots)."""
    import duckdb

    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE editions SET loaded_at = $1", [PINNED_TIME])
    return db
