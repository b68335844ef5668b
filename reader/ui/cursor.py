"""Where the terminal's own cursor goes, for screen readers and magnifiers that follow it.

Textual keeps the cursor hidden but moves it to ``App.cursor_position`` after every frame;
text fields put it where they type. A list has no such place, so the reader puts it on the
row that is selected.
"""

from __future__ import annotations

__all__ = ["cursor_on_row"]

from textual.geometry import Offset
from textual.widget import Widget


def cursor_on_row(widget: Widget, row: int) -> None:
    """Put the terminal's cursor at the start of content row ``row`` of ``widget`` (a list's
    selected option), if it is in view."""
    region = widget.content_region
    y = row - widget.scroll_offset.y
    if region and 0 <= y < region.height:
        widget.app.cursor_position = Offset(region.x, region.y + y)
