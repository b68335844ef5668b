"""The help screen (``?``): every key, grouped."""

from __future__ import annotations

__all__ = ["HelpScreen"]

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.ui.keys import HELP_ROWS
from reader.ui.safe import safe

INTRO = (
    "The article is on the left (or on top); the fact-check panel follows the highlighted "
    "sentence. Sentences that carry a claim are marked in the margin with the verdict's symbol "
    "and word. Your place is remembered when you quit."
)


def help_content() -> Content:
    parts: list[Content] = [safe("Keys", "bold"), safe("\n")]
    group = ""
    for row_group, keys, description in HELP_ROWS:
        if row_group != group:
            group = row_group
            parts.append(safe("\n"))
            parts.append(safe(group, "bold underline"))
            parts.append(safe("\n"))
        parts.append(safe(f"  {keys:<14}", "bold"))
        parts.append(safe(f"{description}\n"))
    parts.append(safe("\nMouse: click a sentence to select it; the wheel scrolls.\n"))
    parts.append(safe("\n" + INTRO + "\n\nPress Escape, q or ? to close."))
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [  # noqa: RUF012
        Binding("escape,q,question_mark,f1", "dismiss", "close", id="help.close"),
        Binding("j,down", "scroll('down')", "down", show=False),
        Binding("k,up", "scroll('up')", "up", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(help_content(), markup=False, id="help-text")

    def action_scroll(self, direction: str) -> None:
        box = self.query_one("#help-box", VerticalScroll)
        box.scroll_relative(y=1 if direction == "down" else -1, animate=False)
