"""The start-up floor of a Textual app: ``python -m benchmarks.bare_app``.

The smallest honest Textual app: a full-screen :class:`~textual.app.App` whose screen shows one
line of text, through the same driver, compositor and terminal the reader uses, and that quits
on ``q`` as the reader does. The harness times it to the first frame containing :data:`MARKER`,
exactly as it times the reader, so that the reader's first screen can be given as a ratio to
the least any Textual app can do here.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

MARKER = "lighthouse"  # a word no escape sequence or default widget writes


class BareApp(App[None]):
    """One line of text, and ``q`` to quit."""

    BINDINGS = [("q", "quit", "Quit")]  # noqa: RUF012

    def compose(self) -> ComposeResult:
        yield Static(f"A bare Textual app: one line, the word {MARKER}.", markup=False)


if __name__ == "__main__":
    BareApp().run()
