"""The reader's shared state, in one place: the open pack, quiz mode, the student's work, and
where the student is in each pack.

The app owns one :class:`Session`. Screens read it and change it only through its methods;
they hear of every change by subscribing to :attr:`Session.changed` (a Textual signal), so no
screen reaches into another object, and the app never looks through its screens for the ones
to update.
"""

from __future__ import annotations

__all__ = ["Change", "Draft", "Session"]

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from textual.signal import Signal

from reader.lesson import Lesson
from reader.model import Pack
from reader.open import Placed
from reader.problems import Problem
from reader.state import Position, ReaderState, save_state
from reader.storage import pack_key
from reader.text.sanitize import sanitize_line
from reader.work import StudentWork

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

    from reader.authoring.author import Author

Change = Literal["pack", "quiz", "work"]  # the pack (or its claims), the quiz, the work
SAVE_AFTER = 1.5  # seconds the cursor rests before the reading position is written


class Draft(Protocol):
    """Something the student is writing and has not saved (a note in the editor)."""

    def save_before_quit(self) -> str | None:
        """Save it as the app quits; the text if it could not be saved."""
        ...


class Session:
    """What every screen of the reader shares. See the module's notes."""

    def __init__(
        self,
        app: App[Any],
        state: ReaderState,
        *,
        data_folder: Path | None = None,
        quiz: bool = False,
        may_author: bool = True,
    ) -> None:
        self.changed: Signal[Change] = Signal(app, "session-changed")
        self.may_author = may_author  # False in a reader served to a browser
        self.author: Author | None = None  # author mode: the pack being written
        self.state = state
        self.data_folder = data_folder
        self.quiz = quiz
        self.lesson = Lesson()  # a live lesson's decisions (none outside one)
        self.pack: Pack | None = None
        self.problems: list[Problem] = []
        self.placing_claims = False
        self.work = StudentWork.empty()
        self._drafts: set[Draft] = set()  # notes being written, saved if the app quits
        self._app = app
        self._position_key = ""
        self._save_timer: Timer | None = None

    # -- the document -------------------------------------------------------------------------

    def open(self, pack: Pack, problems: list[Problem], *, pending: bool = False) -> str | None:
        """Make ``pack`` the open document and read the student's work on it; a message for
        the student if their notes file had to be set aside. ``pending``: its claims are
        still being placed (see :meth:`claims_placed`)."""
        self.pack = pack
        self.problems = problems
        self.placing_claims = pending
        self.author = None
        self._position_key = pack_key(pack.path or pack.article.path, pack.meta.title)
        if pack.path is not None and pack.path.name == "pack.toml":
            self.state.opened(pack.path.parent)  # for the library's recent list
        self.work, message = StudentWork.open(pack, self.data_folder, on_change=self._work_changed)
        return message

    # -- author mode --------------------------------------------------------------------------

    def start_authoring(self, author: Author) -> None:
        """Author mode on, writing ``author``'s pack (the open one, or its copy)."""
        assert self.may_author
        self.author = author
        self._show_authored()

    def stop_authoring(self) -> None:
        self.author = None
        self.changed.publish("pack")

    def authored(self) -> None:
        """The pack being written changed (an edit, undo or redo): show it as checked now."""
        self._show_authored()

    def _show_authored(self) -> None:
        assert self.author is not None
        pack = self.author.pack
        if pack is not None:
            self.pack = pack
        self.problems = list(self.author.problems)
        self.placing_claims = False
        self.changed.publish("pack")

    def claims_placed(self, placed: Placed) -> None:
        """The open book's claims are placed in the text."""
        assert self.pack is not None
        self.pack = self.pack._replace(claims=placed.claims)
        self.problems = [*self.problems, *placed.problems]
        self.placing_claims = False
        self.changed.publish("pack")

    def placing_failed(self) -> None:
        """The open book's claims could not be placed: it is shown without them."""
        self.placing_claims = False
        self.changed.publish("pack")

    # -- the quiz and the student's work ------------------------------------------------------

    def set_quiz(self, on: bool) -> None:
        self.quiz = on
        self.changed.publish("quiz")

    def _work_changed(self, elsewhere: Path | None) -> None:
        if elsewhere is not None:
            self._app.notify(
                sanitize_line(f"Your notes file was changed by another program, so your notes "
                              f"were saved to {elsewhere} instead; nothing was overwritten."),
                markup=False,
                severity="warning",
                timeout=15,
            )
        self.changed.publish("work")

    def draft_opened(self, draft: Draft) -> None:
        """``draft`` is being written: it is saved, not dropped, if the app quits meanwhile."""
        self._drafts.add(draft)

    def draft_closed(self, draft: Draft) -> None:
        self._drafts.discard(draft)

    def save_drafts(self) -> list[str]:
        """Save what is being written, as the app quits; the texts that could not be saved."""
        unsaved = [draft.save_before_quit() for draft in list(self._drafts)]
        return [text for text in unsaved if text is not None]

    def set_theme(self, theme: str) -> None:
        """Remember the theme chosen (saved with the reading positions)."""
        self.state.theme = theme

    @property
    def hiding_verdicts(self) -> bool:
        """Whether some verdicts may be hidden: in a quiz, or in a paced live lesson."""
        return self.quiz or self.lesson.paced

    def hidden_verdicts(self, claim_ids: list[str]) -> set[str]:
        """Of ``claim_ids``, the claims whose verdicts are hidden: by the quiz (not yet
        guessed) or by the teacher in a live lesson (not yet revealed)."""
        hidden = self.held_verdicts(claim_ids)
        if self.quiz:
            guesses = self.work.guesses
            hidden |= {claim_id for claim_id in claim_ids if claim_id not in guesses}
        return hidden

    def held_verdicts(self, claim_ids: list[str]) -> set[str]:
        """Of ``claim_ids``, the claims whose verdicts the teacher has not revealed yet."""
        lesson = self.lesson
        return {c for c in claim_ids if not lesson.shows_verdict(c)} if lesson.paced else set()

    def set_lesson(self, lesson: Lesson) -> None:
        """The teacher's decisions changed (a live lesson under ``lateral serve``)."""
        self.lesson = lesson
        self.changed.publish("quiz")

    # -- where the student is -----------------------------------------------------------------

    def start_sentence(self) -> int:
        """Where the open pack was left last time (0 if never opened or the text is gone)."""
        position = self.state.positions.get(self._position_key)
        if self.pack is None or position is None:
            return 0
        found = position.resolve(self.pack.article)
        return found if found is not None else 0

    def remember_position(self, sentence: int) -> None:
        """Note where the reader is; it is written once the cursor has rested a moment."""
        if self.pack is None or not self.pack.article.sentences:
            return
        self.state.positions[self._position_key] = Position.of_sentence(self.pack.article, sentence)
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self._app.set_timer(SAVE_AFTER, self._save_in_background)

    def save_position_now(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        save_state(self.state)

    def _save_in_background(self) -> None:
        self._save_timer = None
        snapshot = ReaderState(dict(self.state.positions), self.state.theme, self.state.path)
        self._app.run_worker(lambda: save_state(snapshot), thread=True, group="save-state",
                             exclusive=True, exit_on_error=False)
