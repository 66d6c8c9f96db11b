"""Tab 1, Overview: each plan's header, record counts, status breakdowns, key indicators."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from planscope.store.vocab import BAND_LABEL, PLAN_KIND_LABEL, status_label
from planscope.tui import keys
from planscope.tui.data import RecordRef, fetch
from planscope.tui.edition_line import EditionLine
from planscope.tui.host import OpenRecord, host_of
from planscope.tui.pane import Pane
from planscope.tui.text import bar, count, fit, join, literal, number, plain, years
from planscope.tui.widgets import PickList, Scroller

if TYPE_CHECKING:
    import duckdb

    from planscope.store.results import IndicatorRow, PlanInfo, Stats

#: How many indicators the Overview lists as key ones.
KEY_INDICATORS = 8
BAR = 20


def overview_data(cur: duckdb.DuckDBPyConnection) -> tuple[Stats, list[IndicatorRow]]:
    """Stats and the first few indicators, in one worker trip."""
    from planscope.store.queries import indicators, overview

    return overview.stats(cur), indicators.page(cur, None, 0, KEY_INDICATORS).rows


def plan_prompt(plan: PlanInfo) -> Content:
    """A plan as two lines: its title, then kind, issuer, period, horizon and counts."""
    facts = [
        PLAN_KIND_LABEL.get(plan.kind, plan.kind),
        plan.issuer or "",
        years(plan.start_year, plan.end_year),
    ]
    if plan.horizon_year:
        facts.append(f"to {plan.horizon_year}")
    counts = ", ".join(
        count(n, noun)
        for n, noun in (
            (plan.goals, "goal"),
            (plan.projects, "project"),
            (plan.indicators, "indicator"),
            (plan.milestones, "milestone"),
        )
    )
    return join(
        literal(plan.title, "bold"),
        "\n  ",
        literal(" | ".join(f for f in facts if f), "dim"),
        "\n  ",
        literal(counts, "dim"),
    )


def breakdown(title: str, counts: dict[str, int], label: object = status_label) -> list[Content]:
    """A heading and one line per value: label, count and an ASCII bar."""
    lines = [Content.styled(title, "bold")]
    top = max(counts.values(), default=0) or 1
    for key, n in counts.items():
        name = label(key) if callable(label) else key
        length = max(1, round(BAR * n / top)) if n else 0
        lines.append(join("  ", literal(fit(plain(name), 24)), f" {n:>9,} ", ("#" * length, "$accent")))
    if not counts:
        lines.append(Content("  none"))
    return lines


def indicator_line(row: IndicatorRow) -> Content:
    """An indicator's title, latest value, a progress bar and its band."""
    latest = "no data"
    if row.latest is not None:
        latest = f"{number(row.latest.value)} ({row.latest.as_of})"
    return join(
        "  ",
        literal(fit(plain(row.title), 34)),
        " ",
        literal(fit(plain(latest), 16)),
        " ",
        bar(row.progress, 10),
        " ",
        BAND_LABEL.get(row.band, row.band),
    )


class OverviewPane(Pane):
    """Plans first (Enter opens one), then counts, breakdowns and key indicators."""

    TAB = "overview"
    BINDINGS = list(keys.PLANS)

    def compose(self) -> ComposeResult:
        """Plans (selectable) above the figures, all in one scroll."""
        with Scroller(id="overview-scroll"):
            yield EditionLine(Content(""), id="edition-line")
            yield Static(Content.styled("Plans", "bold"), classes="heading")
            yield PickList(id="plan-list")  # two lines a plan; Enter opens one
            yield Static(Content("Loading..."), id="overview-body")

    def main_widget(self) -> Widget | None:
        """The plan list."""
        return self.query_one("#plan-list", PickList)

    def reload(self) -> None:
        """Fetch stats and key indicators."""
        fetch(self, overview_data, self.show, group="overview", failed=self.load_failed)
        self.query_one(EditionLine).reload()

    def show_failure(self, text: Content) -> None:
        """The error replaces "Loading..." under the plans."""
        self.query_one("#overview-body", Static).update(text)

    def show(self, data: tuple[Stats, list[IndicatorRow]]) -> None:
        """Draw the plans and the figures."""
        stats, indicators = data
        self.plans = list(stats.plans)
        plan_list = self.query_one("#plan-list", PickList)
        highlighted = plan_list.highlighted
        plan_list.clear_options()
        plan_list.add_options([Option(plan_prompt(p)) for p in self.plans])
        if self.plans:
            plan_list.highlighted = min(highlighted or 0, len(self.plans) - 1)
        counts = ", ".join(f"{n:,} {kind}" for kind, n in stats.counts.items())
        lines: list[Content] = [Content.styled("Records", "bold"), join("  ", literal(counts)), Content("")]
        lines += [*breakdown("Projects by status", stats.project_status), Content("")]
        lines += [*breakdown("Goals by status", stats.goal_status), Content("")]
        lines += [*breakdown("Goal areas", stats.areas, label=str), Content("")]
        if stats.budgets:
            money = ", ".join(f"{cur} {number(total)}" for cur, total in stats.budgets.items())
            lines += [Content.styled("Budgets", "bold"), join("  ", literal(money)), Content("")]
        lines.append(Content.styled("Key indicators", "bold"))
        lines += [indicator_line(row) for row in indicators] or [Content("  none")]
        self.query_one("#overview-body", Static).update(Content("\n").join(lines))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a plan opens its detail."""
        event.stop()
        plan = self.plans[event.option_index]
        self.post_message(OpenRecord(plan.id))

    def action_compare(self) -> None:
        """``c``: compare the highlighted plan with one still to choose."""
        plan = self.current_record()
        if plan is not None:
            host_of(self).action_compare_plans(plan.id)

    def current_record(self) -> RecordRef | None:
        """The highlighted plan."""
        plans = getattr(self, "plans", [])
        index = self.query_one("#plan-list", PickList).highlighted
        if index is None or index >= len(plans):
            return None
        return RecordRef("plan", plans[index].id, plans[index].title)
