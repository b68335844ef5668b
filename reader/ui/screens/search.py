"""The search prompt (``/``): a one-line input; Enter searches, Escape cancels."""

from __future__ import annotations

__all__ = ["SearchScreen"]

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.text.sanitize import sanitize_line


class SearchScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "cancel", id="search.cancel")]  # noqa: RUF012

    def __init__(self, previous: str = "") -> None:
        super().__init__()
        self.previous = previous

    def compose(self) -> ComposeResult:
        with Horizontal(id="search-bar"):
            yield Static("Search: ", id="search-label", markup=False)
            yield Input(
                value=sanitize_line(self.previous),
                placeholder="words to find (Enter to search, Esc to cancel)",
                id="search-input",
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value if event.value.strip() else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
