"""The article pane: the whole text drawn line by line, with a sentence cursor.

A Line-API widget (like Textual's ``Log``): nothing is mounted per paragraph or sentence, so a
5 MB book costs no more to move through than a page. Only the lines of the old and the new
sentence are repainted when the cursor moves, and rendered lines are cached.

The view draws its own margins and its one-cell scroll bar into each line and hands Textual
finished lines (see :mod:`reader.ui.lines`): drawn by Textual's padding and scroll-bar widget,
a page's worth of them cost as much again as the text every time the view scrolls.
"""

from __future__ import annotations

__all__ = ["ArticleView"]

import bisect
from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.layout import BLANK, Layout, scroll_thumb, scroll_top_for
from reader.model import Pack
from reader.navigation import Navigator
from reader.text.sanitize import sanitize_for_display
from reader.ui.internals import FinishedStrip
from reader.ui.lines import (
    NO_BAR,
    THUMB,
    TRACK,
    bar_cell,
    bar_segment,
    draws_plainly,
    finish_lines,
)

_GUTTER_MAX = 16
_NOT_REVIEWED = ("·", "Not reviewed", "neutral")
_YOUR_CALL = ("?", "Your call", "neutral")
_NOTE_MARK = "✎"
_CHROME = 3  # a margin on the left, and on the right a margin and the scroll bar


