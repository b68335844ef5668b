"""The Textual application: title, theme, stylesheet, global keys, and which screen is shown.

The reader's state lives in :class:`~reader.ui.session.Session`, which the app owns; the
document comes from a :class:`~reader.open.DocumentSource`. The app opens the document, puts
the first screen up, and runs in worker threads what must not hold up a key press: placing a
book's claims, and keeping the pack for next time.
"""

from __future__ import annotations

__all__ = ["HIGH_CONTRAST", "Document", "HostedRun", "LateralApp", "make_app", "run_reader",
           "served"]

import asyncio
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import Worker, WorkerState

from reader import debuglog, gcpolicy
from reader.environment import getenv
from reader.model import Pack
from reader.open import DocumentSource, LocalSource, Opened, Placed
from reader.problems import Problem, ReaderError, errors, has_errors
from reader.serving.mode import in_served_reader, quiz_locked
from reader.serving.redact import hide_paths
from reader.state import ReaderState, load_state, save_state
from reader.text.sanitize import sanitize_for_display, sanitize_line
from reader.ui.commands import ThemeCommands
from reader.ui.internals import give_result_callback
from reader.ui.screens.reader_screen import ReaderScreen
from reader.ui.session import Session

if TYPE_CHECKING:
    from reader.authoring.author import Author
    from reader.ui.live import LiveLesson
    from reader.ui.screens.library import LibraryScreen

WATCH_EVERY = 1.0  # seconds between looks at the open pack's files

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


def served() -> bool:
    """Whether this reader runs for a browser under ``lateral serve``: then it writes no pack,
    runs no program, opens no other pack, shows no path of the teacher's computer, and hands
    work in to the class's folder only (a student must not change or see the teacher's pack
    or computer)."""
    return in_served_reader()


class Document(NamedTuple):
    """A document to read: what was opened, and the source it came from (None: a pack given
    as it is, with nothing to place or keep)."""

    opened: Opened
    source: DocumentSource | None = None


class _PlacedFor(NamedTuple):
    source: DocumentSource
    placed: Placed


