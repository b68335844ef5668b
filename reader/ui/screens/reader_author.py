"""Author mode on the main screen (``e``): the keys that write the pack, and choosing a
claim's quote in the article itself.

Choosing a quote is a mode of the reader, not a dialog, so that the words chosen are marked
in the article where they stand: the arrows move the quote's start, Shift and the arrows its
end, a word at a time; the bar at the bottom says how many words it has and how it will be
placed; Enter takes it to the claim's form, Esc leaves it. Every change goes through the
session's :class:`~reader.authoring.author.Author`, which checks and saves it at once.

The authoring modules (and tomlkit) are imported when author mode is first used, not when
the reader starts.
"""

from __future__ import annotations

__all__ = ["AuthorKeys"]

import os
import shlex
import subprocess
from typing import TYPE_CHECKING, Any

from textual.app import SuspendNotSupported
from textual.widgets import Static

from reader.problems import ReaderError
from reader.text.sanitize import sanitize_line
from reader.ui.safe import safe_line

if TYPE_CHECKING:
    from reader.authoring.quote import QuoteChoice, QuoteSelection
    from reader.ui.screens.claim_editor import ClaimDraft
    from reader.ui.screens.reader_core import ReaderCoordinator

    _Base = ReaderCoordinator
else:
    _Base = object

# The keys that only mean something in author mode, and those only while choosing a quote.
AUTHOR_ACTIONS = frozenset({
    "claim", "delete_claim", "footnote_card", "article_details", "sources", "review_stubs",
    "undo", "redo", "open_editor",
})
CHOOSING_ACTIONS = frozenset({
    "quote_start_back", "quote_start_on", "quote_end_back", "quote_end_on", "quote_done",
})


