"""The Textual application: title, theme, stylesheet, commands and the current pack.

The app holds what belongs to the reading session: the pack, the student's notes store and
notes, the quiz switch, the saved state. Screens show it; the reader screen coordinates the
cursor, the panel and the keys.
"""

from __future__ import annotations

__all__ = ["HIGH_CONTRAST", "LateralApp", "make_app", "run_reader"]

import contextlib
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from reader import gcpolicy
from reader.model import Claim, Pack
from reader.notes import NotesError, NotesFile, NotesStore
from reader.open import Opened
from reader.problems import Problem, ReaderError
from reader.state import Position, ReaderState, load_state, save_state
from reader.storage import pack_key
from reader.text.sanitize import sanitize_line
from reader.ui.commands import ReaderCommands

HIGH_CONTRAST = Theme(
    name="lateral-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    boost="#333333",
    success="#00ff00",
    warning="#ffff00",
    error="#ff6060",
    dark=True,
    variables={
        "footer-key-foreground": "#ffff00",
        "block-cursor-background": "#ffff00",
        "block-cursor-foreground": "#000000",
    },
)

PlaceClaims = Callable[[], tuple[tuple[Claim, ...], list[Problem]]]
Remember = Callable[[Pack, list[Problem]], None]
SAVE_AFTER = 1.5  # seconds the cursor rests before the reading position is written


