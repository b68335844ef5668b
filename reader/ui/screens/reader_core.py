"""The coordinator of the main screen: the article, the fact-check panel, and moving between
sentences, claims, footnotes and search matches.

It owns which sentence is current, and after each move feeds the panel and the status line
and tells the session where the student is. The article view and the panel never talk to
each other. What the screens share (the pack, the quiz, the student's work) is in the
:class:`~reader.ui.session.Session`, which the coordinator follows. The keys that open other
screens are added by :class:`~reader.ui.screens.reader_screen.ReaderScreen`.
"""

from __future__ import annotations

__all__ = ["NARROW_WIDTH", "ReaderCoordinator"]

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Static

from reader.navigation import Navigator
from reader.panel import panel_sections
from reader.problems import has_errors
from reader.search import SearchState
from reader.status import status_line
from reader.text.sanitize import sanitize_line
from reader.ui.keys import reader_bindings
from reader.ui.safe import safe_line
from reader.ui.session import Change, Session
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.side_panel import SidePanel
from reader.work import NotesPlacement

NARROW_WIDTH = 100


class ReaderCoordinator(Screen[None]):
    """Article on the left (or top), panel on the right (or below)."""

    BINDINGS: ClassVar[list[BindingType]] = list(reader_bindings())

    def __init__(self, session: Session) -> None:
        super().__init__()
        assert session.pack is not None
        self.session = session
        self.pack = session.pack
        self.navigator = Navigator(self.pack)
        self.article_view = ArticleView(self.pack, self.navigator,
                                        cursor=session.start_sentence(), id="article")
        self.panel = SidePanel(id="panel")
        self.footnote_focus: int | None = None
        self.search = SearchState()
        self.notes = NotesPlacement({}, [])
        self._followed_sentence = -1

    def compose(self) -> ComposeResult:
        meta = self.pack.meta
        title = "  —  ".join([meta.title, *filter(None, [" · ".join(meta.byline(author=False))])])
        with Horizontal(id="status"):
            yield Static(safe_line(title), id="status-title", markup=False)
            yield Static("", id="status-position", markup=False)
        yield self.article_view
        yield self.panel
        yield Static("", id="author-bar", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.session.changed.subscribe(self, self._session_changed)
        self.notes = self.session.work.placed(self.pack.article)
        self._refresh_marks()
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

    def _session_changed(self, change: Change) -> None:
        if change == "pack" and self.session.pack is not None:
            # The same article, its claims now placed: keep the cursor where it is.
            self.pack = self.session.pack
            self.navigator = Navigator(self.pack)
            self.article_view.use_pack(self.pack, self.navigator)
        elif change == "work":
            self.notes = self.session.work.placed(self.pack.article)
        self._refresh_marks()
        self._update_status()
        self._update_panel(force=True, keep_scroll=True)
        self.session_changed_also()

    def session_changed_also(self) -> None:
        """What the main screen does more after the session changed (author mode's bar)."""

    def _refresh_marks(self) -> None:
        """The margin's marks: notes, and in a quiz the verdicts not yet guessed."""
        hidden = self.session.hidden_verdicts([c.id for c in self.navigator.placed_claims])
        self.set_class(self.session.hiding_verdicts, "-quiz")
        self.article_view.set_marks(set(self.notes.by_sentence), hidden)

    # -- the coordinator ----------------------------------------------------------------------

    @property
    def cursor(self) -> int:
        return self.article_view.cursor

    @on(ArticleView.SentenceChanged)
    def _sentence_changed(self, event: ArticleView.SentenceChanged) -> None:
        # Moves made by the keys were already followed in `_go`; this catches a mouse click.
        self._after_move()

    def _after_move(self) -> None:
        """Follow the cursor: status line, panel and remembered position, each once per move."""
        if self.cursor == self._followed_sentence:
            return
        self._followed_sentence = self.cursor
        self.footnote_focus = None
        self._update_status()
        self._update_panel()
        self.session.remember_position(self.cursor)
        live = getattr(self.app, "live", None)
        if live is not None:
            claims = self.navigator.claims_on(self.cursor)
            live.moved(claims[0].id if claims else None,
                       self.navigator.number(claims[0]) if claims else None)

    def _update_panel(self, force: bool = False, keep_scroll: bool = False) -> None:
        """Point the panel at the current sentence (it repaints only the rows that change)."""
        if not self.pack.article.sentences or (self.panel.subject == self.cursor and not force):
            return
        claims = self.navigator.claims_on(self.cursor)
        sections = panel_sections(
            self.pack, self.cursor, claims, self.footnote_focus,
            my_notes=list(self.notes.by_sentence.get(self.cursor, [])),
            quiz=self.session.quiz, guesses=dict(self.session.work.guesses),
            numbers=self.navigator.numbers_on(self.cursor),
            held=self.session.held_verdicts([c.id for c in claims]),
        )
        self.panel.show(sections, subject=self.cursor, scroll_home=not keep_scroll)

    def _update_status(self) -> None:
        session = self.session
        line = status_line(self.navigator, self.cursor, placing_claims=session.placing_claims,
                           quiz_guesses=session.work.guesses if session.quiz else None,
                           search=self.search)
        # The status has a fixed width, so updating it never re-lays out the screen.
        self.query_one("#status-position", Static).update(safe_line(line), layout=False)

    def _say(self, message: str, timeout: float = 2, *, error: bool = False) -> None:
        self.app.notify(sanitize_line(message), markup=False, timeout=timeout,
                        severity="error" if error else "information")

    # -- moving -------------------------------------------------------------------------------

    def _go(self, sentence: int | None, center: bool = False) -> None:
        if sentence is not None:
            self.article_view.move_to(sentence, center=center)
            self._after_move()

    def go_to_sentence(self, sentence: int) -> None:
        """Jump to ``sentence`` (from the outline, the palette, a footnote): off any match."""
        if self.search.current is not None:
            self.search.leave()
            self.article_view.set_matches(self.search.matches, None)
        self._go(sentence, center=True)

    def action_next_sentence(self) -> None:
        self._go(self.cursor + 1)

    def action_previous_sentence(self) -> None:
        self._go(self.cursor - 1)

    def _claims_not_ready(self) -> bool:
        if self.session.placing_claims:
            self._say("The claims are still being placed in the text; a moment…")
        return self.session.placing_claims

    def action_next_claim(self) -> None:
        if not self._claims_not_ready():
            target = self.navigator.next_claim(self.cursor)
            if target is None:
                self._say("No more claims after this one.")
            self._go(target)

    def action_previous_claim(self) -> None:
        if not self._claims_not_ready():
            target = self.navigator.previous_claim(self.cursor)
            if target is None:
                self._say("No claims before this one.")
            self._go(target)

    def action_next_paragraph(self) -> None:
        self._go(self.navigator.next_paragraph(self.cursor))

    def action_previous_paragraph(self) -> None:
        self._go(self.navigator.previous_paragraph(self.cursor))

    def action_first(self) -> None:
        self._go(0)

    def action_last(self) -> None:
        self._go(self.navigator.sentence_count - 1)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        if self.panel.has_focus:
            self.panel.scroll_page(direction)
        else:
            self._go(self.article_view.page_target(direction))

    # -- footnotes ----------------------------------------------------------------------------

    def action_cycle_footnote(self) -> None:
        labels = self.pack.article.footnote_labels(self.cursor)
        if not labels:
            self._say("This sentence has no footnote.")
            return
        self.footnote_focus = 0 if self.footnote_focus is None else self.footnote_focus + 1
        self._update_panel(force=True)
        self.panel.scroll_to_role("focus")
        shown = self.footnote_focus % len(labels)
        self._say(f"Footnote [{labels[shown]}] ({shown + 1} of {len(labels)})", timeout=1.5)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "problems":
            # Shown in the footer only for a pack with problems: a standing reminder.
            return has_errors(self.session.problems)
        if action in ("next_match", "previous_match") and not self.search.matches:
            return None
        if (
            action in ("next_claim", "previous_claim")
            and not self.navigator.claim_count
            and not self.session.placing_claims
        ):
            return None
        return True
