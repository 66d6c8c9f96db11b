"""The plans, periods and sources of a synthetic plan set, and the vocabulary as SQL parameters.

Split from ``planscope.store.synthetic.vocabulary`` (the words themselves) because this
part is code: it lays out each region's plans and their citations in the
shape of the base tables, and hands the word lists to the generator's SQL.
"""

from __future__ import annotations

from typing import NamedTuple

from planscope.store.synthetic.vocabulary import (
    AREAS,
    ATTRIBUTES,
    EVENTS,
    INDICATORS,
    OWNERS,
    PURPOSES,
    REGIONS,
    STATUS_POOL,
    SUBGOAL_VERBS,
    SUFFIXES,
    TAGS,
    THINGS,
    VERBS,
    WORK_REPORT_YEARS,
    Region,
)


class Catalogue(NamedTuple):
    """The few plans, periods and sources of a synthetic set, as column lists per table."""

    tables: dict[str, list[list[object]]]  # plans, sources, periods, citations: base-table columns
    plan_columns: list[list[object]]  # the scratch table the generator joins big tables against
    period_columns: list[list[object]]
    next_ord: int


def _plan_specs(r: Region) -> list[tuple[str, str, str, int, int, int | None, str | None, str, list[tuple]]]:
    """A region's plans: (id, title, kind, start, end, horizon, parent, Chinese title, periods)."""
    fyp14 = f"{r.code}-14fyp"
    return [
        (f"{r.code}-13fyp", f"{r.name} 13th Five-Year Plan for Economic and Social Development (2016-2020)",
         "five_year_plan", 2016, 2020, None, None, f"{r.name_cn}国民经济和社会发展第十三个五年规划纲要",
         [(2016, 2020, "13th Five-Year Plan period (2016-2020)"),
          (2016, 2018, "Mid-term review (2016-2018)")]),
        (fyp14, f"{r.name} 14th Five-Year Plan (2021-2025) and Long-Range Goals to 2035",
         "five_year_plan", 2021, 2025, 2035, None,
         f"{r.name_cn}国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要",
         [(2021, 2025, "14th Five-Year Plan period (2021-2025)"), (2021, 2023, "Mid-term review (2021-2023)"),
          (2021, 2035, "Long-range goals to 2035")]),
    ] + [
        (f"{r.code}-wr-{y}", f"{r.name} {y} Government Work Report", "annual_work_report", y, y, None, fyp14,
         f"{y}年{r.name_cn}政府工作报告", [(y, y, f"Year {y}")])
        for y in WORK_REPORT_YEARS
    ]  # fmt: skip


def plan_catalogue(regions: int) -> Catalogue:
    """Plans, periods and sources for the first ``regions`` regions, numbered from ``ord`` 0.

    A few hundred rows at most, so plain Python is clearer here than SQL.
    """
    plans: list[tuple[object, ...]] = []
    sources: list[tuple[object, ...]] = []
    periods: list[tuple[object, ...]] = []
    cites: list[tuple[object, ...]] = []
    scratch: list[tuple[object, ...]] = []
    spans: list[tuple[object, ...]] = []
    specs = [(r, spec) for r in REGIONS[:regions] for spec in _plan_specs(r)]
    ord_ = len(specs)
    for p, (r, (pid, title, kind, start, end, horizon, parent, title_cn, spans_of)) in enumerate(specs):
        summary = f"Issued by the {r.adjective} People's Government. {title_cn}"
        published = f"{start}-01" if kind == "annual_work_report" else f"{start}-02"
        texts = [
            (f"{pid}-text", f"{title} (full text)", f"{r.adjective} People's Government", None, 240),
            (f"{pid}-xinhua", f"Xinhua report on the {title}", "Xinhua", "Xinhua reporters", 24),
            (f"{pid}-stats", f"{r.name} statistical communiqué on economic and social development",
             f"{r.adjective} Bureau of Statistics", None, 60),
        ]  # fmt: skip
        plan_cites = [{"source": texts[0][0], "paragraph": 1, "note": "The plan's own title page."},
                      {"source": texts[1][0], "paragraph": 2, "note": None}]  # fmt: skip
        plans.append((p, pid, title, f"{r.adjective} People's Government", kind, start, end, horizon, parent,
                      summary, plan_cites, 0, None))  # fmt: skip
        for sid, stitle, publisher, author, paragraphs in texts:
            sources.append((ord_, pid, sid, stitle, publisher, published, author, f"archive/{sid}.txt",
                            paragraphs, None, 0, None))  # fmt: skip
            ord_ += 1
        cites += [("plan", pid, pid, 0, texts[0][0], 1, "The plan's own title page."),
                  ("plan", pid, pid, 1, texts[1][0], 2, None)]  # fmt: skip
        for pos, (s, e, label) in enumerate(spans_of):
            per_id = f"{pid}-p{s}-{e}" if s != e else f"{pid}-p{s}"
            period_cites = [{"source": texts[0][0], "paragraph": 3 + pos, "note": None}]
            periods.append((ord_, pid, per_id, label, s, e, period_cites, 0, None))
            cites.append(("period", per_id, pid, 0, texts[0][0], 3 + pos, None))
            spans.append((p, pos, per_id, e))
            ord_ += 1
        scratch.append((p, pid, start, end, r.name, r.adjective, [e for e, _ in r.places],
                        [c for _, c in r.places], [s[2] for s in spans if s[0] == p],
                        [t[0] for t in texts], [t[4] for t in texts]))  # fmt: skip

    def columns(rows: list[tuple[object, ...]]) -> list[list[object]]:
        return [list(c) for c in zip(*rows, strict=True)]

    tables = {"plans": columns(plans), "sources": columns(sources), "periods": columns(periods),
              "citations": columns(cites)}  # fmt: skip
    return Catalogue(tables, columns(scratch), columns(spans), ord_)


def sql_params() -> dict[str, object]:
    """The vocabulary as named list parameters (``$things``...) for the generator's SQL."""
    return {
        "things": [t[0] for t in THINGS],
        "things_cn": [t[1] for t in THINGS],
        "suffixes": [s[0] for s in SUFFIXES],
        "suffixes_cn": [s[1] for s in SUFFIXES],
        "verbs": list(VERBS),
        "purposes": list(PURPOSES),
        "owners": list(OWNERS),
        "tags": list(TAGS),
        "areas": [a[0] for a in AREAS],
        "area_phrases": [list(a[1]) for a in AREAS],
        "subgoal_verbs": list(SUBGOAL_VERBS),
        "statuses": list(STATUS_POOL),
        "attributes": list(ATTRIBUTES),
        "ind_titles": [i[0] for i in INDICATORS],
        "ind_units": [i[1] for i in INDICATORS],
        "ind_dirs": [i[2] for i in INDICATORS],
        "ind_low": [i[3] for i in INDICATORS],
        "ind_high": [i[4] for i in INDICATORS],
        "ind_change": [i[5] for i in INDICATORS],
        "events": [e[0] for e in EVENTS],
        "events_cn": [e[1] for e in EVENTS],
    }
