"""The card for one of the article's own notes, in author mode (``F``): which source the note
cites, and the reviewer's note on it (does the item exist as cited, does it support the
sentence?). Ctrl+S writes the card (checked and saved at once); Esc leaves."""

from __future__ import annotations

__all__ = ["FootnoteEditor"]

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static, TextArea

from reader.authoring import tables
from reader.text.sanitize import sanitize_for_display
from reader.ui.safe import safe, safe_line
from reader.ui.screens.picking_form import SourcePickingForm
from reader.ui.widgets.source_picker import SourcePicker

if TYPE_CHECKING:
    from reader.authoring.author import Author
    from reader.ui.session import Session


class FootnoteEditor(SourcePickingForm[bool]):
    """See the module's notes; the result says whether the card was written."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "save", priority=True, id="footnote.save"),
        Binding("escape", "close", "close", priority=True, id="footnote.close"),
    ]

    def __init__(self, session: Session, author: Author, label: str) -> None:
        super().__init__(session, author)
        self.label = label
        pack = author.pack
        card = pack.footnote_cards.get(label) if pack is not None else None
        self.source_id = card.source if card is not None else None
        self.note = sanitize_for_display(card.note or "") if card is not None else ""

    def compose(self) -> ComposeResult:
        pack = self.author.pack
        definition = pack.article.footnotes.get(self.label) if pack is not None else None
        text = definition.text if definition is not None else "(the notes list has no such note)"
        with VerticalScroll(id="footnote-box", classes="form-box"):
            yield Static(safe_line(f"Footnote [{self.label}]"), classes="form-title",
                         markup=False)
            yield Static(safe(" ".join(text.split())), id="footnote-text", markup=False)
            yield SourcePicker(self.cards, self.source_id, label="The source it cites",
                               id="footnote-source")
            yield Static("Your note: does the item exist as cited? Does it support the "
                         "sentence?", classes="form-label", markup=False)
            yield TextArea(self.note, id="footnote-note", soft_wrap=True, classes="form-text")
            yield Static("", id="footnote-status", classes="form-status", markup=False)
        yield Static("Ctrl+S save the card · Esc leave · Tab next field", classes="form-help",
                     markup=False)

    def on_mount(self) -> None:
        self.query_one("#footnote-note", TextArea).focus()

    @on(SourcePicker.Picked)
    def _picked(self, event: SourcePicker.Picked) -> None:
        self.source_picked(event, "#footnote-note")

    def _note(self) -> str:
        return " ".join(self.query_one("#footnote-note", TextArea).text.split())

    def action_save(self) -> None:
        values: dict[str, str | None] = {"source": self.source_id, "note": self._note() or None}
        label = self.label
        if self.write(f"the card for footnote [{label}]",
                      lambda doc: tables.put_footnote(doc, label, values)):
            self.dismiss(True)

    def action_close(self) -> None:
        pack = self.author.pack
        card = pack.footnote_cards.get(self.label) if pack is not None else None
        changed = self._note() != " ".join(self.note.split()) or self.source_id != (
            card.source if card is not None else None)
        self.leave(changed, "This card is not saved: Ctrl+S to save it, Esc again to leave it.",
                   False)
