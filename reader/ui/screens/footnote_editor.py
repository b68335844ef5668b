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
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from reader.authoring import tables
from reader.authoring.author import Author, NotSaved
from reader.authoring.document import Refused
from reader.model import Source
from reader.text.sanitize import sanitize_for_display, sanitize_line
from reader.ui.safe import safe, safe_line
from reader.ui.widgets.source_picker import SourcePicker

if TYPE_CHECKING:
    from reader.ui.session import Session


class FootnoteEditor(ModalScreen[bool]):
    """See the module's notes; the result says whether the card was written."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "save", priority=True, id="footnote.save"),
        Binding("escape", "close", "close", priority=True, id="footnote.close"),
    ]

    def __init__(self, session: Session, author: Author, label: str) -> None:
        super().__init__()
        self.session = session
        self.author = author
        self.label = label
        pack = author.pack
        card = pack.footnote_cards.get(label) if pack is not None else None
        self.source_id = card.source if card is not None else None
        self.note = sanitize_for_display(card.note or "") if card is not None else ""
        self._armed = False

    @property
    def cards(self) -> list[Source]:
        pack = self.author.pack
        return list(pack.sources.values()) if pack is not None else []

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
        if event.source_id is not None:
            self.source_id = event.source_id
            self.query_one("#footnote-note", TextArea).focus()
            return
        from reader.ui.screens.source_editor import SourceEditor

        self.app.push_screen(SourceEditor(self.session, self.author, None, event.new_title or ""),
                             self._source_made)

    def _source_made(self, source_id: str | None) -> None:
        if source_id is not None:
            self.source_id = source_id
            self.query_one(SourcePicker).use_cards(self.cards, source_id)

    def _say(self, message: str, error: bool = False) -> None:
        status = self.query_one("#footnote-status", Static)
        status.update(safe(message))
        status.set_class(error, "-error")

    def _note(self) -> str:
        return " ".join(self.query_one("#footnote-note", TextArea).text.split())

    def action_save(self) -> None:
        values: dict[str, str | None] = {"source": self.source_id, "note": self._note() or None}
        label = self.label
        try:
            self.author.change(f"the card for footnote [{label}]",
                               lambda doc: tables.put_footnote(doc, label, values))
        except Refused as exc:
            self._say(f"Not saved: {exc.reason}", error=True)
            return
        except NotSaved as exc:
            self.app.notify(sanitize_line(f"Changed, but not saved: {exc.reason}"),
                            markup=False, severity="error", timeout=15)
        self.session.authored()
        self.dismiss(True)

    def action_close(self) -> None:
        pack = self.author.pack
        card = pack.footnote_cards.get(self.label) if pack is not None else None
        changed = self._note() != " ".join(self.note.split()) or self.source_id != (
            card.source if card is not None else None)
        if changed and not self._armed:
            self._armed = True
            self._say("This card is not saved: Ctrl+S to save it, Esc again to leave it.",
                      error=True)
            return
        self.dismiss(False)
