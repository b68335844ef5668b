"""The student's notes (``m``): every note, with the ones whose sentence has gone."""

from __future__ import annotations

__all__ = ["MyNotesScreen"]

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.model import Pack
from reader.notes import NotesError, StudentNote
from reader.text.sanitize import sanitize_line
from reader.ui.safe import safe, safe_line
from reader.work import NotesPlacement, StudentWork


def _short(text: str, limit: int = 80) -> str:
    flat = " ".join(sanitize_line(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class MyNotesScreen(ModalScreen[int | None]):
    """Enter goes to a note's sentence; ``d`` twice deletes a note whose sentence is gone."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,m,q", "dismiss_none", "close", id="notes.close"),
        Binding("d", "delete", "delete", id="notes.delete"),
    ]

    def __init__(self, pack: Pack, placement: NotesPlacement, work: StudentWork) -> None:
        super().__init__()
        self.pack = pack
        self.by_sentence = placement.by_sentence
        self.unanchored = list(placement.unanchored)
        self.work = work
        self._armed: str | None = None
        self._targets: dict[str, tuple[int | None, StudentNote]] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="notes-box"):
            count = sum(len(v) for v in self.by_sentence.values()) + len(self.unanchored)
            yield Static(safe_line(f"Your notes ({count})"), id="notes-title", markup=False)
            yield OptionList(id="notes-list")
            yield Static("", id="notes-status", markup=False)
            yield Static("Enter: go to the sentence · d d: delete a note whose sentence is "
                         "gone · Esc: close", id="notes-help", markup=False)

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self) -> None:
        options: list[Option] = []
        self._targets.clear()
        for sentence in sorted(self.by_sentence):
            for note in self.by_sentence[sentence]:
                self._targets[note.id] = (sentence, note)
                options.append(Option(Content.assemble(
                    safe(_short(note.text, 60)),
                    safe(f"   on “{_short(note.quote, 50)}”", "dim"),
                ), id=note.id))
        for note in self.unanchored:
            self._targets[note.id] = (None, note)
            options.append(Option(Content.assemble(
                safe("(sentence no longer in the article) ", "italic"),
                safe(_short(note.text, 50)),
                safe(f"   was on “{_short(note.quote, 40)}”", "dim"),
            ), id=note.id))
        notes = self.query_one(OptionList)
        notes.clear_options()
        if options:
            notes.add_options(options)
        else:
            notes.add_option(Option(safe("You have no notes yet: press a on a sentence."),
                                    disabled=True))

    def _selected(self) -> tuple[int | None, StudentNote] | None:
        notes = self.query_one(OptionList)
        if notes.highlighted is None:
            return None
        option = notes.get_option_at_index(notes.highlighted)
        return self._targets.get(option.id or "")

    @on(OptionList.OptionSelected)
    def _chosen(self) -> None:
        target = self._selected()
        if target is None:
            return
        sentence, note = target
        if sentence is None:
            self.query_one("#notes-status", Static).update(safe(
                "This note's sentence is no longer in the article, so it cannot be shown "
                f"there. Your note: {_short(note.text, 200)}"))
            return
        self.dismiss(sentence)

    def action_delete(self) -> None:
        target = self._selected()
        status = self.query_one("#notes-status", Static)
        if target is None:
            return
        sentence, note = target
        if sentence is not None:
            status.update(safe("Go to the sentence and press a to edit or delete this note."))
            return
        if self._armed != note.id:
            self._armed = note.id
            status.update(safe("Press d again to delete this note for good."))
            return
        try:
            self.work.delete_note(note.id)
        except NotesError as exc:
            status.update(safe(f"Not deleted: {exc.message}"))
            return
        self.unanchored = [n for n in self.unanchored if n.id != note.id]
        self._armed = None
        status.update(safe("Note deleted."))
        self._fill()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