class LateralApp(App[None]):
    """The reader. Build it with :func:`make_app` (the CLI and the tests share it)."""

    CSS_PATH = str(Path(__file__).resolve().parent / "reader.tcss")
    TITLE = "lateral"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {ThemeCommands}
    BINDINGS = [  # noqa: RUF012 - Textual's class attribute
        Binding("ctrl+p", "command_palette", "commands", show=False, priority=True,
                id="app.command_palette"),
        Binding("ctrl+c", "quit", "quit", show=False, priority=True, id="app.quit"),
    ]

    def __init__(
        self,
        document: Document | None,
        *,
        state: ReaderState | None = None,
        data_folder: Path | None = None,
        quiz: bool = False,
        may_author: bool | None = None,
        author: bool = False,
    ) -> None:
        super().__init__()
        self._author_on_start = author
        self._watched: tuple[tuple[Path, ...], tuple[tuple[int, int], ...]] | None = None
        # A served reader never authors, whatever it is asked.
        may_author = not served() and (may_author is None or may_author)
        self.session = Session(self, state if state is not None else ReaderState(),
                               data_folder=data_folder, quiz=quiz or quiz_locked(),
                               may_author=may_author)
        self.sources: list[DocumentSource] = []  # every source opened: finish them at exit
        self.unsaved_text: list[str] = []  # notes that could not be saved as the app quit
        self._source: DocumentSource | None = None
        self._notes_message: str | None = None
        self.live: LiveLesson | None = None  # a live lesson under `lateral serve`
        if document is not None:
            self._use(document)
        self.register_theme(HIGH_CONTRAST)
        theme = self.session.state.theme
        if theme and theme in self.available_themes:
            self.theme = theme

    def notify(self, message: str, *args: Any, **kwargs: Any) -> None:
        # Every message of the reader passes here: a served one names no path of the teacher's.
        super().notify(sanitize_for_display(hide_paths(message) if served() else message),
                       *args, **kwargs)

    def _use(self, document: Document) -> None:
        opened = document.opened
        self._source = document.source
        if document.source is not None:
            self.sources.append(document.source)
        self._notes_message = self.session.open(opened.pack, opened.problems,
                                                pending=opened.pending)

    # -- screens ------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        # The reader (or the library) is the bottom of the stack itself: an empty screen
        # beneath it would be composed, styled and drawn first, delaying the first screen by
        # a frame. Opening another pack replaces the bottom screen (see
        # `on_library_screen_chosen`).
        screen = self._first_screen()
        give_result_callback(screen, self)
        return screen

    def _first_screen(self) -> Screen[Any]:
        if self.session.pack is None:
            from reader.ui.screens.library import LibraryScreen

            return LibraryScreen(self.session.state, self.session.data_folder)
        return ReaderScreen(self.session)

    def on_mount(self) -> None:
        if os.environ.get("NO_COLOR"):
            self.add_class("-monochrome")
        self._after_document_opened()
        self.call_after_refresh(gcpolicy.settle)
        self.set_interval(WATCH_EVERY, self._watch_files, name="watch-files")
        self._start_live_lesson()
        screen = self.screen
        if self._author_on_start and isinstance(screen, ReaderScreen) and (
                self.session.pack is not None and self.session.pack.path is not None):
            self.call_after_refresh(screen.start_authoring_on, self.session.pack.path)

    def _start_live_lesson(self) -> None:
        """Under ``lateral serve``: follow the teacher's decisions (see :mod:`reader.lesson`)."""
        from reader.lesson import served_lesson_file

        server = getenv("LATERAL_SERVER_PID") or ""
        if served() and server.isdigit():
            self.set_interval(2.0, lambda: self._exit_without(int(server)), name="server-alive")
        lesson_file = served_lesson_file()
        if lesson_file is None:
            return
        from reader.storage import data_dir
        from reader.ui.live import LiveLesson

        self.live = LiveLesson(self, lesson_file, self.session.data_folder or data_dir())
        self.live.start()

    def _exit_without(self, server: int) -> None:
        """A served reader whose server has gone (killed, crashed) quits, keeping its place:
        no browser can reach it any more."""
        try:
            os.kill(server, 0)
        except ProcessLookupError:
            self.exit()
        except OSError:
            return

    def claim_name(self, claim_id: str) -> str:
        """How the reader names a claim to the student: C7."""
        screen = self.screen_stack[0] if self.screen_stack else None
        if isinstance(screen, ReaderScreen):
            claim = screen.navigator.placed(claim_id)
            if claim is not None:
                return f"C{screen.navigator.number(claim)}"
        return "a claim"

    def follow_claim(self, claim_id: str) -> None:
        """The teacher asked everyone to look at ``claim_id``: go there (the student may
        leave again)."""
        screen = self.screen_stack[0] if self.screen_stack else None
        if isinstance(screen, ReaderScreen):
            screen.follow_teacher(claim_id)

    def _after_document_opened(self) -> None:
        session = self.session
        files = self._files_of_pack()
        self._watched = (files, self._signature(files))  # changes from now on are read again
        if session.pack is None:
            return
        self.title = sanitize_line(session.pack.meta.title)
        if has_errors(session.problems):
            self.show_problems()
        else:
            self._report_warnings(session.problems)
        if self._notes_message:
            self.notify(sanitize_line(self._notes_message), markup=False, severity="error",
                        timeout=30)
            self._notes_message = None
        # Once the first screen is up: place a book's claims, or keep the pack.
        self.call_after_refresh(self._start_placing if session.placing_claims else self._keep)

    def on_library_screen_chosen(self, event: LibraryScreen.Chosen) -> None:
        """Open another pack, keeping every pack's own position."""
        self.open_folder(event.folder)

    def open_folder(self, folder: Path, *, author: bool = False) -> bool:
        """Open the pack in ``folder`` in place of the one open (``author``: in author mode);
        whether it opened (if not, the student is told why). A served reader opens no other
        pack: it is refused here, not only hidden."""
        if served():
            self.notify("This reader is for your class's article only.", severity="warning")
            return False
        source = LocalSource(folder, cache=self.cache_folder, defer_anchoring=not author)
        try:
            opened = source.opened()
        except ReaderError as exc:
            first = exc.problems[0].format() if exc.problems else str(exc)
            more = f" (and {len(exc.problems) - 1} more; run `lateral check`)" if len(
                exc.problems) > 1 else ""
            self.notify(sanitize_line(f"Cannot open this pack: {first}{more}"), markup=False,
                        severity="error", timeout=12)
            return False
        self.session.save_position_now()
        self._use(Document(opened, source))
        while len(self.screen_stack) > 1:
            self.pop_screen()
        screen = ReaderScreen(self.session)
        self.switch_screen(screen)
        self._after_document_opened()
        if author:
            pack_file = opened.pack.path
            if pack_file is not None:
                self.call_after_refresh(screen.start_authoring_on, pack_file)
        return True

    def show_problems(self) -> None:
        """List the pack's problems (it opened despite them)."""
        from reader.ui.screens.problems import ProblemsScreen

        self.push_screen(ProblemsScreen(self.session.problems))

    def _report_warnings(self, problems: list[Problem]) -> None:
        errors_found = len(errors(problems))
        warnings = len(problems) - errors_found
        if errors_found:
            self.notify(
                sanitize_line(f"{errors_found} claim{'s' if errors_found != 1 else ''} could not "
                              "be placed in the text; run `lateral check` to list the problems."),
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

    # -- changes made outside the reader -------------------------------------------------------

    def _files_of_pack(self) -> tuple[Path, ...]:
        pack = self.session.pack
        if pack is None or pack.path is None or pack.path.name != "pack.toml":
            return ()
        return tuple(p for p in (pack.path, pack.article.path) if p is not None)

    @staticmethod
    def _signature(files: tuple[Path, ...]) -> tuple[tuple[int, int], ...]:
        found = []
        for path in files:
            try:
                stat = path.stat()
                found.append((stat.st_mtime_ns, stat.st_size))
            except OSError:
                found.append((0, -1))
        return tuple(found)

    def _watch_files(self) -> None:
        """Every second: if the open pack's files changed on disk (an editor in another
        window), show the pack as it is now, keeping the place."""
        files = self._files_of_pack()
        signature = self._signature(files)
        watched = self._watched
        self._watched = (files, signature)
        if watched is None or watched[0] != files or watched[1] == signature:
            return
        pack_changed = signature[0] != watched[1][0]
        article_changed = len(signature) > 1 and signature[1] != watched[1][1]
        author = self.session.author
        if article_changed:
            self.reload_open_pack(author=author is not None)
        elif pack_changed:
            if author is not None:
                self.reload_authored(author)
            else:
                self.reload_open_pack()

    def reload_authored(self, author: Author) -> None:
        document = author.document
        if not document.changed_on_disk():
            return  # the reader's own save
        try:
            document.reload()
        except ReaderError as exc:
            first = exc.problems[0].format() if exc.problems else str(exc)
            self.notify(sanitize_line(f"pack.toml changed on disk and cannot be read: {first}"),
                        markup=False, severity="error", timeout=10)
            return
        self.session.authored()
        self._tell_reloaded()

    def reload_open_pack(self, *, author: bool = False) -> None:
        """Read the open pack again from disk, keeping the place (``author``: in author mode)."""
        pack = self.session.pack
        if pack is None or pack.path is None:
            return
        self.session.remember_position(self.screen_cursor())
        if self.open_folder(pack.path.parent, author=author):
            self._tell_reloaded()

    def screen_cursor(self) -> int:
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                return screen.cursor
        return 0

    def _tell_reloaded(self) -> None:
        problems = self.session.problems
        error_count = len(errors(problems))
        warnings = len(problems) - error_count
        self.notify(sanitize_line(f"The pack changed on disk and was read again: "
                                  f"{error_count} error(s), {warnings} warning(s) (! lists them)."),
                    markup=False, severity="error" if error_count else "information", timeout=5)

    # -- work in the background ---------------------------------------------------------------

    @property
    def cache_folder(self) -> Path:
        """Where loaded packs are kept for next time (see :mod:`reader.pack.cache`)."""
        from reader.storage import cache_dir

        return cache_dir(self.session.data_folder)

    def _start_placing(self) -> None:
        source = self._source
        if source is not None:
            self.run_worker(lambda: _PlacedFor(source, source.placed()), thread=True,
                            name="place-claims", exit_on_error=False)

    def _keep(self) -> None:
        if self._source is not None:
            self.run_worker(self._source.keep, thread=True, name="keep-pack",
                            exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        result = worker.result
        if event.state == WorkerState.SUCCESS and isinstance(result, _PlacedFor):
            if result.source is not self._source:
                return  # placed for a pack the student has since left
            self.session.claims_placed(result.placed)
            self._report_warnings(errors(result.placed.problems))
            self._keep()
            gcpolicy.settle()
        elif event.state == WorkerState.ERROR:
            debuglog.record(f"the reader's {worker.name} work failed", worker.error)
            if worker.name == "place-claims":
                self.session.placing_failed()
                self.notify(
                    "The claims could not be placed in the text; run `lateral check` to see "
                    "why.",
                    markup=False,
                    severity="error",
                    timeout=8,
                )

    # -- theme and quitting -------------------------------------------------------------------

    def watch_theme(self, theme: str) -> None:
        self.session.set_theme(theme)
        self.set_class(theme == HIGH_CONTRAST.name, "-high-contrast")

    async def action_quit(self) -> None:
        """Quit; a note still open in the editor is saved first, never dropped."""
        self.unsaved_text.extend(self.session.save_drafts())
        await super().action_quit()

    def on_unmount(self) -> None:
        save_state(self.session.state)


def make_app(
    pack: Pack | None = None,
    problems: list[Problem] | None = None,
    *,
    source: DocumentSource | None = None,
    opened: Opened | None = None,
    state_dir: Path | None = None,
    use_state: bool = True,
    quiz: bool = False,
    author: bool = False,
) -> LateralApp:
    """The app for ``pack`` as it is, or for the document from ``source`` (``opened``: what
    its :meth:`~reader.open.DocumentSource.opened` gave; asked for now if not given, and
    raising :class:`~reader.problems.ReaderError` likewise), or the library if neither; with
    the user's saved state."""
    document: Document | None = None
    if source is not None:
        document = Document(opened if opened is not None else source.opened(), source)
    elif pack is not None:
        document = Document(Opened(pack, problems or []))
    state = load_state(state_dir) if use_state else ReaderState()
    return LateralApp(document, state=state, data_folder=state_dir, quiz=quiz, author=author)


@dataclass(frozen=True)
class HostedRun:
    """How a reader that shares its process runs: its driver, its loop, where its errors go."""

    driver_class: type[Any]
    loop: asyncio.AbstractEventLoop
    errors: TextIO


def run_reader(source: DocumentSource | None, opened: Opened | None = None, *,
               quiz: bool = False, author: bool = False, hosted: HostedRun | None = None) -> int:
    """Run the reader on the document from ``source`` (None: start in the library);
    ``author``: with author mode on; ``hosted``: as one of several readers in this process
    (see :mod:`reader.ui.host`)."""
    app = make_app(source=source, opened=opened, quiz=quiz, author=author)
    if hosted is not None:
        from rich.console import Console

        app.driver_class = hosted.driver_class
        app.error_console = Console(markup=False, highlight=False, file=hosted.errors)
    gcpolicy.tune_for_reader()
    try:
        app.run(loop=hosted.loop if hosted is not None else None)
    finally:
        for each in app.sources:
            each.finish()
    errors = hosted.errors if hosted is not None else sys.stderr
    for text in app.unsaved_text:
        # The last place left to keep what the student wrote: their terminal.
        shown = "\n".join(sanitize_line(line) for line in text.splitlines())
        print(f"Your note could not be saved; here it is, copy it somewhere safe:\n{shown}",
              file=errors)
    if app.unsaved_text:
        return app.return_code or 1
    return app.return_code or 0
