"""The main screen: the article, the fact-check panel, and the keys that move between them.

The screen is the coordinator: it owns which sentence is current, feeds the panel and the
status line, and remembers the reading position. The article view and the panel never talk to
each other.
"""

from __future__ import annotations

__all__ = ["ReaderScreen"]

from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from reader.model import Pack
from reader.navigation import Navigator
from reader.notes import Guess, StudentNote, anchor_notes, context_around, new_note_id
from reader.notes import now as notes_now
from reader.panel import panel_sections
from reader.text.sanitize import sanitize_line
from reader.ui.keys import reader_bindings
from reader.ui.safe import safe_line
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.side_panel import SidePanel

if TYPE_CHECKING:
    from reader.ui.app import LateralApp

NARROW_WIDTH = 100


class ReaderScreen(Screen[None]):
    """Article on the left (or top), panel on the right (or below)."""

    BINDINGS: ClassVar[list[BindingType]] = list(reader_bindings())

    def __init__(self, pack: Pack, *, start_sentence: int = 0) -> None:
        super().__init__()
        self.pack = pack
        self.navigator = Navigator(pack)
        self.article_view = ArticleView(pack, self.navigator, cursor=start_sentence, id="article")
        self.panel = SidePanel(id="panel")
        self.footnote_focus: int | None = None
        self.matches: list[tuple[int, int]] = []
        self.current_match: int | None = None
        self.search_query = ""
        self._panel_sentence = -1
        self._followed_sentence = -1
        self.notes_by_sentence: dict[int, list[StudentNote]] = {}
        self.unanchored_notes: list[StudentNote] = []

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="status"):
            yield Static(self._title_content(), id="status-title", markup=False)
            yield Static("", id="status-position", markup=False)
        yield self.article_view
        yield self.panel
        yield Footer()

    def _title_content(self) -> Content:
        meta = self.pack.meta
        parts = [meta.title]
        details = [
            p for p in (meta.publisher, meta.published.isoformat() if meta.published else None) if p
        ]
        if details:
            parts.append(" · ".join(details))
        return safe_line("  —  ".join(parts))

    def on_mount(self) -> None:
        self.index_notes()
        self.refresh_marks(update_panel=False)
        self.set_class(self.app_.quiz, "-quiz")
        self._apply_width(self.app.size.width)
        self.article_view.focus()
        self._update_status()
        self._update_panel(force=True)

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        narrow = width < NARROW_WIDTH
        self.set_class(narrow, "-narrow")
        self.panel.set_class(narrow, "-below")

    def use_pack(self, pack: Pack) -> None:
        """Switch to ``pack`` (the same article, its claims now placed), keeping the cursor."""
        self.pack = pack
        self.navigator = Navigator(pack)
        self.article_view.use_pack(pack, self.navigator)
        self.refresh_marks(update_panel=False)
        self._update_status()
        self._update_panel(force=True, keep_scroll=True)

    # -- the student's notes and the quiz --------------------------------------------------------

    def index_notes(self) -> None:
        """Find where each of the student's notes stands in the article now."""
        notes = self.app_.notes.notes
        self.notes_by_sentence = {}
        self.unanchored_notes = []
        if not notes:
            return
        anchors = anchor_notes(self.pack.article, notes)
        for note in notes:
            anchor = anchors[note.id]
            sentence = self.pack.article.sentence_at(anchor.start) if anchor.found else None
            if sentence is None:
                self.unanchored_notes.append(note)
            else:
                self.notes_by_sentence.setdefault(sentence, []).append(note)

    def refresh_marks(self, update_panel: bool = True) -> None:
        """Redraw the margin's marks: notes, and in a quiz the verdicts not yet guessed."""
        app = self.app_
        hidden = (
            {c.id for c in self.navigator.placed_claims if c.id not in app.notes.guesses}
            if app.quiz
            else set()
        )
        self.set_class(app.quiz, "-quiz")
        self.article_view.set_marks(set(self.notes_by_sentence), hidden)
        if update_panel:
            self._update_status()
            self._update_panel(force=True, keep_scroll=True)

    # -- the coordinator ------------------------------------------------------------------------

    @property
    def cursor(self) -> int:
        return self.article_view.cursor

    @on(ArticleView.SentenceChanged)
    def _sentence_changed(self, event: ArticleView.SentenceChanged) -> None:
        # Moves made by the keys were already followed up in `_go`; this catches the others
        # (a mouse click on a sentence).
        self._after_move()

    def _after_move(self) -> None:
        """Follow the cursor: status line, panel and remembered position, each once per move."""
        sentence = self.cursor
        if sentence == self._followed_sentence:
            return
        self._followed_sentence = sentence
        self.footnote_focus = None
        self._update_status()
        self._update_panel()
        self.app_.remember_position(self.pack, sentence)

    @property
    def app_(self) -> LateralApp:
        from reader.ui.app import LateralApp

        assert isinstance(self.app, LateralApp)
        return self.app

    def _update_panel(self, force: bool = False, keep_scroll: bool = False) -> None:
        """Point the panel at the current sentence.

        The panel is built at once (a fraction of a millisecond) and compared with what it
        shows: moving within a claim, or between sentences with none, repaints nothing, and
        otherwise only the rows that change are redrawn, in the same frame as the highlight.
        """
        if not self.pack.article.sentences:
            return
        sentence = self.cursor
        if sentence == self._panel_sentence and not force:
            return
        self._panel_sentence = sentence
        app = self.app_
        sections = panel_sections(
            self.pack,
            sentence,
            self.navigator.claims_on(sentence),
            self.footnote_focus,
            my_notes=list(self.notes_by_sentence.get(sentence, [])),
            quiz=app.quiz,
            guesses=dict(app.notes.guesses),
        )
        self.panel.show(sections, scroll_home=not keep_scroll)

    @property
    def panel_sentence(self) -> int:
        """The sentence the panel currently shows (for tests)."""
        return self._panel_sentence

    def flush_panel(self) -> None:
        """Bring the panel up to date at once (used when a test or a command needs it now)."""
        self._after_move()

    def _update_status(self) -> None:
        navigator = self.navigator
        sentence = self.cursor
        total = navigator.claim_count
        parts = []
        if total:
            number = navigator.claim_number(sentence)
            on_claim = bool(navigator.claims_at.get(sentence))
            if number == 0:
                parts.append(f"before claim 1 of {total}")
            else:
                parts.append(f"claim {number} of {total}" + ("" if on_claim else " (passed)"))
        elif self.app_.placing_claims:
            parts.append("placing claims…")
        else:
            parts.append("no claims")
        parts.append(f"{navigator.progress(sentence)}%")
        if self.app_.quiz and total:
            guessed = sum(1 for c in navigator.placed_claims if c.id in self.app_.notes.guesses)
            parts.append(f"quiz {guessed}/{total}")
        if self.matches and self.current_match is not None:
            parts.append(f"match {self.current_match + 1} of {len(self.matches)}")
        # The status has a fixed width, so updating it never re-lays out the screen.
        self.query_one("#status-position", Static).update(
            safe_line(" · ".join(parts)), layout=False
        )

    # -- actions: moving ----------------------------------------------------------------------

    def _go(self, sentence: int | None, center: bool = False) -> None:
        if sentence is not None:
            self.article_view.move_to(sentence, center=center)
            self._after_move()

    def action_next_sentence(self) -> None:
        self._go(self.cursor + 1)

    def action_previous_sentence(self) -> None:
        self._go(self.cursor - 1)

    def _claims_not_ready(self) -> bool:
        if self.app_.placing_claims:
            self.app.notify(
                "The claims are still being placed in the text; a moment…", markup=False, timeout=2
            )
            return True
        return False

    def action_next_claim(self) -> None:
        if self._claims_not_ready():
            return
        target = self.navigator.next_claim(self.cursor)
        if target is None:
            self.app.notify("No more claims after this one.", markup=False, timeout=2)
        self._go(target)

    def action_previous_claim(self) -> None:
        if self._claims_not_ready():
            return
        target = self.navigator.previous_claim(self.cursor)
        if target is None:
            self.app.notify("No claims before this one.", markup=False, timeout=2)
        self._go(target)

    def action_next_paragraph(self) -> None:
        self._go(self.navigator.next_paragraph(self.cursor))

    def action_previous_paragraph(self) -> None:
        self._go(self.navigator.previous_paragraph(self.cursor))

    def action_first(self) -> None:
        self._go(0)

    def action_last(self) -> None:
        self._go(self.navigator.sentence_count - 1)

    def _page(self, direction: int) -> None:
        view = self.article_view
        layout = view.layout_
        if layout is None:
            return
        height = max(1, view.scrollable_content_region.height - 2)
        first, _ = view.cursor_lines
        line = max(0, min(layout.line_count - 1, first + direction * height))
        offset = None
        step = 1 if direction > 0 else -1
        while 0 <= line < layout.line_count and offset is None:
            offset = layout.offset_at(line, 0)
            line += step
        if offset is not None:
            sentence = self.pack.article.sentence_at(offset)
            if sentence is not None and sentence != self.cursor:
                self._go(sentence)
                return
        self._go(self.cursor + direction)

    def action_page_down(self) -> None:
        if self.panel.has_focus:
            self.panel.scroll_page(1)
        else:
            self._page(1)

    def action_page_up(self) -> None:
        if self.panel.has_focus:
            self.panel.scroll_page(-1)
        else:
            self._page(-1)

    def go_to_sentence(self, sentence: int) -> None:
        self._go(sentence, center=True)

    # -- actions: footnotes, search, outline ---------------------------------------------------

    def action_cycle_footnote(self) -> None:
        labels = self._footnote_labels()
        if not labels:
            self.app.notify("This sentence has no footnote.", markup=False, timeout=2)
            return
        self.footnote_focus = 0 if self.footnote_focus is None else self.footnote_focus + 1
        self._update_panel(force=True)
        self.app.notify(
            sanitize_line(f"Footnote [{labels[self.footnote_focus % len(labels)]}] "
                          f"({self.footnote_focus % len(labels) + 1} of {len(labels)})"),
            markup=False,
            timeout=1.5,
        )

    def _footnote_labels(self) -> tuple[str, ...]:
        if not self.pack.article.sentences:
            return ()
        sentence = self.pack.article.sentences[self.cursor]
        block = self.pack.article.blocks[sentence.block]
        if block.kind == "note" and block.note_label:
            return (block.note_label,)
        return sentence.footnotes

    def action_search(self) -> None:
        from reader.ui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(self.search_query), self._search_done)

    def _search_done(self, query: str | None) -> None:
        if query is None:
            return
        self.search_query = query
        self.matches = self.navigator.search(query)
        if not self.matches:
            self.current_match = None
            self.article_view.set_matches([], None)
            self._update_status()
            self.app.notify(sanitize_line(f"No match for “{query}”."), markup=False, timeout=3)
            return
        sentence = self.pack.article.sentences[self.cursor]
        self.current_match = self.navigator.next_match(self.matches, sentence.start - 1)
        self._show_match()

    def _show_match(self) -> None:
        if self.current_match is None:
            return
        start, _ = self.matches[self.current_match]
        self.article_view.set_matches(self.matches, self.current_match)
        self._go(self.navigator.sentence_of_offset(start), center=True)
        self._update_status()

    def action_next_match(self) -> None:
        if not self.matches:  # the key is disabled then; see check_action
            return
        start = self.matches[self.current_match or 0][0]
        self.current_match = self.navigator.next_match(self.matches, start)
        self._show_match()

    def action_previous_match(self) -> None:
        if not self.matches:
            return
        start = self.matches[self.current_match or 0][0]
        self.current_match = self.navigator.previous_match(self.matches, start)
        self._show_match()

    def action_outline(self) -> None:
        if self._claims_not_ready():
            return
        from reader.ui.screens.outline import OutlineScreen

        self.app.push_screen(
            OutlineScreen(self.pack, self.navigator, self.cursor), self._outline_done
        )

    def _outline_done(self, sentence: int | None) -> None:
        if sentence is not None:
            self.go_to_sentence(sentence)

    # -- actions: panel, focus, help -----------------------------------------------------------

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

    def action_help(self) -> None:
        from reader.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_quit(self) -> None:
        self.app.exit()

    def action_note(self) -> None:
        from reader.ui.screens.note_editor import NoteEditor

        if not self.pack.article.sentences:
            return
        sentence = self.pack.article.sentences[self.cursor]
        existing = self.notes_by_sentence.get(self.cursor, [])
        note = existing[0] if existing else None
        quote = self.pack.article.text[sentence.start : sentence.end]
        self.app.push_screen(NoteEditor(quote, note, self._save_note, self._delete_note))

    def _save_note(self, existing: StudentNote | None, text: str) -> str | None:
        """Save the note from the editor; the error message if it could not be saved."""
        app = self.app_
        sentence = self.pack.article.sentences[self.cursor]
        when = notes_now()
        if existing is None:
            article_text = self.pack.article.text
            prefix, suffix = context_around(article_text, sentence.start, sentence.end)
            note = StudentNote(new_note_id(), article_text[sentence.start : sentence.end], text,
                               sentence.start, prefix, suffix, when, when)
        else:
            note = existing._replace(text=text, updated=when)
        previous = list(app.notes.notes)
        app.notes.put_note(note)
        error = app.save_notes()
        if error is not None:
            app.notes.notes = previous  # the editor keeps the text; nothing is half-saved
            return error
        self._notes_changed()
        return None

    def _delete_note(self, note: StudentNote) -> str | None:
        app = self.app_
        previous = list(app.notes.notes)
        app.notes.delete_note(note.id)
        error = app.save_notes()
        if error is not None:
            app.notes.notes = previous
            return error
        self._notes_changed()
        return None

    def _notes_changed(self) -> None:
        self.index_notes()
        self.refresh_marks()

    def action_my_notes(self) -> None:
        from reader.ui.screens.my_notes import MyNotesScreen

        self.app.push_screen(
            MyNotesScreen(self.pack, self.notes_by_sentence, self.unanchored_notes,
                          self._delete_note),
            self._outline_done,
        )

    def action_guess(self) -> None:
        from reader.ui.screens.guess import GuessScreen

        claims = self.navigator.claims_on(self.cursor)
        if not claims:
            self.app.notify("There is no claim on this sentence to judge.", markup=False,
                            timeout=2)
            return
        claim = next((c for c in claims if c.id not in self.app_.notes.guesses), claims[0])
        previous = self.app_.notes.guesses.get(claim.id)
        self.app.push_screen(GuessScreen(self.pack, claim, previous), self._guess_done)

    def _guess_done(self, guess: Guess | None) -> None:
        if guess is None:
            return
        app = self.app_
        before = app.notes.guesses.get(guess.claim)
        app.notes.put_guess(guess)
        error = app.save_notes()
        if error is not None:
            if before is None:
                del app.notes.guesses[guess.claim]
            else:
                app.notes.put_guess(before)
            self.app.notify(sanitize_line(f"Your guess was not saved: {error}"), markup=False,
                            severity="error", timeout=15)
            return
        self.refresh_marks()

    def action_toggle_quiz(self) -> None:
        on = not self.app_.quiz
        self.app_.set_quiz(on)
        self.app.notify(
            "Quiz on: verdicts stay hidden until you guess (press v on a claim)."
            if on else "Quiz off: every verdict is shown.",
            markup=False,
            timeout=3,
        )

    def action_summary(self) -> None:
        from reader.ui.screens.summary import SummaryScreen

        self.app.push_screen(SummaryScreen(self.pack, self.app_.notes))

    def action_problems(self) -> None:
        self.app_.show_problems()

    def action_library(self) -> None:
        from reader.ui.screens.library import LibraryScreen

        self.app.push_screen(LibraryScreen(self.app_.state, self.app_.data_folder))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "problems":
            # Shown in the footer only for a pack with problems: a standing reminder.
            return any(p.severity == "error" for p in self.app_.problems)
        if action in ("next_match", "previous_match") and not self.matches:
            return None
        if (
            action in ("next_claim", "previous_claim")
            and not self.navigator.claim_count
            and not self.app_.placing_claims
        ):
            return None
        return True
