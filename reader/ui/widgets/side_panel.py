"""The fact-check panel: footnotes, verdict, accounts, notes and questions for one sentence.

The panel follows every cursor move, so it is a fixed-size Line-API widget that scrolls
itself: new content never changes the screen's layout. It keeps what each of its rows shows
and, when the content or the scroll position changes, repaints only the rows that differ
(moving within a claim repaints none); wrapped lines are remembered, so moving back and forth
does not wrap the same text again. It draws its own separator (a rule on the left, or on top
when the panel sits below the article), its margins and a one-cell scroll bar, and hands
Textual finished lines (see :mod:`reader.ui.lines`).
"""

from __future__ import annotations

__all__ = ["SidePanel"]

from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from reader.layout import scroll_thumb, wrap_runs
from reader.panel import Section
from reader.text.sanitize import sanitize_for_display
from reader.ui.internals import FinishedStrip
from reader.ui.lines import (
    NO_BAR,
    bar_cell,
    bar_segment,
    draws_plainly,
    finish_lines,
)

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
_WRAP_CACHE_SIZE = 4096

Line = tuple[tuple[str, str], ...]  # one display line: runs of (text, role)
Row = tuple[Line, str]  # one row of the widget: its line and its scroll-bar cell
_SEPARATOR = "separator"  # the bar cell of the rule drawn on top when the panel sits below
_SEPARATOR_ROW: Row = ((), _SEPARATOR)


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
        self._lines: list[Line] | None = None
        self._wrapped_width = -1
        self._wrap_cache: dict[tuple[Line, int], list[Line]] = {}
        self._drawn: list[Row] = []  # what each row of the widget shows, as last painted
        self._frame: dict[int, Strip] = {}  # y -> the drawn row
        self._drawn_size: Size | None = None  # the size the rows in _frame were drawn at
        self._styles: dict[str, RichStyle] = {}
        self._base_style: RichStyle | None = None
        self.top_line = 0
        self.subject: object = None  # what the sections shown are about (given to `show`)

    # -- content ------------------------------------------------------------------------------

    def show(self, sections: list[Section], *, subject: object = None,
             scroll_home: bool = True) -> None:
        """Show ``sections``, about ``subject``, repainting only the rows that change."""
        self.subject = subject
        if sections == self._sections and (not scroll_home or self.top_line == 0):
            return  # the same panel as before: nothing to repaint
        self._sections = sections
        self._lines = None
        if scroll_home:
            self.top_line = 0
        else:
            self.top_line = max(0, min(self.top_line, self.max_top_line))
        self._repaint_changed_rows()

    @property
    def plain_text(self) -> str:
        """What the panel shows, as plain text, one panel line per line."""
        out: list[str] = []
        for number, section in enumerate(self._sections):
            if number:
                out.append("")
            out.append(section.title.upper())
            out.extend(sanitize_for_display("".join(t for t, _ in line)) for line in section.lines)
        return "\n".join(out)

    def _rows(self) -> list[Row]:
        """What each row of the widget shows now: its runs and its scroll-bar cell."""
        rows: list[Row] = []
        height = self.text_height
        if self.separator_on_top:
            rows.append(_SEPARATOR_ROW)
        lines = self.lines
        total = len(lines)
        top = self.top_line
        thumb = scroll_thumb(height, total, top)
        for y in range(height):
            index = top + y
            rows.append((lines[index] if index < total else (), bar_cell(y, thumb)))
        return rows

    def _repaint_changed_rows(self) -> None:
        """Ask Textual to redraw only the rows whose content or scroll-bar cell changed."""
        if not self.is_mounted or not self.size:
            self._repaint_all()  # nothing on screen to compare with: draw afresh when shown
            return
        rows = self._rows()
        drawn = self._drawn
        width = self.size.width
        regions: list[Region] = []
        start: int | None = None
        for y in range(len(rows) + 1):
            changed = y < len(rows) and (y >= len(drawn) or rows[y] != drawn[y])
            if changed:
                self._frame.pop(y, None)
                if start is None:
                    start = y
            elif start is not None:
                regions.append(Region(0, start, width, y - start))
                start = None
        self._drawn = rows
        if regions:
            self.refresh(*regions)

    def _repaint_all(self) -> None:
        self._frame.clear()
        self._drawn = []
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._base_style = None
        self._frame.clear()
        self._drawn = []

    def on_resize(self, event: events.Resize) -> None:
        if event.size == self._drawn_size and self._frame:
            return  # the first frame was already drawn at this size
        self._start_over()
        self._repaint_all()

    def on_focus(self) -> None:
        self._repaint_all()  # the separator shows the focus

    def on_blur(self) -> None:
        self._repaint_all()

    def _start_over(self) -> None:
        """Forget every row drawn at another size: wrap again, draw every row afresh.

        Textual may ask for rows at a new size before the Resize event arrives; a row kept
        from the old size would then be drawn at the wrong width (and a panel that moved
        below the article showed blank)."""
        self._lines = None
        self._frame.clear()
        self._drawn = []
        self._drawn_size = self.size
        self.top_line = max(0, min(self.top_line, self.max_top_line))

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
    def lines(self) -> list[Line]:
        """The panel's display lines at the current width: runs of (text, role)."""
        width = self.text_width
        if self._lines is None or self._wrapped_width != width:
            cache = self._wrap_cache
            if len(cache) > _WRAP_CACHE_SIZE:
                cache.clear()
            lines: list[Line] = []
            for number, section in enumerate(self._sections):
                if number:
                    lines.append(())
                lines.extend(self._wrap(((section.title.upper(), "title"),), width))
                for line in section.lines:
                    lines.extend(self._wrap(tuple(line), width))
            self._lines = lines
            self._wrapped_width = width
        return self._lines

    def _wrap(self, line: Line, width: int) -> list[Line]:
        """``line`` wrapped to ``width``, remembered: moving back and forth shows the same text."""
        key = (line, width)
        wrapped = self._wrap_cache.get(key)
        if wrapped is None:
            runs = [(sanitize_for_display(text), role) for text, role in line]
            wrapped = [tuple(w) for w in wrap_runs(runs, width)] if runs else [()]
            self._wrap_cache[key] = wrapped
        return wrapped

    @property
    def max_top_line(self) -> int:
        return max(0, len(self.lines) - self.text_height)

    def scroll_to_line(self, line: int) -> None:
        target = max(0, min(line, self.max_top_line))
        if target != self.top_line:
            self.top_line = target
            self._repaint_changed_rows()

    def scroll_to_title(self, title: str) -> None:
        """Scroll so the section called ``title`` starts at the top (if there is one)."""
        wanted = title.upper()
        for number, line in enumerate(self.lines):
            if line and line[0] == (wanted, "title"):
                self.scroll_to_line(number)
                return

    def scroll_to_role(self, role: str) -> None:
        """Scroll so the first line with a run of ``role`` (the footnote ``f`` marks, say) is
        at the top; a panel too small to show it all would otherwise keep it out of sight."""
        for number, line in enumerate(self.lines):
            if any(run_role == role for _, run_role in line):
                self.scroll_to_line(number)
                return

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
        if draws_plainly(self):
            return finish_lines(self, crop, self.render_line)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        if self.size != self._drawn_size:
            self._start_over()
        strip = self._frame.get(y)
        if strip is not None:
            return strip
        if not self._drawn:
            self._drawn = self._rows()
        runs, bar = self._drawn[y] if y < len(self._drawn) else ((), NO_BAR)
        base = self._base()
        width = self.size.width
        if bar == _SEPARATOR:
            separator = base + self._style("side-panel--separator")
            # With the focus, the rule is heavier: a sign that does not rest on colour alone.
            rule = "━" if self.has_focus else "▔"
            strip = FinishedStrip([Segment(rule * width, separator)], width)
        else:
            if self.separator_on_top:
                segments: list[Segment] = [Segment(" ", base)]
            else:
                separator = base + self._style("side-panel--separator")
                segments = [Segment("┃" if self.has_focus else "▏", separator),
                            Segment(" ", base)]
            used = 0
            for text, role in runs:
                segments.append(Segment(text, base + self._style(role)))
                used += cell_len(text)
            text_width = self.text_width
            if used > text_width:  # never expected: wrapping keeps lines within the width
                kept = Strip(segments).crop(0, len(segments[0].text) + text_width)
                segments, used = list(kept), text_width
            segments.append(Segment(" " * (text_width - used + 1), base))
            thumb, track = self._style("side-panel--thumb"), self._style("side-panel--scrollbar")
            segments.append(bar_segment(bar, base, thumb, track))
            strip = FinishedStrip(segments, width)
        self._frame[y] = strip
        return strip
