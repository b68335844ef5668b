"""The note editor (``a``): write, edit or delete the student's note on a sentence."""

from __future__ import annotations

__all__ = ["NoteEditor"]

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from reader.notes import NotesError, StudentNote
from reader.text.sanitize import sanitize_for_display
from reader.ui.safe import safe_line
from reader.ui.session import Session
from reader.work import write_note


class NoteEditor(ModalScreen[None]):
    """Ctrl+S saves (the editor stays open, with the reason, if saving fails); Escape closes
    (twice if there are unsaved changes); Ctrl+D deletes (twice to confirm)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "save", priority=True, id="note.save"),
        Binding("escape", "close", "close", priority=True, id="note.close"),
        Binding("ctrl+d", "delete", "delete", priority=True, id="note.delete"),
    ]

    def __init__(self, session: Session, sentence: int, note: StudentNote | None) -> None:
        super().__init__()
        assert session.pack is not None
        self.session = session
        self.article = session.pack.article
        self.sentence = sentence
        span = self.article.sentences[sentence]
        self.quote = self.article.text[span.start : span.end]
        self.note = note
        self._armed: str | None = None  # "close" or "delete" after a first press
        self._original = sanitize_for_display(note.text) if note is not None else ""

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            title = "Edit your note" if self.note is not None else "Your note on this sentence"
            yield Static(title, id="note-title", markup=False)
            shown = " ".join(self.quote.split())
            if len(shown) > 200:
                shown = shown[:199] + "…"
            yield Static(safe_line(f"“{shown}”"), id="note-quote", markup=False)
            yield TextArea(self._original, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="note-status", markup=False)
            delete = " · Ctrl+D delete" if self.note is not None else ""
            yield Static(safe_line(f"Ctrl+S save · Esc close{delete}"), id="note-help",
                         markup=False)

    def on_mount(self) -> None:
        self.session.draft_opened(self)
        self.query_one(TextArea).focus()
        # The text area puts the terminal's cursor where it types only once it is laid out:
        # screen readers that follow the cursor then read the note being written.
        self.call_after_refresh(self._place_terminal_cursor)

    def _place_terminal_cursor(self) -> None:
        self.app.cursor_position = self.query_one(TextArea).cursor_screen_offset

    def on_unmount(self) -> None:
        self.session.draft_closed(self)

    def _save(self, text: str) -> str | None:
        """Save ``text`` as the note; the reason if it could not be saved."""
        note = write_note(self.article, self.sentence, text, self.note)
        try:
            self.session.work.put_note(note)
        except NotesError as exc:
            return exc.message  # the editor keeps the text; nothing is half-saved
        return None

    def _delete(self, note: StudentNote) -> str | None:
        try:
            self.session.work.delete_note(note.id)
        except NotesError as exc:
            return exc.message
        return None

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def _say(self, message: str, error: bool = False) -> None:
        status = self.query_one("#note-status", Static)
        status.update(safe_line(message))
        status.set_class(error, "-error")

    def action_save(self) -> None:
        text = self.text.strip("\n")
        if not text.strip():
            self._say("The note is empty; write something or press Esc.", error=True)
            return
        error = self._save(text)
        if error is not None:
            self._say(f"Not saved: {error}", error=True)
            return
        self.app.notify("Note saved.", markup=False, timeout=2)
        self.dismiss(None)

    @property
    def unsaved(self) -> str | None:
        """The text written and not saved, if any."""
        text = self.text.strip("\n")
        return text if text.strip() and text != self._original.strip("\n") else None

    def save_before_quit(self) -> str | None:
        """Save unsaved text as the app quits; the text if it could not be saved."""
        text = self.unsaved
        if text is None:
            return None
        return text if self._save(text) is not None else None

    def action_close(self) -> None:
        if self.text != self._original and self._armed != "close":
            self._armed = "close"
            self._say("You have unsaved changes: Ctrl+S to save, or Esc again to discard them.")
            return
        self.dismiss(None)

    def action_delete(self) -> None:
        if self.note is None:
            return
        if self._armed != "delete":
            self._armed = "delete"
            self._say("Press Ctrl+D again to delete this note.")
            return
        error = self._delete(self.note)
        if error is not None:
            self._say(f"Not deleted: {error}", error=True)
            return
        self.app.notify("Note deleted.", markup=False, timeout=2)
        self.dismiss(None)
