"""The main screen: the coordinator (:mod:`reader.ui.screens.reader_core`), and the keys that
open the other screens over it: the outline, the student's notes and guesses, the quiz
summary, the library, help."""

from __future__ import annotations

__all__ = ["ReaderScreen"]

from collections.abc import Callable, Iterator
from typing import ClassVar

from textual.command import Provider

from reader.notes import Guess, NotesError
from reader.ui.commands import Command, ReaderCommands, pack_commands
from reader.ui.screens.reader_author import AUTHOR_ACTIONS, CHOOSING_ACTIONS, AuthorKeys
from reader.ui.screens.reader_core import ReaderCoordinator

# While a quote is being chosen, only these keys of the reader work (besides choosing).
_WHILE_CHOOSING = frozenset({"help", "quit", "toggle_panel", "panel_down", "panel_up",
                             "clear_search", "command_palette"})


LOCKED = "Your teacher has closed guessing on this claim."


class ReaderScreen(AuthorKeys, ReaderCoordinator):
    """The reader's main screen."""

    def on_mount(self) -> None:
        # Textual runs the coordinator's own on_mount as well (handlers run for each class).
        self.call_after_refresh(self.refresh_author_bar)

    def session_changed_also(self) -> None:
        self.refresh_author_bar()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        choosing = self._choosing is not None
        if action in CHOOSING_ACTIONS:
            return choosing
        if choosing and action not in _WHILE_CHOOSING:
            return False
        if action in AUTHOR_ACTIONS:
            return self.session.author is not None
        if action == "author":
            return self.session.may_author
        if action == "problems" and self.session.author is not None:
            return bool(self.session.problems)  # warnings too: the live list of what is left
        return super().check_action(action, parameters)

    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {ReaderCommands}

    def palette_commands(self) -> Iterator[Command]:
        """Go to a claim or a footnote, and the view commands (see :mod:`reader.ui.commands`)."""
        yield from pack_commands(self.pack, self.navigator, self.go_to_sentence, self._hidden())
        yield ("View: toggle the panel", self.action_toggle_panel, "Show or hide the panel")
        yield ("View: outline of claims", self.action_outline, "List claims by verdict")
        yield ("View: search the article", self.action_search, "Search (/)")
        yield ("View: help and keys", self.action_help, "Every key (?)")
        if self.session.problems:
            yield ("View: the pack's problems", self.action_problems,
                   "What was found wrong when the pack was opened")

    # -- the view -----------------------------------------------------------------------------

    def action_toggle_panel(self) -> None:
        hidden = not self.has_class("-panel-hidden")
        self.set_class(hidden, "-panel-hidden")
        if hidden and self.panel.has_focus:
            self.article_view.focus()
        self.call_after_refresh(self.article_view.scroll_to_cursor)

    def action_panel_down(self) -> None:
        self.panel.action_scroll_by(3)

    def action_panel_up(self) -> None:
        self.panel.action_scroll_by(-3)

    def action_switch_focus(self) -> None:
        if self.article_view.has_focus and not self.has_class("-panel-hidden"):
            self.panel.focus()
        else:
            self.article_view.focus()

    def action_outline(self) -> None:
        if self._claims_not_ready():
            return
        from reader.ui.screens.outline import OutlineScreen

        hidden = self._hidden() if self.session.hiding_verdicts else None
        author = self.session.author
        stubs = None
        if author is not None:
            reviewed, total = author.review_count()
            stubs = f"{reviewed} of {total} reviewed"
        self.app.push_screen(
            OutlineScreen(self.pack, self.navigator, self.cursor, hidden, stubs),
            self._go_to_chosen,
        )

    def _hidden(self) -> set[str]:
        """The claims whose verdicts are hidden (see :meth:`Session.hidden_verdicts`)."""
        return self.session.hidden_verdicts([c.id for c in self.navigator.placed_claims])

    def _go_to_chosen(self, sentence: int | None) -> None:
        from reader.ui.screens.outline import REVIEW_STUBS

        if sentence == REVIEW_STUBS:
            self.action_review_stubs()
        elif sentence is not None:
            self.go_to_sentence(sentence)

    def action_help(self) -> None:
        from reader.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_problems(self) -> None:
        from reader.ui.screens.problems import ProblemsScreen

        problems = self.session.problems
        author = self.session.author
        if author is None:
            self.app.push_screen(ProblemsScreen(problems))
            return
        # In author mode: the pack as it is now, each problem a way to its place.
        places: list[int | None] = []
        for table in author.tables_of(problems):
            sentence = None
            if table is not None and table[0] == "claim":
                claim = next((c for c in self.pack.claims if c.id == table[1]), None)
                sentence = claim.sentences[0] if claim is not None and claim.sentences else None
            elif table is not None:
                sentence = self.navigator.sentence_of_footnote(table[1])
            places.append(sentence)
        self.app.push_screen(ProblemsScreen(problems, places), self._go_to_chosen)

    def action_library(self) -> None:
        from reader.serving.mode import in_served_reader
        from reader.ui.screens.library import LibraryScreen

        if in_served_reader():
            self._say("This reader is for your class's article only: the library is on the "
                      "teacher's computer.", timeout=5)
            return
        session = self.session
        self.app.push_screen(LibraryScreen(session.state, session.data_folder, over_reader=True))

    def action_quit(self) -> None:
        self.app.exit()

    # -- search -------------------------------------------------------------------------------

    def action_search(self) -> None:
        from reader.ui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(self.search.query), self._search_done)

    def _search_done(self, query: str | None) -> None:
        if query is None:
            return
        start = self.pack.article.sentences[self.cursor].start
        if self.search.find(self.pack.article.text, query, start - 1):
            self._show_match()
            return
        self.article_view.set_matches([], None)
        self._update_status()
        self._say(f"No match for “{query}”.", timeout=3)

    def _show_match(self) -> None:
        start = self.search.current_start
        if start is not None:
            self.article_view.set_matches(self.search.matches, self.search.current)
            self._go(self.navigator.sentence_of_offset(start), center=True)
            self._update_status()

    def action_clear_search(self) -> None:
        if self.cancel_choosing():
            return
        if self.search.matches or self.search.query:
            self.search.clear()
            self.article_view.set_matches([], None)
            self._update_status()

    def action_next_match(self) -> None:
        here = self.pack.article.sentences[self.cursor].start
        if self.search.step(forward=True, here=here):  # the key is disabled without matches
            self._show_match()

    def action_previous_match(self) -> None:
        here = self.pack.article.sentences[self.cursor].start
        if self.search.step(forward=False, here=here):
            self._show_match()

    # -- the student's work -------------------------------------------------------------------

    def action_note(self) -> None:
        from reader.ui.screens.note_editor import NoteEditor

        if self.pack.article.sentences:
            existing = self.notes.by_sentence.get(self.cursor, [])
            note = existing[0] if existing else None
            self.app.push_screen(NoteEditor(self.session, self.cursor, note))

    def action_my_notes(self) -> None:
        from reader.ui.screens.my_notes import MyNotesScreen

        self.app.push_screen(MyNotesScreen(self.pack, self.notes, self.session.work),
                             self._go_to_chosen)

    def action_guess(self) -> None:
        from reader.ui.screens.guess import GuessScreen

        claims = self.navigator.claims_on(self.cursor)
        if not claims:
            self._say("There is no claim on this sentence to judge.")
            return
        guesses = self.session.work.guesses
        claim = next((c for c in claims if c.id not in guesses), claims[0])
        if self.session.lesson.is_locked(claim.id):
            self._say(LOCKED, timeout=5)
            return
        self.app.push_screen(
            GuessScreen(self.pack, claim, guesses.get(claim.id), self.navigator.number(claim)),
            self._guess_done,
        )

    def _guess_done(self, guess: Guess | None) -> None:
        if guess is None:
            return
        if self.session.lesson.is_locked(guess.claim):  # closed while the student chose
            self._say(LOCKED, timeout=8, error=True)
            return
        try:
            self.session.work.put_guess(guess)
        except NotesError as exc:
            self._say(f"Your guess was not saved: {exc.message}", timeout=15, error=True)
            return
        # The reveal is what the student waited for: on a small screen it may be below the fold.
        self.call_after_refresh(self.panel.scroll_to_title, "Your guess")

    def follow_teacher(self, claim_id: str) -> None:
        """Go to the claim the teacher is showing the class."""
        claim = self.navigator.placed(claim_id)
        if claim is None:
            return
        while len(self.app.screen_stack) > 1 and self.app.screen is not self:
            self.app.pop_screen()  # a dialog left open would hide where the class is
        self.go_to_sentence(claim.sentences[0])
        self._say(f"Your teacher is showing claim C{self.navigator.number(claim)}.", timeout=4)

    def action_toggle_quiz(self) -> None:
        from reader.serving.mode import quiz_locked

        if quiz_locked():
            self._say("Your teacher has set this reading as a quiz: a verdict shows once you "
                      "guess it (press v on a claim).", timeout=5)
            return
        on = not self.session.quiz
        self.session.set_quiz(on)
        self._say("Quiz on: verdicts stay hidden until you guess (press v on a claim)." if on
                  else "Quiz off: every verdict is shown.", timeout=3)

    def action_summary(self) -> None:
        from reader.ui.screens.summary import SummaryScreen

        self.app.push_screen(SummaryScreen(self.pack, self.session.work))
