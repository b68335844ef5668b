"""The fact-check panel: footnotes, verdict, accounts, notes and questions for one sentence.

The panel is redrawn on every cursor move, so it is a fixed-size Line-API widget that scrolls
itself: new content never changes the screen's layout, and only the panel's own lines are
repainted. It draws its own separator (a rule on the left, or on top when the panel sits
below the article), its margins and a one-cell scroll bar: drawn by Textual's border and
padding styles they cost as much again as the text on every repaint.
"""

from __future__ import annotations

__all__ = ["SidePanel"]

from collections.abc import Callable
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from reader.layout import wrap_runs
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
_SCROLL_STEP = 3


class SidePanel(Widget, can_focus=True):
    """Shows :class:`reader.panel.Section` lists; scrolls when they are long."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *_ROLE_CLASSES.values(),
        "side-panel--scrollbar",
        "side-panel--thumb",
        "side-panel--separator",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "scroll_by(1)", show=False),
        Binding("up", "scroll_by(-1)", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._sections: list[Section] = []
        self._lines: list[list[tuple[str, str]]] | None = None
        self._wrapped_width = -1
        self._frame: dict[tuple[int, int], Strip] = {}  # (top line, y) -> the drawn line
        self._styles: dict[str, RichStyle] = {}
        self._base_style: RichStyle | None = None
        self._pending: tuple[Callable[[], list[Section]], bool] | None = None
        self.top_line = 0

    # -- content ------------------------------------------------------------------------------

    def show_later(self, build: Callable[[], list[Section]], *, scroll_home: bool = True) -> None:
        """Show what ``build`` returns, building it only when the panel is next drawn."""
        self._pending = (build, scroll_home)
        self.refresh()

    def build_now(self) -> None:
        self._build_pending(repaint=True)

    def _build_pending(self, *, repaint: bool) -> None:
        if self._pending is not None:
            build, scroll_home = self._pending
            self._pending = None
            self.show(build(), scroll_home=scroll_home, repaint=repaint)

    def show(
        self, sections: list[Section], *, scroll_home: bool = True, repaint: bool = True
    ) -> None:
        """Show ``sections``. ``repaint=False`` when the whole panel is being drawn anyway."""
        self._pending = None
        if sections == self._sections and (not scroll_home or self.top_line == 0):
            return  # the same panel as before: nothing to repaint
        self._sections = sections
        self._lines = None
        self._frame.clear()
        if scroll_home:
            self.top_line = 0
        if repaint:
            self.refresh()

    @property
    def plain_text(self) -> str:
        """What the panel shows, as text, one panel line per line (for tests)."""
        self.build_now()
        out: list[str] = []
        for number, section in enumerate(self._sections):
            if number:
                out.append("")
            out.append(section.title.upper())
            out.extend(sanitize_for_display("".join(t for t, _ in line)) for line in section.lines)
        return "\n".join(out)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._base_style = None
        self._frame.clear()

    def on_resize(self, event: events.Resize) -> None:
        self._lines = None
        self._frame.clear()
        self.refresh()

    def _style(self, role: str) -> RichStyle:
        style = self._styles.get(role)
        if style is None:
            name = _ROLE_CLASSES.get(role, role)
            style = self.get_component_rich_style(name, partial=True)
            self._styles[role] = style
        return style

    # -- wrapping and scrolling ----------------------------------------------------------------

    @property
    def separator_on_top(self) -> bool:
        """The separator is a rule on top when the panel sits below the article."""
        return self.has_class("-below")

    @property
    def text_width(self) -> int:
        # A separator column (when at the side), a margin each side, the scroll bar.
        return max(1, self.size.width - (3 if self.separator_on_top else 4))

    @property
    def text_height(self) -> int:
        return max(1, self.size.height - (1 if self.separator_on_top else 0))

    @property
    def lines(self) -> list[list[tuple[str, str]]]:
        """The panel's display lines at the current width: runs of (text, role)."""
        self.build_now()
        width = self.text_width
        if self._lines is None or self._wrapped_width != width:
            lines: list[list[tuple[str, str]]] = []
            for number, section in enumerate(self._sections):
                if number:
                    lines.append([])
                lines.extend(wrap_runs([(section.title.upper(), "title")], width))
                for line in section.lines:
                    runs = [(sanitize_for_display(text), role) for text, role in line]
                    lines.extend(wrap_runs(runs, width) if runs else [[]])
            self._lines = lines
            self._wrapped_width = width
            self._frame.clear()
        return self._lines

    @property
    def max_top_line(self) -> int:
        return max(0, len(self.lines) - self.text_height)

    def scroll_to_line(self, line: int) -> None:
        target = max(0, min(line, self.max_top_line))
        if target != self.top_line:
            self.top_line = target
            self.refresh()

    def action_scroll_by(self, lines: int) -> None:
        self.scroll_to_line(self.top_line + lines)

    def scroll_page(self, pages: int) -> None:
        self.scroll_to_line(self.top_line + pages * max(1, self.text_height - 1))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.scroll_to_line(self.top_line + _SCROLL_STEP)
        event.stop()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.scroll_to_line(self.top_line - _SCROLL_STEP)
        event.stop()

    # -- rendering ------------------------------------------------------------------------------

    def _base(self) -> RichStyle:
        """The widget's own style (looked up once per style change, not per line)."""
        base = self._base_style
        if base is None:
            base = self._base_style = self.rich_style
        return base

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._pending is not None:
            # `show_later` asked for the whole panel to be drawn, and this is that drawing:
            # build now without asking for another frame. A partial drawing (part of the
            # panel uncovered by a closing dialog) still asks for the rest.
            self._build_pending(repaint=crop.size != self.size)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        self._build_pending(repaint=True)
        key = (self.top_line, y)
        strip = self._frame.get(key)
        if strip is not None:
            return strip
        base = self._base()
        separator = base + self._style("side-panel--separator")
        if self.separator_on_top:
            if y == 0:
                strip = Strip([Segment("▔" * self.size.width, separator)], self.size.width)
                self._frame[key] = strip
                return strip
            y -= 1
            segments: list[Segment] = [Segment(" ", base)]
        else:
            segments = [Segment("▏", separator), Segment(" ", base)]
        lines = self.lines
        index = self.top_line + y
        used = 0
        if index < len(lines):
            for text, role in lines[index]:
                segments.append(Segment(text, base + self._style(role)))
                used += cell_len(text)
        text_width = self.text_width
        if used > text_width:  # never expected: wrapping keeps lines within the width
            kept = Strip(segments).crop(0, len(segments[0].text) + text_width)
            segments, used = list(kept), text_width
        segments.append(Segment(" " * (text_width - used + 1), base))
        segments.append(self._scrollbar_cell(y, len(lines), base))
        strip = Strip(segments, self.size.width)
        self._frame[key] = strip
        return strip

    def _scrollbar_cell(self, y: int, total: int, base: RichStyle) -> Segment:
        height = self.text_height
        if total <= height or height <= 0:
            return Segment(" ", base)
        thumb_size = max(1, height * height // total)
        thumb_start = (height - thumb_size) * self.top_line // max(1, total - height)
        if thumb_start <= y < thumb_start + thumb_size:
            return Segment("█", base + self._style("side-panel--thumb"))
        return Segment("│", base + self._style("side-panel--scrollbar"))
