"""Wrapping an article into display lines for a given width.

The article view draws one line at a time (Textual's Line API), so all it needs is, for each
display line, which block it belongs to and which slice of the text it shows. Lines are kept in
compact arrays, because a long book has a great many of them (figures in
``benchmarks/README.md``). Sentences are mapped to their first and last line, so moving the
cursor only repaints the lines it touches.

Widths are terminal cells (a CJK character takes two). The text given is the display text: the
canonical article text passed through the sanitiser, so offsets are the same as the article's.
"""

from __future__ import annotations

__all__ = [
    "BLANK",
    "Layout",
    "scroll_thumb",
    "scroll_top_for",
    "wrap_preformatted",
    "wrap_runs",
    "wrap_span",
]

import bisect
import functools
import re
from array import array

from rich.cells import cell_len

from reader.model import Article

BLANK = -1  # block index of a blank separator line
_WORD = re.compile(r"\S+")


def _width(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def _hard_break(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` (one long word) into pieces at most ``width`` cells wide."""
    pieces: list[tuple[int, int]] = []
    piece_start = start
    used = 0
    for index in range(start, end):
        char_width = _width(text[index])
        if used + char_width > width and index > piece_start:
            pieces.append((piece_start, index))
            piece_start = index
            used = 0
        used += char_width
    pieces.append((piece_start, end))
    return pieces


_LINE_PATTERNS: dict[int, re.Pattern[str]] = {}


def _line_pattern(width: int) -> re.Pattern[str]:
    """A line of at most ``width`` characters: from a non-space to a non-space before a space
    (or the end), or else the first ``width`` characters of a word too long to fit."""
    pattern = _LINE_PATTERNS.get(width)
    if pattern is None:
        if width == 1:
            pattern = re.compile(r"\S")
        else:
            pattern = re.compile(
                rf"\S(?:.{{0,{width - 2}}}\S)?(?=\s|\Z)|\S{{1,{width}}}", re.DOTALL
            )
        _LINE_PATTERNS[width] = pattern
    return pattern


def wrap_span(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text[start:end]``: (start, end) of each line, spaces trimmed.

    Text whose every character is one cell wide (ASCII, and most Latin, Cyrillic, Greek and
    Armenian) is wrapped by a regular expression, in C; other text character by character.
    """
    width = max(1, width)
    if _single_width(text, start, end):
        return [m.span() for m in _line_pattern(width).finditer(text, start, end)]
    return _wrap_cells(text, start, end, width)


_WIDE_OR_ZERO_PATTERN = (
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f"
    "\u0e31\u0e34-\u0e3a\u1100-\u115f\u200b-\u200f\u2329\u232a\u2e80-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe00-\ufe0f\ufe30-\ufe4f\uff00-\uff60"
    "\uffe0-\uffe6\U0001f000-\U0010ffff\u0900-\u0dff\u0f00-\u109f\u1780-\u17ff]"
)


@functools.cache
def _wide_or_zero() -> re.Pattern[str]:
    return re.compile(_WIDE_OR_ZERO_PATTERN)  # compiled on first use: it takes milliseconds


# Below U+0300 (Latin, its accents precomposed) and the dashes, quotation marks, bullets and
# ellipsis of U+2010-U+2027, every character is one cell. This small pattern compiles at once
# and settles almost every line of an English article; the full one takes milliseconds.
_OUTSIDE_NARROW = re.compile("[^\x00-\u02ff\u2010-\u2027]")


def _single_width(text: str, start: int, end: int) -> bool:
    """True if no character in the span is wide, combining or zero-width (so len = cells)."""
    if text.isascii() or _OUTSIDE_NARROW.search(text, start, end) is None:
        return True
    return _wide_or_zero().search(text, start, end) is None


def _wrap_cells(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap measuring terminal cells (wide and zero-width characters)."""
    lines: list[tuple[int, int]] = []
    line_start = -1
    line_end = -1
    used = 0
    ascii_only = text[start:end].isascii()
    for match in _WORD.finditer(text, start, end):
        word_start, word_end = match.span()
        word_width = (word_end - word_start) if ascii_only else _width(match.group())
        if line_start == -1:
            if word_width > width:
                pieces = _hard_break(text, word_start, word_end, width)
                lines.extend(pieces[:-1])
                line_start, line_end = pieces[-1]
                used = _width(text[line_start:line_end])
            else:
                line_start, line_end, used = word_start, word_end, word_width
            continue
        gap = word_start - line_end if ascii_only else _width(text[line_end:word_start])
        if used + gap + word_width <= width:
            line_end = word_end
            used += gap + word_width
            continue
        lines.append((line_start, line_end))
        if word_width > width:
            pieces = _hard_break(text, word_start, word_end, width)
            lines.extend(pieces[:-1])
            line_start, line_end = pieces[-1]
            used = _width(text[line_start:line_end])
        else:
            line_start, line_end, used = word_start, word_end, word_width
    if line_start != -1:
        lines.append((line_start, line_end))
    return lines


def wrap_preformatted(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Code: keep every line as written, cutting only lines wider than ``width``."""
    lines: list[tuple[int, int]] = []
    position = start
    while position <= end:
        newline = text.find("\n", position, end)
        line_end = end if newline == -1 else newline
        if line_end == position:
            lines.append((position, position))
        else:
            lines.extend(_hard_break(text, position, line_end, max(1, width)))
        if newline == -1:
            break
        position = newline + 1
    return lines


class Layout:
    """The display lines of an article at one text width."""

    def __init__(self, article: Article, display_text: str, width: int) -> None:
        self.width = max(1, width)
        self.text = display_text
        blocks = array("i")
        starts = array("i")
        ends = array("i")
        for block in article.blocks:
            if len(blocks):
                blocks.append(BLANK)
                starts.append(block.start)
                ends.append(block.start)
            wrap = wrap_preformatted if block.kind == "code" else wrap_span
            for line_start, line_end in wrap(
                display_text, block.content_start, block.end, self.width
            ) or [(block.content_start, block.content_start)]:
                blocks.append(block.index)
                starts.append(line_start)
                ends.append(line_end)
        self.line_block = blocks
        self.line_start = starts
        self.line_end = ends
        first = array("i")
        last = array("i")
        for sentence in article.sentences:
            first.append(self.line_of(sentence.start))
            last.append(self.line_of(max(sentence.start, sentence.end - 1)))
        self.sentence_first = first
        self.sentence_last = last

    @property
    def line_count(self) -> int:
        return len(self.line_block)

    def line_of(self, offset: int) -> int:
        """The display line showing the character at ``offset``."""
        line = bisect.bisect_right(self.line_start, offset) - 1
        while line > 0 and self.line_block[line] == BLANK:
            line -= 1
        return max(line, 0)

    def column_of(self, offset: int) -> int:
        """The cell column of ``offset`` on its display line."""
        line = self.line_of(offset)
        start = self.line_start[line]
        return sum(_width(char) for char in self.text[start:max(start, offset)])

    def offset_at(self, line: int, cells: int) -> int | None:
        """The text offset under cell column ``cells`` of display ``line`` (None if blank)."""
        if not 0 <= line < self.line_count or self.line_block[line] == BLANK:
            return None
        start, end = self.line_start[line], self.line_end[line]
        used = 0
        for index in range(start, end):
            used += _width(self.text[index])
            if used > cells:
                return index
        return max(start, end - 1)


_TOKEN = re.compile(r"\s+|\S+")
_SOFT_BREAKS = "/-?&="


def wrap_runs(runs: list[tuple[str, str]], width: int) -> list[list[tuple[str, str]]]:
    """Word-wrap a line made of styled runs ``(text, style)`` to ``width`` cells.

    Spaces at the start of a wrapped line are dropped; a word longer than the width is cut.
    Each output line is a list of runs; no text other than those spaces is lost.
    """
    width = max(1, width)
    lines: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    used = 0

    def push(text: str, style: str) -> None:
        nonlocal used
        if current and current[-1][1] == style:
            current[-1] = (current[-1][0] + text, style)
        else:
            current.append((text, style))
        used += _width(text)

    def new_line() -> None:
        nonlocal current, used
        while current and not current[-1][0].strip():
            current.pop()
        if current:
            last_text, last_style = current[-1]
            current[-1] = (last_text.rstrip(), last_style)
        lines.append(current)
        current = []
        used = 0

    for text, style in runs:
        for match in _TOKEN.finditer(text.replace("\n", " ")):
            token = match.group()
            token_width = _width(token)
            if token.isspace():
                if used and used + token_width <= width:
                    push(token, style)
                elif used:
                    new_line()
                continue
            if used + token_width <= width:
                push(token, style)
                continue
            if used:
                new_line()
            while _width(token) > width:
                cut = 0
                cells = 0
                while cut < len(token) and cells + _width(token[cut]) <= width:
                    cells += _width(token[cut])
                    cut += 1
                cut = max(cut, 1)
                # A long address breaks after a "/" (or "-", "?", "&", "="), not mid-word.
                soft = max(token.rfind(char, 0, cut) for char in _SOFT_BREAKS)
                if 0 < soft < cut - 1:
                    cut = soft + 1
                push(token[:cut], style)
                new_line()
                token = token[cut:]
            if token:
                push(token, style)
    if current or not lines:
        new_line()
    return lines


def scroll_thumb(height: int, total: int, top: int) -> tuple[int, int] | None:
    """Rows ``(start, end)`` of a one-cell scroll bar's thumb, or ``None`` if all fits.

    ``height`` rows show lines ``top`` onwards of ``total``; the thumb's size is the share of
    lines on view and it reaches the bottom row exactly when the last line is on view.
    """
    if total <= height or height <= 0:
        return None
    size = max(1, height * height // total)
    start = (height - size) * min(top, total - height) // max(1, total - height)
    return start, start + size


def scroll_top_for(row: int, height: int, total: int) -> int:
    """The first line to show when a scroll bar of ``height`` rows is pressed at ``row``."""
    if total <= height or height <= 1:
        return 0
    size = max(1, height * height // total)
    room = max(1, height - size)
    top = (row - size // 2) * (total - height) // room
    return max(0, min(total - height, top))
