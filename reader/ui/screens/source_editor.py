"""A source card in author mode: title, publisher, date, address, kind, and who is behind it.

Made from an account's source list (what was typed there becomes the title) or from the
list of source cards (``S``). Ctrl+S writes the card (checked and saved at once); the result
is the card's id. A new card's id is made from its title.
"""

from __future__ import annotations

__all__ = ["SourceEditor"]

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, Select, Static

from reader.authoring import tables
from reader.authoring.fields import date_problem, url_problem
from reader.model import SOURCE_KINDS, Source
from reader.text.sanitize import sanitize_line
from reader.ui.safe import safe
from reader.ui.screens.author_form import AuthorForm, Field

if TYPE_CHECKING:
    from reader.authoring.author import Author
    from reader.ui.session import Session

_FIELDS: tuple[Field, ...] = (
    ("title", "Title (required)", "The page's or document's own title"),
    ("publisher", "Publisher", "Who published it: an outlet, a ministry, a court…"),
    ("date", "Date", "YYYY-MM-DD"),
    ("url", "Address", "https://…"),
    ("perspective", "Who is behind it", "e.g. Azerbaijan's state news agency"),
)


class SourceEditor(AuthorForm[str | None]):
    """See the module's notes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "save", priority=True, id="source.save"),
        Binding("escape", "close", "close", priority=True, id="source.close"),
    ]

    def __init__(self, session: Session, author: Author, source: Source | None,
                 title: str = "") -> None:
        super().__init__(session, author)
        self.source = source
        self.typed_title = title

    def _initial(self) -> dict[str, str]:
        source = self.source
        if source is None:
            return {"title": self.typed_title, "publisher": "", "date": "", "url": "",
                    "perspective": "", "kind": ""}
        # The card as written in pack.toml: a card that names an outlet has its publisher,
        # kind and description from the outlet, and only its own perspective here.
        written = tables.source_table(self.author.document.doc, source.id)
        keys = ("title", "publisher", "date", "url", "perspective", "kind")
        values = {key: str(written.get(key, "")) for key in keys} if written is not None else {
            "title": source.title, "publisher": source.publisher or "",
            "date": str(source.date or ""), "url": source.url or "",
            "perspective": source.perspective or "", "kind": source.kind or ""}
        return {key: " ".join(sanitize_line(value).split()) for key, value in values.items()}

    def compose(self) -> ComposeResult:
        values = self._initial()
        with VerticalScroll(id="source-box", classes="form-box"):
            heading = "New source card" if self.source is None else (
                f"Source card {self.source.id}")
            yield Static(safe(heading), classes="form-title", markup=False)
            if self.source is not None and self.source.outlet is not None:
                yield Static(safe(f"Outlet: {self.source.publisher} ({self.source.outlet}) "
                                  "gives this card its publisher, kind and who is behind it; "
                                  "say here only what is particular to this item."),
                             markup=False)
            yield from self.labelled_inputs("source", _FIELDS, values)
            yield Static("Kind", classes="form-label", markup=False)
            yield Select([(kind, kind) for kind in SOURCE_KINDS],
                         value=values["kind"] or Select.NULL, prompt="not said",
                         id="source-kind")
            yield Static("", id="source-status", classes="form-status", markup=False)
        yield Static("Ctrl+S save the card · Esc leave · Tab next field", classes="form-help",
                     markup=False)

    def on_mount(self) -> None:
        self.query_one("#source-title", Input).focus()

    def _values(self) -> dict[str, str]:
        values = self.input_values("source", _FIELDS)
        kind = self.query_one("#source-kind", Select).value
        values["kind"] = kind if isinstance(kind, str) else ""
        return values

    def _problem(self, values: dict[str, str]) -> str | None:
        if not values["title"]:
            return "A source card needs a title."
        return date_problem(values["date"]) or url_problem(values["url"])

    def action_save(self) -> None:
        values = self._values()
        problem = self._problem(values)
        if problem is not None:
            self.say(problem, error=True)
            return
        source = self.source
        source_id = source.id if source is not None else self.author.new_source_id(
            values["title"])
        written: dict[str, str | None] = {key: value or None for key, value in values.items()}
        if source is None:
            written = {"id": source_id, **written}
        what = "a new source card" if source is None else f"source card {source_id}"
        if self.write(what, lambda doc: tables.put_source(
                doc, written, None if source is None else source.id)):
            self.dismiss(source_id)

    def action_close(self) -> None:
        self.leave(self._values() != self._initial(),
                   "This card is not saved: Ctrl+S to save it, Esc again to leave it.", None)
