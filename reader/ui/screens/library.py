"""The library (``L``, or ``lateral --library``): every pack, with the student's progress."""

from __future__ import annotations

__all__ = ["LibraryScreen"]

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from reader.library import LibraryEntry, library, packs_folder
from reader.state import ReaderState
from reader.text.sanitize import sanitize_line
from reader.ui.safe import safe, safe_line
from reader.words import counted


def _origin(entry: LibraryEntry) -> str:
    if entry.bundled:
        return "bundled"
    return f"opened from {entry.folder}" if entry.recent else "yours"


def entry_prompt(entry: LibraryEntry) -> Content:
    progress = f"{entry.progress}% read" if entry.progress is not None else "not opened yet"
    work = []
    if entry.guesses:
        work.append(f"{entry.guesses} guessed")
    if entry.notes:
        work.append(counted(entry.notes, "note"))
    details = " · ".join([counted(entry.claims, "claim"), progress, *work,
                          _origin(entry)])
    parts = [safe(sanitize_line(entry.title), "bold"), safe(f"\n   {details}")]
    if entry.problem:
        parts.append(safe(f"\n   problem: {sanitize_line(entry.problem)}"))
    return Content.assemble(*parts)


class LibraryScreen(Screen[None]):
    """Every pack; Enter asks the app to open one (:class:`Chosen`)."""

    class Chosen(Message):
        """The student chose a pack to read."""

        def __init__(self, folder: Path) -> None:
            super().__init__()
            self.folder = folder

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "back", id="library.back"),
        Binding("q", "quit_app", "quit", id="library.quit"),
        Binding("j", "cursor('down')", show=False),
        Binding("k", "cursor('up')", show=False),
    ]

    def __init__(
        self, state: ReaderState, data_folder: Path | None = None, *, over_reader: bool = False
    ) -> None:
        super().__init__()
        self.entries = library(state, data_folder)
        self.data_folder = data_folder
        self.over_reader = over_reader  # shown over a reader, which Escape goes back to

    def compose(self) -> ComposeResult:
        with Vertical(id="library-box"):
            yield Static("Library", id="library-title", markup=False)
            yield Static(
                safe_line(f"Packs come with the reader or are copied into "
                          f"{packs_folder(self.data_folder)}"),
                id="library-help", markup=False)
            yield OptionList(*[Option(entry_prompt(e), id=str(i))
                               for i, e in enumerate(self.entries)], id="library-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        entry = self.entries[int(event.option.id or 0)]
        self.post_message(self.Chosen(entry.folder))

    def action_cursor(self, direction: str) -> None:
        options = self.query_one(OptionList)
        if direction == "down":
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_back(self) -> None:
        if self.over_reader:
            self.app.pop_screen()

    def action_quit_app(self) -> None:
        self.app.exit()
