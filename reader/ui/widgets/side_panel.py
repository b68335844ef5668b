"""The fact-check panel: footnotes, verdict, accounts, notes and questions for one sentence."""

from __future__ import annotations

__all__ = ["SidePanel"]

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.style import Style
from textual.widgets import Static

from reader.panel import Section
from reader.text.sanitize import sanitize_for_display

_ROLE_CLASSES = {
    "heading": "side-panel--heading",
    "label": "side-panel--label",
    "body": "side-panel--body",
    "quote": "side-panel--quote",
    "url": "side-panel--url",
    "muted": "side-panel--muted",
    "stance": "side-panel--stance",
    "empty": "side-panel--empty",
    "focus": "side-panel--focus",
    "title": "side-panel--title",
    "verdict:good": "side-panel--good",
    "verdict:bad": "side-panel--bad",
    "verdict:mixed": "side-panel--mixed",
    "verdict:neutral": "side-panel--neutral",
}


class SidePanel(VerticalScroll, can_focus=True):
    """Shows :class:`reader.panel.Section` lists; scrolls when they are long."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(_ROLE_CLASSES.values())

    DEFAULT_CSS = """
    SidePanel > Static { width: 100%; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._body = Static("", markup=False, id="panel-body")
        self._sections: list[Section] = []
        self._styles: dict[str, Style] = {}

    def compose(self) -> ComposeResult:
        yield self._body

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        if self._sections:
            self._body.update(self._render_sections(self._sections))

    def _style(self, role: str) -> Style:
        style = self._styles.get(role)
        if style is None:
            name = _ROLE_CLASSES.get(role, "side-panel--body")
            style = Style.from_rich_style(self.get_component_rich_style(name, partial=True))
            self._styles[role] = style
        return style

    def show(self, sections: list[Section], *, scroll_home: bool = True) -> None:
        self._sections = sections
        self._body.update(self._render_sections(sections))
        if scroll_home:
            self.scroll_home(animate=False)

    @property
    def plain_text(self) -> str:
        """What the panel shows, as text (for tests and accessibility)."""
        return self._render_sections(self._sections).plain

    def _render_sections(self, sections: list[Section]) -> Content:
        parts: list[Content] = []
        for number, section in enumerate(sections):
            if number:
                parts.append(Content("\n\n"))
            parts.append(Content.styled(section.title.upper(), self._style("title")))
            for line in section.lines:
                parts.append(Content("\n"))
                for text, role in line:
                    parts.append(Content.styled(sanitize_for_display(text), self._style(role)))
        return Content.assemble(*parts) if parts else Content("")
