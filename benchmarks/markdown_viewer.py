"""The anchor: a document opened in Textual's ``MarkdownViewer`` (the widget frogmouth uses)."""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import MarkdownViewer


class ViewerApp(App[None]):
    BINDINGS = [("q", "quit", "quit")]  # noqa: RUF012

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield MarkdownViewer(self.text, show_table_of_contents=True, open_links=False)


if __name__ == "__main__":
    ViewerApp(Path(sys.argv[1]).read_text(encoding="utf-8")).run()
