"""The detail of one record: every field, its linked records (openable) and its citations."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from planscope.tui import keys
from planscope.tui.data import RecordRef, fetch
from planscope.tui.history import HistorySection
from planscope.tui.host import OpenRecord
from planscope.tui.sparkline import ObservationChart
from planscope.tui.text import fit, join, literal, plain
from planscope.tui.widgets import PickList, Scroller

if TYPE_CHECKING:
    import duckdb

    from planscope.store.results import CitationInfo, RecordDetail
    from planscope.tui.data import Query

LABEL = 15


def field_lines(detail: RecordDetail) -> list[Content]:
    """``Label  value`` for every field except the title, which heads the view."""
    lines = []
    for label, value in detail.fields:
        if label in ("Title", "Label"):
            continue
        lines.append(join((fit(plain(label), LABEL), "bold"), " ", literal(value, multiline=True)))
    return lines


def citation_line(citation: CitationInfo) -> Content:
    """A citation: the source, the paragraph, and the note in our own words."""
    source = plain(citation.source_title)
    if citation.publisher:
        source += f" ({plain(citation.publisher)}"
        source += f", {plain(citation.date)})" if citation.date else ")"
    line = join("- ", literal(source), literal(f", paragraph {citation.paragraph}", "bold"))
    if citation.note:
        line = join(line, "\n  ", literal(citation.note, "italic"))
    return line


def citation_lines(detail: RecordDetail) -> list[Content]:
    """The citations section, or a line saying there are none."""
    lines = [Content.styled("Citations", "bold underline")]
    lines += [citation_line(c) for c in detail.citations] or [Content("No citations.")]
    return lines


def heading(detail: RecordDetail) -> Content:
    """Kind and id on one line, the title below."""
    return join(literal(f"{detail.kind}  {detail.id}", "dim"), "\n", literal(detail.title, "bold"))


def detail_content(detail: RecordDetail) -> Content:
    """The whole record as one block of text (the Goals tab shows it beside the tree)."""
    lines = [heading(detail), Content(""), *field_lines(detail), Content("")]
    if detail.links:
        lines.append(Content.styled("Linked records", "bold underline"))
        for link in detail.links:
            lines.append(join(literal(f"{link.relation:<12} ", "dim"), literal(link.title)))
        if detail.more_links:
            lines.append(Content(f"and {detail.more_links:,} more"))
        lines.append(Content(""))
    lines += citation_lines(detail)
    return Content("\n").join(lines)


def load_detail(record_id: str) -> Query[RecordDetail | None]:
    """A query for one record's detail; a missing record gives None rather than an error."""

    def query(cur: duckdb.DuckDBPyConnection) -> RecordDetail | None:
        from planscope.store.errors import RecordNotFound
        from planscope.store.queries import records

        try:
            return records.detail(cur, record_id)
        except RecordNotFound:
            return None

    return query


class DetailScreen(Screen[None]):
    """One record.  Escape goes back; Enter on a link pushes that record's detail."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.DETAIL)

    def __init__(self, record_id: str) -> None:
        super().__init__()
        self.record_id = record_id
        self.detail: RecordDetail | None = None

    def compose(self) -> ComposeResult:
        """Heading, scrolling fields and citations, then the links (focused when present)."""
        yield Static(literal(self.record_id, "dim"), id="detail-head")
        with Scroller(id="detail-body"):
            yield Static(Content("Loading..."), id="detail-fields")
            yield ObservationChart(self.record_id, id="detail-chart", classes="section")
            yield HistorySection(self.record_id, id="detail-history", classes="section")
        yield Static(Content.styled("Linked records (Enter opens)", "bold"), id="detail-links-title")
        yield PickList(id="detail-links")  # Enter opens a link in a new detail view
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Fetch the record."""
        self.reload()

    def reload(self) -> None:
        """Fetch the record again (also after the database was reloaded)."""
        fetch(
            self,
            load_detail(self.record_id),
            self.show,
            group="detail",
            failed=self.show_failure,
        )
        self.query_one(HistorySection).reload()
        self.query_one(ObservationChart).reload()

    def show_failure(self, text: str) -> None:
        """The error replaces "Loading..."."""
        self.query_one("#detail-fields", Static).update(join("Could not load: ", literal(text)))

    def show(self, detail: RecordDetail | None) -> None:
        """Draw the record, or go back if it no longer exists."""
        if detail is None:
            gone = plain(f"No record has the id {self.record_id!r}")
            if self.app.screen is self:
                self.app.notify(gone, severity="error", markup=False)
                self.dismiss()
            else:  # under another screen (after a reload): dismissing would close that one
                self.detail = None
                self.query_one("#detail-fields", Static).update(Content(gone + " any more."))
                self.query_one("#detail-links", PickList).clear_options()
            return
        self.detail = detail
        self.query_one("#detail-head", Static).update(heading(detail))
        body = [*field_lines(detail), Content(""), *citation_lines(detail)]
        self.query_one("#detail-fields", Static).update(Content("\n").join(body))
        links = self.query_one("#detail-links", PickList)
        links.clear_options()
        options = [
            Option(
                join(literal(f"{link.relation:<13}", "dim"), literal(f"{link.kind:<10}"), literal(link.title))
            )
            for link in detail.links
        ]
        if detail.more_links:
            options.append(Option(Content(f"and {detail.more_links:,} more, not listed"), disabled=True))
        links.add_options(options)
        has_links = bool(detail.links)
        links.display = has_links
        self.query_one("#detail-links-title").display = has_links
        (links if has_links else self.query_one(Scroller)).focus()
        if has_links:
            links.highlighted = 0

    def action_back(self) -> None:
        """Return to where the detail was opened from."""
        self.dismiss()

    def action_open_link(self) -> None:
        """Open the highlighted link (Enter in the link list)."""
        links = self.query_one("#detail-links", PickList)
        if links.highlighted is not None:
            self._open(links.highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on a link opens it."""
        event.stop()
        self._open(event.option_index)

    def _open(self, index: int) -> None:
        if self.detail is not None and index < len(self.detail.links):
            self.post_message(OpenRecord(self.detail.links[index].id))

    def current_record(self) -> RecordRef | None:
        """The record on show."""
        if self.detail is None:
            return None
        return RecordRef(self.detail.kind, self.detail.id, self.detail.title)
