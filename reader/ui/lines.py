"""Handing Textual finished lines from a Line-API widget that draws its own margins.

Textual passes every line a widget draws through its styles cache, which adds padding,
borders, tint and opacity. The article view and the panel draw their margins and scroll bars
themselves and have none of those, so for them the cache only copies each line; on a frame
that repaints the whole screen that copying costs as much as drawing the text. These helpers
let such a widget return its lines directly, keeping the app's line filters (no colour, the
dimmed screen behind a dialog), and fall back to Textual's path if a theme or a user's CSS
ever gives the widget a border, padding or effect.
"""

from __future__ import annotations

__all__ = [
    "NO_BAR",
    "THUMB",
    "TRACK",
    "bar_cell",
    "bar_segment",
    "draws_plainly",
    "finish_lines",
]

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

# What a row's one-cell scroll bar shows (see :func:`reader.layout.scroll_thumb`).
NO_BAR, THUMB, TRACK = "", "thumb", "track"


def bar_cell(y: int, thumb: tuple[int, int] | None) -> str:
    """The scroll-bar cell of row ``y``, given the thumb's rows (``None``: no bar)."""
    if thumb is None:
        return NO_BAR
    return THUMB if thumb[0] <= y < thumb[1] else TRACK


def bar_segment(cell: str, base: Style, thumb_style: Style, track_style: Style) -> Segment:
    """The scroll-bar cell drawn: a block for the thumb, a thin rule for the track."""
    if cell == THUMB:
        return Segment("█", base + thumb_style)
    if cell == TRACK:
        return Segment("│", base + track_style)
    return Segment(" ", base)


def draws_plainly(widget: Widget) -> bool:
    """True when ``widget``'s styles add nothing to the lines it draws."""
    styles = widget.styles
    return not (
        widget.BLANK
        or styles.padding
        or any(edge for edge, _ in styles.border)
        or any(edge for edge, _ in styles.outline)
        or styles.tint.a
        or styles.opacity != 1
        or styles.text_opacity != 1
        or (styles.has_rule("hatch") and styles.hatch != "none")
    )


def finish_lines(widget: Widget, crop: Region, render_line: Callable[[int], Strip]) -> list[Strip]:
    """The lines of ``crop`` from ``render_line``, filtered and cropped as Textual would."""
    strips = [render_line(y) for y in crop.line_range]
    filters = widget.get_line_filters()
    if filters:
        background = widget.background_colors[1]
        for line_filter in filters:
            strips = [strip.apply_filter(line_filter, background) for strip in strips]
    x1, x2 = crop.column_span
    if (x1, x2) != (0, widget.size.width):
        strips = [strip.crop(x1, x2) for strip in strips]
    return strips
