"""One record with everything linked to it, whatever its kind."""

from __future__ import annotations

import duckdb

from planscope.store.build.schema import RECORD_TABLES
from planscope.store.errors import RecordNotFound
from planscope.store.numbers import number_text
from planscope.store.results import CitationInfo, Link, RecordDetail
from planscope.store.vocab import PLAN_KIND_LABEL, status_label

LINK_LIMIT = 200

# For each kind: (label, SQL expression) of the fields to show, in order.
FIELDS: dict[str, list[tuple[str, str]]] = {
    "plan": [
        ("Title", "title"),
        ("Issuer", "issuer"),
        ("Kind", "kind"),
        ("Start", "start_year"),
        ("End", "end_year"),
        ("Horizon", "horizon_year"),
        ("Parent plan", "parent_id"),
        ("Summary", "summary"),
    ],
    "period": [("Label", "label"), ("Plan", "plan_id"), ("Start", "start_year"), ("End", "end_year")],
    "goal": [
        ("Title", "title"),
        ("Plan", "plan_id"),
        ("Area", "area"),
        ("Status", "status"),
        ("Progress", "progress"),
        ("Parent goal", "parent_id"),
        ("Description", "description"),
    ],
    "project": [
        ("Title", "title"),
        ("Plan", "plan_id"),
        ("Status", "status"),
        ("Area", "area"),
        ("Owner", "owner"),
        ("Location", "location"),
        ("Planned start", "planned_start"),
        ("Planned end", "planned_end"),
        ("Actual start", "actual_start"),
        ("Actual end", "actual_end"),
        ("Budget", "budget_amount"),
        ("Currency", "budget_currency"),
        ("Tags", "array_to_string(tags, ', ')"),
        ("Description", "description"),
    ],
    "indicator": [
        ("Title", "title"),
        ("Plan", "plan_id"),
        ("Unit", "unit"),
        ("Direction", "direction"),
        ("Attribute", "attribute"),
        ("Baseline", "baseline"),
        ("Baseline year", "baseline_year"),
        ("Description", "description"),
    ],
    "milestone": [
        ("Title", "title"),
        ("Plan", "plan_id"),
        ("Date", "date"),
        ("Period", "period_id"),
        ("Description", "description"),
    ],
}

# For each kind: SQL returning (kind, id, title, relation) of linked records; $1 is the id.
_PLAN_OF = "SELECT 'plan', id, title, 'plan' FROM plans WHERE id = (SELECT plan_id FROM {} WHERE id = $1)"


def _via(kind: str, relation: str, link: str, near: str, order: str) -> str:
    """Records of ``kind`` joined through the ``link`` table, whose ``near`` column is $1."""
    title = "label" if kind == "period" else "title"
    return (
        f"SELECT '{kind}', r.id, r.{title}, '{relation}' FROM {link} l JOIN {kind}s r ON r.id = l.{kind}_id "
        f"WHERE l.{near} = $1 ORDER BY {order}"
    )


_MARKED = (
    "SELECT 'milestone', m.id, m.title, 'milestone' FROM milestone_links l "
    "JOIN milestones m ON m.id = l.milestone_id "
    "WHERE l.target_kind = '{}' AND l.target_id = $1 ORDER BY m.rn"
)
LINKS: dict[str, list[str]] = {
    "plan": [
        "SELECT 'plan', id, title, 'parent plan' FROM plans "
        "WHERE id = (SELECT parent_id FROM plans WHERE id = $1)",
        "SELECT 'plan', id, title, 'sub-plan' FROM plans WHERE parent_id = $1 ORDER BY ord",
        "SELECT 'period', id, label, 'period' FROM periods WHERE plan_id = $1 ORDER BY ord",
        "SELECT 'goal', id, title, 'goal' FROM goals WHERE plan_id = $1 AND parent_id IS NULL ORDER BY ord",
    ],
    "period": [
        _PLAN_OF.format("periods"),
        _via("indicator", "target", "targets", "period_id", "r.ord"),
        "SELECT 'milestone', id, title, 'milestone' FROM milestones WHERE period_id = $1 ORDER BY rn",
    ],
    "goal": [
        _PLAN_OF.format("goals"),
        "SELECT 'goal', id, title, 'parent goal' FROM goals "
        "WHERE id = (SELECT parent_id FROM goals WHERE id = $1)",
        "SELECT 'goal', id, title, 'sub-goal' FROM goals WHERE parent_id = $1 ORDER BY ord",
        _via("project", "project", "project_goals", "goal_id", "r.rn"),
        _via("indicator", "indicator", "indicator_goals", "goal_id", "r.ord"),
        _MARKED.format("goal"),
    ],
    "project": [
        _PLAN_OF.format("projects"),
        _via("goal", "serves", "project_goals", "project_id", "l.pos"),
        _MARKED.format("project"),
    ],
    "indicator": [
        _PLAN_OF.format("indicators"),
        _via("goal", "measures", "indicator_goals", "indicator_id", "l.pos"),
        _via("period", "target period", "targets", "indicator_id", "l.pos"),
    ],
    "milestone": [
        _PLAN_OF.format("milestones"),
        "SELECT 'period', id, label, 'period' FROM periods "
        "WHERE id = (SELECT period_id FROM milestones WHERE id = $1)",
        "SELECT l.target_kind, coalesce(g.id, p.id), coalesce(g.title, p.title), 'marks' "
        "FROM milestone_links l "
        "LEFT JOIN goals g ON l.target_kind = 'goal' AND g.id = l.target_id "
        "LEFT JOIN projects p ON l.target_kind = 'project' AND p.id = l.target_id "
        "WHERE l.milestone_id = $1 ORDER BY l.target_kind, l.pos",
    ],
}


