"""The quiz summary (``s``): claims judged, agreement, confidence; and handing in the work."""

from __future__ import annotations

__all__ = ["HandInScreen", "SummaryScreen"]

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from reader.environment import getenv
from reader.model import Pack
from reader.notes import CONFIDENCE, NotesError
from reader.quiz import summarise
from reader.serving.mode import served_session
from reader.text.sanitize import sanitize_line
from reader.ui.safe import safe
from reader.work import StudentWork, default_hand_in_folder


def summary_content(pack: Pack, work: StudentWork) -> Content:
    result = summarise(pack, work.guesses)
    parts: list[Content] = [safe("Your guesses\n\n", "bold")]
    parts.append(safe(f"Claims judged: {result.judged} of {result.claims}\n"))
    if result.judged:
        share = round(100 * result.agreed / result.judged)
        parts.append(safe(f"Agreed with the reviewer: {result.agreed} ({share}%)\n\n"))
        parts.append(safe("By confidence\n", "bold"))
        for level in CONFIDENCE:
            total, agreed = result.by_confidence[level]
            line = f"  {level:<7} {agreed} of {total} agreed" if total else f"  {level:<7} —"
            parts.append(safe(line + "\n"))
        parts.append(safe("\n" + result.calibration() + "\n"))
        if result.missed:
            parts.append(safe("\nWhere you differed from the reviewer\n", "bold"))
            for number, quote, guess, reviewer in result.missed:
                flat = " ".join(sanitize_line(quote).split())
                parts.append(safe(
                    f"  C{number}: you said {guess}, the reviewer {reviewer}: “{flat[:70]}”\n"))
    else:
        parts.append(safe("\nTurn the quiz on (Q), then press v on a claim to guess.\n"))
    parts.append(safe("\nh: hand in your work as a file · Esc: close"))
    return Content.assemble(*parts)


class SummaryScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,s,q", "dismiss_none", "close", id="summary.close"),
        Binding("h", "hand_in", "hand in", id="summary.hand-in"),
    ]

    def __init__(self, pack: Pack, work: StudentWork) -> None:
        super().__init__()
        self.pack = pack
        self.work = work

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary-box"):
            yield Static(summary_content(self.pack, self.work), markup=False,
                         id="summary-text")

    def action_hand_in(self) -> None:
        self.app.push_screen(HandInScreen(self.work))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class HandInScreen(ModalScreen[Path | None]):
    """Write the student's notes and guesses, with their name, to one file to hand in."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", id="handin.cancel"),
    ]

    def __init__(self, work: StudentWork) -> None:
        super().__init__()
        self.work = work
        # Served to a browser: the class's folder only, named by the session's code; the
        # student gives a name, never a folder, and sees no path of the teacher's computer.
        self.session = served_session()

    def compose(self) -> ComposeResult:
        name = self.work.student or ((getenv("LATERAL_STUDENT") or "") if self.session
                                     else "")
        with Vertical(id="handin-box"):
            yield Static("Hand in your work", id="handin-title", markup=False)
            yield Static("Your notes and guesses go into one file for your teacher.",
                         markup=False)
            yield Label("Your name", classes="field-label")
            yield Input(value=sanitize_line(name), placeholder="Your name", id="handin-name")
            if self.session is None:
                yield Label("Save it in this folder", classes="field-label")
                yield Input(value=sanitize_line(str(default_hand_in_folder())),
                            placeholder="Folder to save it in",
                            id="handin-folder")
            else:
                yield Static("It goes straight to your teacher. Handing in again replaces "
                             "what you handed in before.", markup=False)
            yield Static("", id="handin-status", markup=False)
            yield Static("Enter: hand it in · Esc: cancel" if self.session
                         else "Enter: save the file · Esc: cancel", markup=False)

    def on_mount(self) -> None:
        self.query_one("#handin-name", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "handin-name" and self.session is None:
            self.query_one("#handin-folder", Input).focus()
            return
        self.save()

    def save(self) -> None:
        status = self.query_one("#handin-status", Static)
        name = " ".join(self.query_one("#handin-name", Input).value.split())
        if not name:
            status.update(safe("Write your name first."))
            self.query_one("#handin-name", Input).focus()
            return
        if self.session is not None:
            self._hand_in_served(name, self.session)
            return
        folder = Path(self.query_one("#handin-folder", Input).value.strip()).expanduser()
        try:
            target = self.work.hand_in(folder, name)
        except NotesError as exc:
            status.update(safe(f"Not saved: {exc.message}"))
            if not folder.is_dir():
                self.query_one("#handin-folder", Input).focus()
            return
        status.update(safe(f"Saved: {target}"))
        self.app.notify(sanitize_line(f"Your work was saved to {target}"), markup=False, timeout=10)
        self.dismiss(target)

    def _hand_in_served(self, name: str, session: str) -> None:
        status = self.query_one("#handin-status", Static)
        try:
            target = self.work.hand_in(default_hand_in_folder(), name, session)
        except NotesError:
            status.update(safe("Not handed in: the class's folder could not be written. "
                               "Tell your teacher; your notes are kept here."))
            return
        self.app.notify(sanitize_line(f"Handed in as {name}. Your teacher has it."),
                        markup=False, timeout=10)
        self.dismiss(target)

    def action_cancel(self) -> None:
        self.dismiss(None)