class ArticleView(ScrollView, can_focus=True):
    """Shows the article and moves a cursor between its sentences."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--text",
        "article-view--heading",
        "article-view--note",
        "article-view--cursor",
        "article-view--claim",
        "article-view--marker",
        "article-view--match",
        "article-view--match-current",
        "article-view--gutter",
        "article-view--tone-good",
        "article-view--tone-bad",
        "article-view--tone-mixed",
        "article-view--tone-neutral",
        "article-view--note-mark",
        "article-view--scrollbar",
        "article-view--thumb",
    }

    DEFAULT_CSS = """
    ArticleView {
        background: $surface;
        overflow-x: hidden;
        scrollbar-size-vertical: 0;
    }
    """

    class SentenceChanged(Message):
        """The cursor moved to another sentence."""

        def __init__(self, sentence: int) -> None:
            super().__init__()
            self.sentence = sentence

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ArticleView.SentenceChanged)

    def __init__(
        self,
        pack: Pack,
        navigator: Navigator,
        *,
        cursor: int = 0,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.pack = pack
        self.navigator = navigator
        self.display_text = sanitize_for_display(pack.article.text)
        self.cursor = navigator.clamp(cursor)
        self.layout_: Layout | None = None
        self.gutter_width = 0
        self._gutter: dict[int, tuple[str, str]] = {}
        self._claim_spans: list[tuple[int, int, str]] = []
        self._matches: list[tuple[int, int]] = []
        self._current_match: int | None = None
        self._cache: LRUCache[tuple[int, str], Strip] = LRUCache(2048)  # (line, bar) -> strip
        self._dragging_bar = False
        self._styles: dict[str, Style] = {}
        self._base_style: Style | None = None
        self._claim_sentences = self._claims_by_sentence()
        self._note_sentences: set[int] = set()
        self._note_lines: set[int] = set()
        self._hidden_claims: set[str] = set()
        self._marker_starts = [marker.start for marker in pack.article.markers]

    def set_marks(self, note_sentences: set[int], hidden_claims: set[str]) -> None:
        """Mark sentences with the student's notes; hide the verdicts of claims not guessed."""
        if note_sentences == self._note_sentences and hidden_claims == self._hidden_claims:
            return
        self._note_sentences = note_sentences
        self._hidden_claims = hidden_claims
        if self.layout_ is not None:
            self._gutter = self._gutter_marks(self.gutter_width)
        self._cache.clear()
        self.refresh()

    def use_pack(self, pack: Pack, navigator: Navigator) -> None:
        """The same article with other claims (placed in the background): redraw the marks."""
        self.pack = pack
        self.navigator = navigator
        self._claim_sentences = self._claims_by_sentence()
        if self.layout_ is not None:
            self._relayout(self.layout_.width + self.gutter_width)
        self.refresh()

    # -- setup --------------------------------------------------------------------------------

    def _claims_by_sentence(self) -> set[int]:
        """Sentences that carry a claim (they are underlined)."""
        return {s for claim in self.navigator.placed_claims for s in claim.sentences}

    def _gutter_marks(self, width: int) -> dict[int, tuple[str, str]]:
        """Display line → (mark text, tone) for the first line of every claim."""
        assert self.layout_ is not None
        self._note_lines = {self.layout_.sentence_first[s] for s in self._note_sentences
                            if s < len(self.layout_.sentence_first)}
        width -= 1
        marks: dict[int, tuple[str, str]] = {}
        scale = self.pack.scale
        for claim in self.navigator.placed_claims:
            verdict = scale.get(claim.verdict)
            if claim.id in self._hidden_claims:
                glyph, label, tone = _YOUR_CALL
            elif verdict is not None:
                glyph, label, tone = verdict.glyph, verdict.label, verdict.tone
            else:
                glyph, label, tone = _NOT_REVIEWED
            text = f"{glyph} {label}" if width > 3 else glyph
            if len(text) > width - 1:
                text = text[: max(1, width - 2)] + "…"
            line = self.layout_.sentence_first[claim.sentences[0]]
            while line in marks:
                line += 1
            marks[line] = (text, tone)
        return marks

    def _gutter_size(self, total_width: int) -> int:
        # The last two columns: the note mark, and a space so that it never touches the text.
        if not self.navigator.placed_claims:
            return 3
        labels = [len(v.label) for v in self.pack.scale.verdicts] + [len(_NOT_REVIEWED[1])]
        wanted = min(_GUTTER_MAX, max(labels) + 3)
        if total_width - wanted < 40:
            return 4  # the glyph alone (the word is in the panel), and the note mark
        return wanted + 2

    def _relayout(self, width: int) -> None:
        self.gutter_width = self._gutter_size(width)
        text_width = max(10, width - self.gutter_width)
        self.layout_ = Layout(self.pack.article, self.display_text, text_width)
        self._gutter = self._gutter_marks(self.gutter_width)
        self._cache.clear()
        self.virtual_size = Size(width, self.layout_.line_count)

    @property
    def text_area_width(self) -> int:
        """Cells for the margin marks and the text: the view less its margins and scroll bar."""
        return max(0, self.scrollable_content_region.width - _CHROME)

    def on_resize(self, event: events.Resize) -> None:
        width = self.text_area_width
        if self.layout_ is None or width != self.layout_.width + self.gutter_width:
            self._relayout(width)
            self.call_after_refresh(self.scroll_to_cursor, center=True)
        self.call_after_refresh(self.place_terminal_cursor)

    def _lay_out_before_first_frame(self) -> None:
        """Wrap the text when the first frame is drawn, not when the Resize event follows it.

        Textual draws a new widget once before telling it its size; without this the first
        frame shows an empty article and the text arrives a frame (about 40 ms) later.
        """
        if self.layout_ is None and self.size.width and self.size.height:
            self._relayout(self.text_area_width)
            self.scroll_to_cursor(center=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._base_style = None
        self._cache.clear()

    # -- cursor -------------------------------------------------------------------------------

    @property
    def cursor_lines(self) -> tuple[int, int]:
        if self.layout_ is None or not self.pack.article.sentences:
            return 0, 0
        return self.layout_.sentence_first[self.cursor], self.layout_.sentence_last[self.cursor]

    def move_to(self, sentence: int, *, center: bool = False) -> None:
        """Put the cursor on ``sentence``, repaint what changed and bring it into view."""
        sentence = self.navigator.clamp(sentence)
        if not self.pack.article.sentences:
            return
        if sentence == self.cursor:
            self.scroll_to_cursor(center=center)
            self.place_terminal_cursor()
            return
        old_first, old_last = self.cursor_lines
        self.cursor = sentence
        self._refresh_lines(old_first, old_last)
        first, last = self.cursor_lines
        self._refresh_lines(first, last)
        self.scroll_to_cursor(center=center)
        self.place_terminal_cursor()
        self.post_message(self.SentenceChanged(sentence))

    def page_target(self, direction: int) -> int | None:
        """The sentence a screen further on (``direction`` 1) or back (-1) from the cursor,
        and at least the next or previous one; None before the text is laid out."""
        layout = self.layout_
        if layout is None:
            return None
        height = max(1, self.scrollable_content_region.height - 2)
        first, _ = self.cursor_lines
        line = max(0, min(layout.line_count - 1, first + direction * height))
        offset = None
        step = 1 if direction > 0 else -1
        while 0 <= line < layout.line_count and offset is None:
            offset = layout.offset_at(line, 0)
            line += step
        if offset is not None:
            sentence = self.pack.article.sentence_at(offset)
            if sentence is not None and sentence != self.cursor:
                return sentence
        return self.cursor + direction

    def place_terminal_cursor(self) -> None:
        """Put the terminal's own cursor at the start of the current sentence, for screen
        readers and magnifiers that follow it (Textual keeps it hidden, so it is not seen)."""
        layout = self.layout_
        sentences = self.pack.article.sentences
        if layout is None or not sentences or not self.has_focus:
            return
        start = sentences[self.cursor].start
        y = layout.line_of(start) - self.scroll_offset.y
        if not 0 <= y < self.scrollable_content_region.height:
            return
        region = self.content_region
        x = region.x + 1 + self.gutter_width + layout.column_of(start)
        self.app.cursor_position = Offset(min(x, region.right - 1), region.y + y)

    def on_focus(self) -> None:
        self.place_terminal_cursor()

    def scroll_to_cursor(self, center: bool = False) -> None:
        """Bring the cursor into view.

        When the cursor leaves the view, the view jumps so that the sentence sits a third of
        the way down, like paging: the text ahead is visible, and moving on sentence by
        sentence repaints the whole view only now and then.
        """
        if self.layout_ is None:
            return
        # Forced: before the first frame Textual has not yet seen that the text overflows,
        # and would refuse to scroll. The offset is still kept within the text.
        first, last = self.cursor_lines
        height = max(1, self.scrollable_content_region.height)
        top = self.scroll_offset.y
        span = last - first + 1
        settled = max(0, first - max(0, (height - span) // 3))
        if center or span > height:
            self.scroll_to(y=settled, animate=False, immediate=True, force=True)
        elif first < top:
            target = max(0, last - (2 * height) // 3)
            self.scroll_to(y=min(first, target), animate=False, immediate=True, force=True)
        elif last >= top + height:
            self.scroll_to(y=settled, animate=False, immediate=True, force=True)

    def _refresh_lines(self, first: int, last: int) -> None:
        for line in range(first, last + 1):
            for bar in (NO_BAR, THUMB, TRACK):
                self._cache.discard((line, bar))
        self.refresh_lines(first, last - first + 1)

    # -- search matches ------------------------------------------------------------------------

    def set_matches(self, matches: Sequence[tuple[int, int]], current: int | None) -> None:
        self._matches = list(matches)
        self._current_match = current
        self._cache.clear()
        self.refresh()

    # -- mouse --------------------------------------------------------------------------------

    def on_mouse_down(self, event: events.MouseDown) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.x != self.scrollable_content_region.width - 1:
            return
        if self._thumb() is not None:
            self._dragging_bar = True
            self.capture_mouse()
            self._scroll_to_bar(offset.y)
            event.stop()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging_bar:
            self._scroll_to_bar(event.y)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging_bar:
            self._dragging_bar = False
            self.release_mouse()

    def _scroll_to_bar(self, row: int) -> None:
        assert self.layout_ is not None
        height = self.scrollable_content_region.height
        top = scroll_top_for(row, height, self.layout_.line_count)
        self.scroll_to(y=top, animate=False, immediate=True)

    def on_click(self, event: events.Click) -> None:
        if self.layout_ is None:
            return
        offset = event.get_content_offset(self)
        if offset is None or offset.x >= self.scrollable_content_region.width - 2:
            return  # the right margin or the scroll bar
        line = self.scroll_offset.y + offset.y
        column = offset.x - 1 - self.gutter_width
        position = self.layout_.offset_at(line, max(0, column))
        if position is None:
            return
        sentence = self.pack.article.sentence_at(position)
        if sentence is not None:
            self.move_to(sentence)

    # -- rendering ------------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self.get_component_rich_style(f"article-view--{name}", partial=False)
            self._styles[name] = style
        return style

    def render_lines(self, crop: Region) -> list[Strip]:
        self._lay_out_before_first_frame()
        if not draws_plainly(self):
            return super().render_lines(crop)
        top, thumb = self.scroll_offset.y, self._thumb()  # once per drawing, not per line
        return finish_lines(self, crop, lambda y: self.line_strip(top + y, bar_cell(y, thumb)))

    def _thumb(self) -> tuple[int, int] | None:
        if self.layout_ is None:
            return None
        height = self.scrollable_content_region.height
        return scroll_thumb(height, self.layout_.line_count, self.scroll_offset.y)

    def render_line(self, y: int) -> Strip:
        return self.line_strip(self.scroll_offset.y + y, bar_cell(y, self._thumb()))

    def line_strip(self, line: int, bar: str = NO_BAR) -> Strip:
        """Display line ``line`` as drawn, its scroll-bar cell being ``bar``."""
        strip = self._cache.get((line, bar))
        if strip is not None:
            return strip
        width = self.scrollable_content_region.width
        base = self._base_style
        if base is None:
            base = self._base_style = self.rich_style
        if self.layout_ is None or line >= self.layout_.line_count:
            segments = [Segment(" " * max(0, width - 2), base)]
        else:
            segments = [Segment(" ", base), *self._line_segments(line, base)]
        used = sum(cell_len(segment.text) for segment in segments)
        if used > width - 2:  # a line never spills into the margin and the bar
            segments = list(Strip(segments).crop_extend(0, width - 2, base))
            used = width - 2
        segments.append(Segment(" " * max(0, width - 1 - used), base))
        segments.append(bar_segment(bar, base, self._style("thumb"), self._style("scrollbar")))
        # Cached at the view's width: the text never scrolls sideways (overflow-x: hidden).
        strip = FinishedStrip(segments, width)
        self._cache[(line, bar)] = strip
        return strip

    def _line_segments(self, line: int, base: Style) -> list[Segment]:
        layout = self.layout_
        assert layout is not None
        segments: list[Segment] = []
        if self.gutter_width:
            width = self.gutter_width - 2  # the last two columns: the note mark and a space
            mark = self._gutter.get(line)
            if mark is None:
                segments.append(Segment(" " * width, base))
            else:
                text, tone = mark
                padded = text.ljust(width)[:width]
                segments.append(
                    Segment(padded, base + self._style("gutter") + self._style(f"tone-{tone}"))
                )
            if line in self._note_lines:
                segments.append(Segment(_NOTE_MARK, base + self._style("note-mark")))
                segments.append(Segment(" ", base))
            else:
                segments.append(Segment("  ", base))
        block_index = layout.line_block[line]
        if block_index == BLANK:
            return segments
        start, end = layout.line_start[line], layout.line_end[line]
        block = self.pack.article.blocks[block_index]
        line_style = base + self._style("text")
        if block.kind == "heading":
            line_style += self._style("heading")
        elif block.kind == "note":
            line_style += self._style("note")
        text = self.display_text[start:end].replace("\n", " ")
        styles: list[Style | None] = [None] * len(text)
        self._paint_spans(styles, start, end, line)
        run_start = 0
        for index in range(1, len(text) + 1):
            if index == len(text) or styles[index] is not styles[run_start]:
                extra = styles[run_start]
                style = line_style + extra if extra is not None else line_style
                segments.append(Segment(text[run_start:index], style))
                run_start = index
        return segments

    def _paint_spans(self, styles: list[Style | None], start: int, end: int, line: int) -> None:
        """Fill ``styles`` for ``text[start:end]``: claims, markers, matches, then the cursor."""
        article = self.pack.article
        layout = self.layout_
        assert layout is not None
        first_sentence = article.sentence_at(start)
        if first_sentence is None:
            return
        index = first_sentence
        sentences = article.sentences
        layers: list[tuple[int, int, Style]] = []
        while index < len(sentences) and sentences[index].start < end:
            sentence = sentences[index]
            if sentence.end > start and index in self._claim_sentences:
                layers.append((sentence.start, sentence.end, self._style("claim")))
            index += 1
        markers = article.markers
        position = bisect.bisect_left(self._marker_starts, start - 16)
        while position < len(markers) and markers[position].start < end:
            marker = markers[position]
            if marker.end > start:
                layers.append((marker.start, marker.end, self._style("marker")))
            position += 1
        cursor = sentences[self.cursor] if sentences else None
        if cursor is not None and cursor.start < end and cursor.end > start:
            layers.append((cursor.start, cursor.end, self._style("cursor")))
        if self._matches:
            # Over the cursor, so that a match in the current sentence still shows; the match
            # the reader is on is marked apart (reverse video and underline: no colour needed).
            position = bisect.bisect_left(self._matches, (start - 200, 0))
            while position < len(self._matches) and self._matches[position][0] < end:
                m_start, m_end = self._matches[position]
                if m_end > start:
                    role = "match-current" if position == self._current_match else "match"
                    layers.append((m_start, m_end, self._style(role)))
                position += 1
        for span_start, span_end, style in layers:
            for offset in range(max(span_start, start), min(span_end, end)):
                current = styles[offset - start]
                styles[offset - start] = style if current is None else current + style
