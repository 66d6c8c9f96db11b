"""Tab 2, Goals: the tree plan -> area -> goal -> sub-goals, beside the selected goal's detail.

Children are fetched from the store when a node is first expanded, a page
at a time, because a generated plan may hold a hundred thousand goals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from planscope.store.vocab import status_label
from planscope.tui import keys
from planscope.tui.data import RecordRef, fetch
from planscope.tui.detail import detail_content
from planscope.tui.host import OpenRecord
from planscope.tui.pane import Pane
from planscope.tui.text import count, join, literal, literal_text, plain
from planscope.tui.widgets import Scroller

if TYPE_CHECKING:
    import duckdb

    from planscope.store.results import AreaCount, GoalNode, PlanInfo, RecordDetail

#: Nodes fetched per expand; a "more" node fetches the next batch.
BATCH = 200


@dataclass
class Ref:
    """What a tree node stands for: a plan, an area, a goal, or a "more" marker."""

    kind: str
    id: str
    plan_id: str
    title: str
    area: str | None = None
    loaded: bool = False
    offset: int = 0


class GoalTree(Tree[Ref]):
    """The goal tree, with ASCII fold markers and vi keys; Enter opens, space folds."""

    ICON_NODE = "+ "
    ICON_NODE_EXPANDED = "- "
    BINDINGS: ClassVar[list[BindingType]] = list(keys.TREE)


def roots(cur: duckdb.DuckDBPyConnection) -> list[tuple[PlanInfo, list[AreaCount]]]:
    """Every plan with the areas of its top-level goals."""
    from planscope.store.queries import goals, overview

    return [(plan, goals.areas(cur, plan.id)) for plan in overview.plans(cur)]


def goal_label(goal: GoalNode) -> Text:
    """A goal's title, then its status and how many projects serve it, dimmed."""
    extra = []
    if goal.status:
        extra.append(status_label(goal.status))
    if goal.projects:
        extra.append(f"{goal.projects} proj")
    label = literal_text(goal.title)
    if extra:
        label.append("  " + ", ".join(extra), style="dim")
    return label


class GoalsPane(Pane):
    """The tree on the left and what the cursor is on, in detail, on the right."""

    TAB = "goals"

    def compose(self) -> ComposeResult:
        """The tree beside a scrolling detail; the tree is filled by :meth:`reload`."""
        with Horizontal():
            tree: GoalTree = GoalTree(Text("Plans"), id="goal-tree")
            tree.show_root = False
            tree.auto_expand = False
            yield tree
            with Scroller(id="goal-detail"):
                yield Static(Content("Choose a goal to see its detail."), id="goal-detail-body")

    def main_widget(self) -> Widget | None:
        """The tree."""
        return self.query_one(GoalTree)

    def reload(self) -> None:
        """Fetch the plans and their areas; the tree is rebuilt from them."""
        fetch(self, roots, self.show_roots, group="goal-roots", failed=self.load_failed)

    def show_failure(self, text: Content) -> None:
        """The error shows beside the (empty) tree."""
        self.query_one("#goal-detail-body", Static).update(text)

    def show_roots(self, plans: list[tuple[PlanInfo, list[AreaCount]]]) -> None:
        """Rebuild the top two levels, plans expanded."""
        tree = self.query_one(GoalTree)
        tree.clear()
        for plan, areas in plans:
            node = tree.root.add(literal_text(plan.title, "bold"), Ref("plan", plan.id, plan.id, plan.title))
            for area in areas:
                name = area.area or "No area"
                label = literal_text(name)
                label.append(f"  {count(area.goals, 'goal')}", style="dim")
                node.add(label, Ref("area", f"{plan.id}/{name}", plan.id, name, area=area.area))
            node.expand()
        tree.cursor_line = 0

    # -- expanding ---------------------------------------------------------------

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[Ref]) -> None:
        """Fetch a node's children the first time it opens."""
        ref = event.node.data
        if ref is not None and not ref.loaded and ref.kind in ("area", "goal"):
            ref.loaded = True
            self.load_children(event.node, ref, 0)

    def load_children(self, node: TreeNode[Ref], ref: Ref, offset: int) -> None:
        """Fetch one batch of a node's children."""

        def query(cur: duckdb.DuckDBPyConnection) -> tuple[list[GoalNode], int]:
            from planscope.store.queries import goals

            if ref.kind == "area":
                return goals.top_goals(cur, ref.plan_id, ref.area, offset, BATCH)
            return goals.children(cur, ref.id, offset, BATCH)

        fetch(
            self,
            query,
            lambda found: self.add_children(node, ref, offset, *found),
            group=f"goal-children-{id(node)}",
        )

    def add_children(
        self, node: TreeNode[Ref], ref: Ref, offset: int, found: list[GoalNode], total: int
    ) -> None:
        """Add a batch, and a "more" node when the store holds further goals."""
        for goal in found:
            node.add(
                goal_label(goal),
                Ref("goal", goal.id, goal.plan_id, goal.title, goal.area),
                allow_expand=goal.children > 0,
            )
        shown = offset + len(found)
        if shown < total:
            label = Text(f"({total - shown:,} more: Enter to load)", style="dim italic")
            node.add_leaf(
                label, Ref("more", f"{ref.id}/more", ref.plan_id, ref.title, ref.area, offset=shown)
            )
        if not found and not offset:
            node.allow_expand = False

    # -- choosing ----------------------------------------------------------------

    def on_tree_node_selected(self, event: Tree.NodeSelected[Ref]) -> None:
        """Enter: open a goal or plan, fold an area, load the next batch at "more"."""
        event.stop()
        node, ref = event.node, event.node.data
        if ref is None:
            return
        if ref.kind in ("goal", "plan"):
            self.post_message(OpenRecord(ref.id))
        elif ref.kind == "area":
            node.toggle()
        elif ref.kind == "more" and node.parent is not None and node.parent.data is not None:
            parent = node.parent
            node.remove()
            self.load_children(parent, parent.data, ref.offset)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[Ref]) -> None:
        """Show what the cursor is on beside the tree."""
        ref = event.node.data
        body = self.query_one("#goal-detail-body", Static)
        if ref is None or ref.kind == "more":
            return
        if ref.kind == "area":
            body.update(
                Content.assemble(literal(ref.title, "bold"), "\nA goal area. Enter or space folds it.")
            )
            return

        def query(cur: duckdb.DuckDBPyConnection) -> RecordDetail:
            from planscope.store.queries import records

            return records.detail(cur, ref.id)

        fetch(
            self,
            query,
            lambda detail: body.update(detail_content(detail)),
            group="goal-detail",
            failed=lambda text: body.update(join("Could not load: ", literal(text))),
        )

    def current_record(self) -> RecordRef | None:
        """The goal or plan under the cursor."""
        node = self.query_one(GoalTree).cursor_node
        ref = node.data if node is not None else None
        if ref is None or ref.kind not in ("goal", "plan"):
            return None
        return RecordRef(ref.kind, ref.id, plain(ref.title))