class LateralApp(App[None]):
    """The reader. Build it with :func:`make_app` (the CLI and the tests share it)."""

    CSS_PATH = str(Path(__file__).resolve().parent / "reader.tcss")
    TITLE = "lateral"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {ReaderCommands}
    BINDINGS = [  # noqa: RUF012 - Textual's class attribute
        Binding("ctrl+p", "command_palette", "commands", show=False, priority=True,
                id="app.command_palette"),
        Binding("ctrl+c", "quit", "quit", show=False, priority=True, id="app.quit"),
    ]

    def __init__(
        self,
        pack: Pack | None,
        problems: list[Problem] | None = None,
        *,
        state: ReaderState | None = None,
        place_claims: PlaceClaims | None = None,
        remember: Remember | None = None,
        data_folder: Path | None = None,
        quiz: bool = False,
    ) -> None:
        super().__init__()
        self.state = state if state is not None else ReaderState()
        self.data_folder = data_folder
        self.quiz = quiz
        self._save_timer: Timer | None = None
        self._notes_message: str | None = None
        self.pack: Pack | None = None
        self.problems: list[Problem] = []
        self._place_claims: PlaceClaims | None = None
        self._remember: Remember | None = None
        self.notes_store: NotesStore | None = None
        self.notes = NotesFile("", "")
        self.unsaved_text: list[str] = []  # notes that could not be saved as the app quit
        if pack is not None:
            self._use(pack, problems or [], place_claims, remember)
        self.register_theme(HIGH_CONTRAST)
        if self.state.theme and self.state.theme in self.available_themes:
            self.theme = self.state.theme

    # -- the current pack -------------------------------------------------------------------

    def _use(
        self,
        pack: Pack,
        problems: list[Problem],
        place_claims: PlaceClaims | None,
        remember: Remember | None = None,
    ) -> None:
        self.pack = pack
        self.problems = problems
        self._place_claims = place_claims
        self._remember = remember
        self._position_key = pack_key(pack.path or pack.article.path, pack.meta.title)
        self.notes_store = NotesStore.for_pack(pack, self.data_folder)
        self.notes, self._notes_message = self.notes_store.load()

    def get_default_screen(self) -> Screen[Any]:
        # The reader (or the library) is the bottom of the stack itself: an empty screen
        # beneath it would be composed, styled and drawn before it, delaying the first
        # screen by a frame. Opening another pack replaces the bottom (see open_pack), and
        # Textual replaces a screen by popping its result callback, which a default screen
        # lacks: give it one that does nothing.
        screen = self._first_screen()
        screen._push_result_callback(self, None)
        return screen

    def _first_screen(self) -> Screen[Any]:
        if self.pack is None:
            from reader.ui.screens.library import LibraryScreen

            return LibraryScreen(self.state, self.data_folder)
        return self._reader_screen()

    def _reader_screen(self) -> Screen[Any]:
        from reader.ui.screens.reader_screen import ReaderScreen

        assert self.pack is not None
        return ReaderScreen(self.pack, start_sentence=self.start_sentence())

    def start_sentence(self) -> int:
        """Where this pack was left last time (0 if never opened or the text is gone)."""
        if self.pack is None:
            return 0
        position = self.state.positions.get(self._position_key)
        if position is None:
            return 0
        found = position.resolve(self.pack.article)
        return found if found is not None else 0

    def on_mount(self) -> None:
        if os.environ.get("NO_COLOR"):
            self.add_class("-monochrome")
        self._after_pack_opened()
        self.call_after_refresh(gcpolicy.settle)

    def _after_pack_opened(self) -> None:
        if self.pack is None:
            return
        self.title = sanitize_line(self.pack.meta.title)
        if any(p.severity == "error" for p in self.problems):
            self.show_problems()
        else:
            self._report_warnings(self.problems)
        if self._notes_message:
            self.notify(sanitize_line(self._notes_message), markup=False, severity="error",
                        timeout=30)
            self._notes_message = None
        if self._place_claims is not None:
            # Once the first screen is up, place a book's claims in a thread.
            self.call_after_refresh(self._start_placing_claims)
        else:
            self.call_after_refresh(self._keep_pack, self.pack, self.problems)

    def open_pack(self, folder: Path) -> None:
        """Open another pack (from the library), keeping every pack's own position."""
        from reader.open import open_for_reading

        try:
            opened = open_for_reading(folder, defer_anchoring=True, cache=self.cache_folder)
        except ReaderError as exc:
            first = exc.problems[0].format() if exc.problems else str(exc)
            more = f" (and {len(exc.problems) - 1} more; run `lateral check`)" if len(
                exc.problems) > 1 else ""
            self.notify(sanitize_line(f"Cannot open this pack: {first}{more}"), markup=False,
                        severity="error", timeout=12)
            return
        self.save_position_now()
        self._use(opened.pack, opened.problems, opened.place_claims, opened.remember)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.switch_screen(self._reader_screen())
        self._after_pack_opened()

    def show_problems(self) -> None:
        """List the pack's problems (it opened despite them)."""
        from reader.ui.screens.problems import ProblemsScreen

        article_only = any(p.code == "article-only" for p in self.problems)
        self.push_screen(ProblemsScreen(self.problems, article_only))

    @property
    def placing_claims(self) -> bool:
        return self._place_claims is not None

    def _report_warnings(self, problems: list[Problem]) -> None:
        warnings = sum(1 for p in problems if p.severity == "warning")
        errors = sum(1 for p in problems if p.severity == "error")
        if errors:
            self.notify(
                sanitize_line(f"{errors} claim{'s' if errors != 1 else ''} could not be placed in "
                              "the text; run `lateral check` to list the problems."),
                markup=False,
                severity="warning",
                timeout=6,
            )
        elif warnings:
            self.notify(
                sanitize_line(f"This pack has {warnings} warning{'s' if warnings != 1 else ''}; "
                              "run `lateral check` to list them."),
                markup=False,
                timeout=4,
            )

    def _start_placing_claims(self) -> None:
        place = self._place_claims
        if place is None:
            return

        def work() -> None:
            claims, problems = place()
            self.call_from_thread(self._claims_placed, claims, problems)

        self.run_worker(work, thread=True, name="place-claims", exit_on_error=False)

    def _claims_placed(self, claims: tuple[Claim, ...], problems: list[Problem]) -> None:
        from reader.ui.screens.reader_screen import ReaderScreen

        self._place_claims = None
        if self.pack is None:
            return
        self.pack = self.pack._replace(claims=claims)
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                screen.use_pack(self.pack)
        self._report_warnings([p for p in problems if p.severity == "error"])
        self._keep_pack(self.pack, [*self.problems, *problems])
        gcpolicy.settle()

    @property
    def cache_folder(self) -> Path:
        """Where loaded packs are kept for next time (see :mod:`reader.pack.cache`)."""
        from reader.storage import cache_dir

        return cache_dir(self.data_folder)

    def _keep_pack(self, pack: Pack, problems: list[Problem]) -> None:
        """Keep the pack just loaded for next time, in a thread (once per pack opened).

        The thread is not a daemon: quitting at once still leaves the pack kept.
        """
        remember, self._remember = self._remember, None
        if remember is None or pack is not self.pack:
            return

        def keep() -> None:
            with contextlib.suppress(Exception):  # a cache that cannot be written is no loss
                remember(pack, problems)

        threading.Thread(target=keep, name="keep-pack").start()

    def keep_pack_now(self) -> None:
        """Keep the pack if the reader quit before it could (its claims must be placed)."""
        if self.pack is not None and self._place_claims is None:
            self._keep_pack(self.pack, self.problems)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name == "place-claims" and event.state == WorkerState.ERROR:
            self._place_claims = None
            self.notify(
                "The claims could not be placed in the text; run `lateral check` to see why.",
                markup=False,
                severity="error",
                timeout=8,
            )

    # -- the student's work -----------------------------------------------------------------

    def save_notes(self) -> str | None:
        """Save the notes now; the error to show (the notes stay in memory) or None."""
        if self.notes_store is None:
            return "there is no pack open"
        try:
            written = self.notes_store.save(self.notes)
        except NotesError as exc:
            return exc.message
        if written != self.notes_store.path:
            self.notify(
                sanitize_line(f"Your notes file was changed by another program, so your notes "
                              f"were saved to {written} instead; nothing was overwritten."),
                markup=False,
                severity="warning",
                timeout=15,
            )
        return None

    def set_quiz(self, on: bool) -> None:
        from reader.ui.screens.reader_screen import ReaderScreen

        self.quiz = on
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                screen.refresh_marks()

    # -- reading position and theme -----------------------------------------------------------

    def remember_position(self, pack: Pack, sentence: int) -> None:
        """Note where the reader is; it is written once the cursor has rested a moment."""
        if not pack.article.sentences:
            return
        self.state.positions[self._position_key] = Position.of_sentence(pack.article, sentence)
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_AFTER, self._save_in_background)

    def save_position_now(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        save_state(self.state)

    def _save_in_background(self) -> None:
        self._save_timer = None
        snapshot = ReaderState(dict(self.state.positions), self.state.theme, self.state.path)
        self.run_worker(lambda: save_state(snapshot), thread=True, group="save-state",
                        exclusive=True, exit_on_error=False)

    def watch_theme(self, theme: str) -> None:
        self.state.theme = theme
        self.set_class(theme == HIGH_CONTRAST.name, "-high-contrast")

    async def action_quit(self) -> None:
        """Quit; a note still open in the editor is saved first, never dropped."""
        from reader.ui.screens.note_editor import NoteEditor

        for screen in self.screen_stack:
            if isinstance(screen, NoteEditor):
                text = screen.save_before_quit()
                if text is not None:
                    self.unsaved_text.append(text)
        await super().action_quit()

    def on_unmount(self) -> None:
        save_state(self.state)


def make_app(
    pack: Pack | None,
    problems: list[Problem] | None = None,
    *,
    state_dir: Path | None = None,
    use_state: bool = True,
    place_claims: PlaceClaims | None = None,
    remember: Remember | None = None,
    quiz: bool = False,
) -> LateralApp:
    """The app for ``pack`` (None: start in the library), with the user's saved state."""
    state = load_state(state_dir) if use_state else ReaderState()
    return LateralApp(pack, problems, state=state, place_claims=place_claims,
                      remember=remember, data_folder=state_dir, quiz=quiz)


def run_reader(opened: Opened | None, *, quiz: bool = False) -> int:
    """Run the reader on ``opened`` (None: start in the library)."""
    if opened is None:
        app = make_app(None, quiz=quiz)
    else:
        app = make_app(opened.pack, opened.problems, place_claims=opened.place_claims,
                       remember=opened.remember, quiz=quiz)
    gcpolicy.tune_for_reader()
    app.run()
    app.keep_pack_now()
    for text in app.unsaved_text:
        # The last place left to keep what the student wrote: their terminal.
        shown = "\n".join(sanitize_line(line) for line in text.splitlines())
        print(f"Your note could not be saved; here it is, copy it somewhere safe:\n{shown}",
              file=sys.stderr)
    if app.unsaved_text:
        return app.return_code or 1
    return app.return_code or 0
