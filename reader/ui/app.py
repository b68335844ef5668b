"""The Textual application: title, theme, stylesheet, commands and the reader screen."""

from __future__ import annotations

__all__ = ["HIGH_CONTRAST", "LateralApp", "make_app", "run_reader"]

import os
import time
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.theme import Theme

from reader.model import Pack
from reader.problems import Problem
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

SAVE_EVERY = 2.0  # seconds between saves of the reading position while moving


class LateralApp(App[None]):
    """The reader. Build it with :func:`make_app` (the CLI and the tests share it)."""

    CSS_PATH = "reader.tcss"
    TITLE = "lateral"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {ReaderCommands}
    BINDINGS = [  # noqa: RUF012 - Textual's class attribute
        Binding(
            "ctrl+p",
            "command_palette",
            "commands",
            show=False,
            priority=True,
            id="app.command_palette",
        ),
        Binding("ctrl+c", "quit", "quit", show=False, priority=True, id="app.quit"),
    ]

    def __init__(
        self,
        pack: Pack,
        problems: list[Problem] | None = None,
        *,
        state: ReaderState | None = None,
    ) -> None:
        super().__init__()
        self.pack = pack
        self.problems = problems or []
        self.state = state if state is not None else ReaderState()
        self._position_key = pack_key(pack.path or pack.article.path, pack.meta.title)
        self._last_save = 0.0
        self.register_theme(HIGH_CONTRAST)
        if self.state.theme and self.state.theme in self.available_themes:
            self.theme = self.state.theme

    def get_default_screen(self):  # type: ignore[no-untyped-def]
        from reader.ui.screens.reader_screen import ReaderScreen

        return ReaderScreen(self.pack, start_sentence=self.start_sentence())

    def start_sentence(self) -> int:
        """Where this pack was left last time (0 if never opened or the text is gone)."""
        position = self.state.positions.get(self._position_key)
        if position is None:
            return 0
        found = position.resolve(self.pack.article)
        return found if found is not None else 0

    def on_mount(self) -> None:
        self.title = sanitize_line(self.pack.meta.title)
        if os.environ.get("NO_COLOR"):
            self.add_class("-monochrome")
        warnings = sum(1 for p in self.problems if p.severity == "warning")
        if warnings:
            self.notify(
                f"This pack has {warnings} warning{'s' if warnings != 1 else ''}; "
                "run `lateral check` to list them.",
                markup=False,
                timeout=4,
            )

    def remember_position(self, pack: Pack, sentence: int) -> None:
        if not pack.article.sentences:
            return
        self.state.positions[self._position_key] = Position.of_sentence(pack.article, sentence)
        now = time.monotonic()
        if now - self._last_save >= SAVE_EVERY:
            self._last_save = now
            save_state(self.state)

    def watch_theme(self, theme: str) -> None:
        self.state.theme = theme
        self.set_class(theme == HIGH_CONTRAST.name, "-high-contrast")

    def on_unmount(self) -> None:
        save_state(self.state)


def make_app(
    pack: Pack,
    problems: list[Problem] | None = None,
    *,
    state_dir: Path | None = None,
    use_state: bool = True,
) -> LateralApp:
    """The app for ``pack``, with the user's saved state (positions, theme)."""
    state = load_state(state_dir) if use_state else ReaderState()
    return LateralApp(pack, problems, state=state)


def run_reader(pack: Pack, problems: list[Problem]) -> int:
    app = make_app(pack, problems)
    app.run()
    return app.return_code or 0