class AuthorKeys(_Base):
    """Author mode's keys for :class:`~reader.ui.screens.reader_screen.ReaderScreen`."""

    _choosing: QuoteSelection | None = None
    _choosing_for: ClaimDraft | None = None

    # -- on and off -----------------------------------------------------------------------------

    def action_author(self) -> None:
        session = self.session
        if not session.may_author:
            self._say("Packs cannot be written in a reader opened in a browser.")
            return
        if session.author is not None:
            self._stop_choosing()
            session.stop_authoring()
            self._say("Author mode off: your changes are saved in the pack.", timeout=3)
            return
        from reader.authoring.author import is_bundled
        from reader.authoring.document import writable

        pack_file = self.pack.path
        if pack_file is None or pack_file.name != "pack.toml":
            self._say("This article has no pack to write: run `lateral author FILE` to make "
                      "one from it.", timeout=8)
            return
        if is_bundled(pack_file) or not writable(pack_file):
            from reader.ui.screens.copy_pack import CopyPackScreen

            self.app.push_screen(CopyPackScreen(pack_file, self.session.data_folder),
                                 self._copied)
            return
        self._start_authoring(pack_file)

    def _copied(self, folder: Any) -> None:
        if folder is None:
            return
        opener = getattr(self.app, "open_folder", None)
        if opener is not None and opener(folder, author=True):
            return
        self._say("The copy could not be opened.", error=True)

    def start_authoring_on(self, pack_file: Any) -> None:
        """Author mode on for the open pack (``lateral author``, or a copy just made)."""
        if self.session.may_author and self.session.author is None:
            self._start_authoring(pack_file)

    def _start_authoring(self, pack_file: Any) -> None:
        from reader.authoring.author import Author

        try:
            author = Author.open(pack_file)
        except ReaderError as exc:
            first = exc.problems[0].format() if exc.problems else str(exc)
            self._say(f"Author mode could not start: {first}", timeout=10, error=True)
            return
        if author.pack is None:
            self._say("Author mode could not start: the pack does not load; run "
                      "`lateral check` on it.", timeout=10, error=True)
            return
        self.session.start_authoring(author)
        self._say("Author mode: c writes a claim on this sentence, ? lists every key. "
                  "Each change is saved at once; u undoes it.", timeout=6)

    # -- the author bar ---------------------------------------------------------------------------

    def refresh_author_bar(self) -> None:
        bar = self.query_one("#author-bar", Static)
        author = self.session.author
        self.set_class(author is not None, "-authoring")
        if author is None:
            bar.update("")
            return
        if self._choosing is not None:
            bar.update(safe_line(self._choosing_text(self._choosing.choice())))
            return
        error_count, warnings = author.counts()
        parts = ["Author mode (e: done)", _plural(error_count, "error"),
                 _plural(warnings, "warning")]
        reviewed, total = author.review_count()
        if total:
            parts.append(f"stubs {reviewed} of {total} reviewed (R)")
        parts.append("c claim · u undo · ? keys")
        bar.update(safe_line(" · ".join(parts)))

    @staticmethod
    def _choosing_text(choice: QuoteChoice) -> str:
        if not choice.placed:
            placed = "found too often to place: make it longer"
        elif choice.prefix:
            placed = f"placed by the words before it (“{_clip(choice.prefix)}”)"
        elif choice.suffix:
            placed = f"placed by the words after it (“{_clip(choice.suffix)}”)"
        else:
            placed = "found once"
        return (f"Quote: {choice.words} word{'s' if choice.words != 1 else ''}, {placed} · "
                "←→ start · Shift+←→ end · Enter use · Esc cancel")

    # -- choosing a quote -----------------------------------------------------------------------

    def choose_quote(self, selection: QuoteSelection, draft: ClaimDraft | None) -> None:
        """Mark ``selection`` in the article and let the author move its ends."""
        self._choosing = selection
        self._choosing_for = draft
        self._show_choice()
        self.refresh_bindings()

    def _show_choice(self) -> None:
        selection = self._choosing
        if selection is None:
            return
        self.article_view.set_matches([(selection.start, selection.end)], 0)
        sentence = self.pack.article.sentence_at(selection.start)
        if sentence is not None and sentence != self.cursor:
            self._go(sentence)
        self.refresh_author_bar()

    def _stop_choosing(self) -> None:
        if self._choosing is None:
            return
        self._choosing = None
        self._choosing_for = None
        self.article_view.set_matches(self.search.matches, self.search.current)
        self.refresh_author_bar()
        self.refresh_bindings()

    def _move_quote(self, start: bool, step: int) -> None:
        selection = self._choosing
        if selection is None:
            return
        moved = selection.move_start(step) if start else selection.move_end(step)
        if not moved:
            self.app.bell()
        self._show_choice()

    def action_quote_start_back(self) -> None:
        self._move_quote(True, -1)

    def action_quote_start_on(self) -> None:
        self._move_quote(True, 1)

    def action_quote_end_back(self) -> None:
        self._move_quote(False, -1)

    def action_quote_end_on(self) -> None:
        self._move_quote(False, 1)

    def action_quote_done(self) -> None:
        selection, draft = self._choosing, self._choosing_for
        if selection is None:
            return
        choice = selection.choice()
        if not choice.placed:
            self._say("This quote is found too often for the words around it to place it: "
                      "make it longer.", timeout=5, error=True)
            return
        self._stop_choosing()
        self._open_claim_editor(None if draft is None else draft.claim_id, choice, draft)

    def cancel_choosing(self) -> bool:
        """Esc while choosing: leave it (the claim's form, if it was open, comes back)."""
        if self._choosing is None:
            return False
        draft = self._choosing_for
        self._stop_choosing()
        if draft is not None:
            self._open_claim_editor(draft.claim_id, None, draft)
        return True

    # -- claims ---------------------------------------------------------------------------------

    def action_claim(self) -> None:
        """Edit the claim on this sentence, or start a new one (its quote chosen first)."""
        claims = self.navigator.claims_on(self.cursor)
        if claims:
            self._open_claim_editor(claims[0].id, None, None)
            return
        if not self.pack.article.sentences:
            return
        from reader.authoring.quote import QuoteSelection

        self.choose_quote(QuoteSelection(self.pack.article, self.cursor), None)

    def _open_claim_editor(
        self, claim_id: str | None, choice: QuoteChoice | None, draft: ClaimDraft | None
    ) -> None:
        from reader.ui.screens.claim_editor import ClaimEditor

        author = self.session.author
        if author is None:
            return
        self.app.push_screen(ClaimEditor(self.session, author, claim_id, choice, draft),
                             self._claim_editor_closed)

    def _claim_editor_closed(self, result: Any) -> None:
        from reader.ui.screens.claim_editor import ClaimDraft

        if isinstance(result, ClaimDraft):  # choose the quote again, then come back
            from reader.authoring.quote import QuoteSelection

            pack = self.pack
            claim = next((c for c in pack.claims if c.id == result.claim_id), None)
            start, end = result.span
            if claim is not None and claim.anchor.found and result.span == (0, 0):
                start, end = claim.anchor.start, claim.anchor.end
            self.choose_quote(QuoteSelection.of_span(pack.article, start, end), result)

    def action_delete_claim(self) -> None:
        claims = self.navigator.claims_on(self.cursor)
        if not claims:
            self._say("There is no claim on this sentence.")
            return
        from reader.ui.screens.confirm import ConfirmScreen

        claim = claims[0]
        question = (f"Delete the claim “{_clip(claim.quote, 60)}”, with its "
                    f"{_plural(len(claim.accounts), 'account')}? (u undoes it)")
        self.app.push_screen(ConfirmScreen(question, "Delete"),
                             lambda yes: self._delete_claim(claim.id) if yes else None)

    def _delete_claim(self, claim_id: str) -> None:
        from reader.authoring import tables

        self.author_change("delete the claim", lambda doc: tables.delete_claim(doc, claim_id))

    # -- cards, details, sources, stubs -----------------------------------------------------------

    def action_footnote_card(self) -> None:
        author = self.session.author
        labels = self.pack.article.footnote_labels(self.cursor)
        if author is None:
            return
        if not labels:
            self._say("This sentence has no footnote; f moves between a sentence's notes.")
            return
        from reader.ui.screens.footnote_editor import FootnoteEditor

        label = labels[(self.footnote_focus or 0) % len(labels)]
        self.app.push_screen(FootnoteEditor(self.session, author, label))

    def action_article_details(self) -> None:
        author = self.session.author
        if author is not None:
            from reader.ui.screens.article_editor import ArticleEditor

            self.app.push_screen(ArticleEditor(self.session, author))

    def action_sources(self) -> None:
        author = self.session.author
        if author is not None:
            from reader.ui.screens.sources import SourcesScreen

            self.app.push_screen(SourcesScreen(self.session, author))

    def action_review_stubs(self) -> None:
        author = self.session.author
        if author is None:
            return
        from reader.ui.screens.stub_review import StubReview

        def go_to(claim: Any) -> None:
            if claim.sentences:
                self.go_to_sentence(claim.sentences[0])

        self.app.push_screen(StubReview(self.session, author, go_to))

    # -- editing pack.toml in the user's own editor -------------------------------------------

    def action_open_editor(self) -> None:
        """Suspend the reader, open ``$VISUAL``/``$EDITOR`` on pack.toml at the current claim,
        and read the pack again when the editor exits."""
        author = self.session.author
        if author is None or not self.session.may_author:
            return
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not command:
            self._say("Set VISUAL or EDITOR to your editor (for example: export EDITOR=nano) "
                      "to edit pack.toml from here.", timeout=8, error=True)
            return
        claims = self.navigator.claims_on(self.cursor)
        line = author.line_of_claim(claims[0].id) if claims else None
        argv = [*shlex.split(command), *([f"+{line}"] if line else []), str(author.pack_file)]
        try:
            with self.app.suspend():
                subprocess.run(argv, check=False)
        except (OSError, ValueError, SuspendNotSupported) as exc:
            self._say(f"The editor could not be started ({argv[0]}): {exc}", timeout=10,
                      error=True)
            return
        reload = getattr(self.app, "reload_authored", None)  # the reader's app
        if reload is not None:
            reload(author)

    # -- changes, undo and redo -------------------------------------------------------------------

    def author_change(self, what: str, change: Any) -> bool:
        """Make a change through the author; say why if it was refused or not saved."""
        from reader.authoring.author import NotSaved
        from reader.authoring.document import Refused

        author = self.session.author
        if author is None:
            return False
        try:
            author.change(what, change)
        except Refused as exc:
            self._say(f"Not changed: {exc.reason}", timeout=10, error=True)
            return False
        except NotSaved as exc:
            self.session.authored()
            self._say(f"Changed, but not saved: {exc.reason}", timeout=15, error=True)
            return True
        self.session.authored()
        return True

    def action_undo(self) -> None:
        self._undo_redo(redo=False)

    def action_redo(self) -> None:
        self._undo_redo(redo=True)

    def _undo_redo(self, *, redo: bool) -> None:
        from reader.authoring.author import NotSaved

        author = self.session.author
        if author is None:
            return
        try:
            what = author.redo() if redo else author.undo()
        except NotSaved as exc:
            self.session.authored()
            self._say(f"Not saved: {exc.reason}", timeout=15, error=True)
            return
        if what is None:
            self._say("Nothing to redo." if redo else "Nothing to undo.")
            return
        self.session.authored()
        self._say(f"{'Redone' if redo else 'Undone'}: {what}.", timeout=3)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _clip(text: str, limit: int = 40) -> str:
    flat = " ".join(sanitize_line(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
