"""Compare two plans side by side: choose them, then read areas, counts and how targets moved.

Opened from the palette ("compare: Compare plans...") with no plan chosen,
or with ``c`` on a plan in the Overview, which fills in plan A.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from planscope.tui import keys
from planscope.tui.data import fetch
from planscope.tui.text import fit, join, literal, number, plain
from planscope.tui.widgets import PickList, Scroller

if TYPE_CHECKING:
    import duckdb

    from planscope.store.queries.compare import Comparison
    from planscope.store.results import PlanInfo
    from planscope.tui.data import Query


def plan_list(cur: duckdb.DuckDBPyConnection) -> list[PlanInfo]:
    """Every plan, to choose from."""
    from planscope.store.queries.overview import plans

    return plans(cur)


def load_comparison(a: str, b: str) -> Query[Comparison]:
    """A query comparing two plans."""

    def query(cur: duckdb.DuckDBPyConnection) -> Comparison:
        from planscope.store.queries.compare import compare

        return compare(cur, a, b)

    return query


def comparison_lines(r: Comparison) -> list[Content]:
    """The comparison as the command line prints it, in sections."""
    lines = [
        join(("A  ", "bold"), literal(f"{r.a.title}, {r.a.start_year}-{r.a.end_year}")),
        join(("B  ", "bold"), literal(f"{r.b.title}, {r.b.start_year}-{r.b.end_year}")),
        Content(""),
        Content.styled("Goal areas", "bold underline"),
    ]
    sides = (("in both", r.areas_both), ("only in A", r.areas_only_a), ("only in B", r.areas_only_b))
    for label, areas in sides:
        lines.append(join(fit(label, 11), literal(", ".join(areas) or "(none)")))
    title = f"{'Area':<28} {'Goals A/B':>11} {'Projects':>10} {'Indicators':>11}"
    lines += [Content(""), Content.styled(title, "bold")]
    for x in r.areas:
        counts = (
            f" {x.goals_a:>5}/{x.goals_b:<5} {x.projects_a:>4}/{x.projects_b:<5}"
            f" {x.indicators_a:>5}/{x.indicators_b:<5}"
        )
        lines.append(join(literal(fit(plain(x.area), 28)), counts))
    heading = "Targets in both (indicators matched by title and unit)"
    lines += [Content(""), Content.styled(heading, "bold underline")]
    if not r.targets:
        lines.append(Content("(none)"))
    for t in r.targets:
        unit = f" {plain(t.unit)}" if t.unit else ""
        sign = "+" if t.moved > 0 else ""
        moved = (
            f": {number(t.target_a)}{unit} by {t.year_a} -> {number(t.target_b)}{unit} by {t.year_b}"
            f" ({sign}{number(t.moved)})"
        )
        lines.append(join(literal(t.title, "bold"), literal(moved)))
    return lines


class CompareScreen(Screen[None]):
    """Choose plan A (unless given), then plan B; then the comparison.  Escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.COMPARE)

    def __init__(self, plan_a: str | None = None) -> None:
        super().__init__()
        self.plan_a = plan_a
        self.plan_b: str | None = None
        self.plans: list[PlanInfo] = []
        self.all_plans: list[PlanInfo] = []

    def compose(self) -> ComposeResult:
        """A prompt, the plan list, and the comparison once both plans are chosen."""
        yield Static(Content("Loading plans..."), id="compare-prompt", classes="status-line")
        yield PickList(id="compare-plans")
        with Scroller(id="compare-body"):
            yield Static(Content(""), id="compare-result")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Fetch the plans to choose from."""
        self.query_one("#compare-body").display = False
        fetch(self, plan_list, self._plans, group="compare-plans")

    def _plans(self, plans: list[PlanInfo]) -> None:
        self.all_plans = plans
        self._offer()

    def _offer(self) -> None:
        """List the plans still to choose from: every plan, then every plan but A."""
        self.plans = [p for p in self.all_plans if p.id != self.plan_a]
        picker = self.query_one("#compare-plans", PickList)
        picker.clear_options()
        picker.add_options([Option(literal(f"{p.title}  ({p.id})")) for p in self.plans])
        if self.plans:
            picker.highlighted = 0
        self._prompt()
        picker.focus()

    def _prompt(self) -> None:
        if self.plan_a is None:
            text = join(("Compare plans: ", "bold"), "choose plan A (Enter)")
        else:
            text = join(("Compare ", "bold"), literal(self.plan_a), " with: choose plan B (Enter)")
        self.query_one("#compare-prompt", Static).update(text)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter chooses a plan: first A, then B, which starts the comparison."""
        event.stop()
        chosen = self.plans[event.option_index].id
        if self.plan_a is None:
            self.plan_a = chosen
            self._offer()
            return
        self.plan_b = chosen
        self.reload()

    def reload(self) -> None:
        """Compare the chosen plans (again, after the database was reloaded)."""
        if self.plan_a is None or self.plan_b is None:
            return
        fetch(self, load_comparison(self.plan_a, self.plan_b), self._show, group="compare")

    def _show(self, result: Comparison) -> None:
        self.query_one("#compare-plans", PickList).display = False
        body = self.query_one("#compare-body", Scroller)
        body.display = True
        self.query_one("#compare-result", Static).update(Content("\n").join(comparison_lines(result)))
        pair = literal(f"{result.a.id} (A) with {result.b.id} (B)")
        prompt = join(("Compare ", "bold"), pair, "  Escape: back")
        self.query_one("#compare-prompt", Static).update(prompt)
        body.focus()

    def action_back(self) -> None:
        """Back to where the comparison was opened from."""
        self.dismiss()