def kind_of(con: duckdb.DuckDBPyConnection, record_id: str) -> str:
    """The kind of the record with this id; raises RecordNotFound."""
    row = con.execute("SELECT kind FROM search_items WHERE id = $1 LIMIT 1", [record_id]).fetchone()
    if row is None:
        raise RecordNotFound(f"no record has the id {record_id!r}")
    return str(row[0])


def lookup(con: duckdb.DuckDBPyConnection, name: str) -> RecordDetail:
    """The record with id ``name``, or else the source it names (``PLAN:SOURCE``); see ``detail``."""
    try:
        return detail(con, name)
    except RecordNotFound:
        from planscope.store.queries.sources import find_source, source_detail

        return source_detail(con, *find_source(con, name))


def typed_values(con: duckdb.DuckDBPyConnection, found: RecordDetail) -> dict[str, object]:
    """The record's own fields with their types, named as in a plan file (for JSON)."""
    from planscope.store.queries.values import record_values, source_values

    if found.kind == "source":
        return source_values(con, found.plan_id or "", found.id)
    return record_values(con, found.kind, found.id)


def detail(con: duckdb.DuckDBPyConnection, record_id: str) -> RecordDetail:
    """Every field of a record, its links and its resolved citations."""
    kind = kind_of(con, record_id)
    table = RECORD_TABLES[kind]
    fields = FIELDS[kind]
    row = con.execute(
        f"SELECT {', '.join(sql for _, sql in fields)}, plan_id_of FROM "
        f"(SELECT *, {'id' if kind == 'plan' else 'plan_id'} AS plan_id_of FROM {table}) WHERE id = $1",
        [record_id],
    ).fetchone()
    assert row is not None
    shown = [
        (label, _text(label, value))
        for (label, _), value in zip(fields, row[:-1], strict=True)
        if value is not None and value != ""
    ]
    links: list[Link] = []
    more = 0
    for sql in LINKS[kind]:
        found = con.execute(f"SELECT * FROM ({sql}) LIMIT {LINK_LIMIT + 1}", [record_id]).fetchall()
        more += max(0, len(found) - LINK_LIMIT)
        links.extend(Link(*r) for r in found[:LINK_LIMIT])
    if kind == "indicator":
        shown += _measures(con, record_id)
    title = next((v for label, v in shown if label in ("Title", "Label")), record_id)
    return RecordDetail(kind, record_id, title, row[-1], shown, links, citations(con, kind, record_id), more)


def citations(con: duckdb.DuckDBPyConnection, kind: str, record_id: str) -> list[CitationInfo]:
    """A record's citations with each source's title, publisher and date."""
    rows = con.execute(
        "SELECT c.source_id, coalesce(s.title, c.source_id), c.paragraph, c.note, s.publisher, s.date "
        "FROM citations c LEFT JOIN sources s ON s.plan_id = c.plan_id AND s.id = c.source_id "
        "WHERE c.record_kind = $1 AND c.record_id = $2 ORDER BY c.pos",
        [kind, record_id],
    ).fetchall()
    return [CitationInfo(*r) for r in rows]


def _measures(con: duckdb.DuckDBPyConnection, indicator_id: str) -> list[tuple[str, str]]:
    """An indicator's targets and observations as extra fields, in order."""
    out = []
    for label, value, note in con.execute(
        "SELECT s.label, t.value, t.note FROM targets t JOIN periods s ON s.id = t.period_id "
        "WHERE t.indicator_id = $1 ORDER BY t.pos",
        [indicator_id],
    ).fetchall():
        shown = _text("Target", value) if value is not None else "-"
        out.append((f"Target {label}", f"{shown} ({note})" if note else shown))
    for value, as_of, note, src, para in con.execute(
        "SELECT value, as_of, note, cite_source, cite_paragraph FROM observations "
        "WHERE indicator_id = $1 ORDER BY pos",
        [indicator_id],
    ).fetchall():
        text = _text("Observed", value)
        if note:
            text += f" ({note})"
        if src:
            text += f" [source {src}, paragraph {para}]"
        out.append((f"Observed {as_of}", text))
    return out


def _text(label: str, value: object) -> str:
    if label == "Status":
        return status_label(str(value))
    if label == "Kind":
        return PLAN_KIND_LABEL.get(str(value), str(value))
    if label == "Progress" and isinstance(value, float):
        return f"{value:.0%}"
    if isinstance(value, float):
        return number_text(value)
    return str(value)
