"""The canonical form of every text the reader loads.

Every offset the reader stores or reports (sentences, claims, notes) refers to the canonical
text, so this runs exactly once, when a file is read, and nowhere else.
"""

from __future__ import annotations

__all__ = ["LineIndex", "canonicalize", "decode_utf8", "line_col"]

import bisect


def canonicalize(text: str) -> str:
    """Remove a leading byte-order mark and turn CRLF and lone CR into LF."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


class Utf8Error(ValueError):
    """Raised by :func:`decode_utf8` with the position of the first bad byte."""

    def __init__(self, message: str, line: int, col: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


def decode_utf8(data: bytes) -> str:
    """Decode UTF-8 (a BOM is allowed); on failure raise :class:`Utf8Error` with line and column."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Utf8Error("the file is UTF-16, not UTF-8; re-save it as UTF-8", 1, 1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = data[: exc.start]
        if good.startswith(b"\xef\xbb\xbf"):
            good = good[3:]
        prefix = good.decode("utf-8", errors="replace")
        line = prefix.count("\n") + 1
        col = len(prefix) - (prefix.rfind("\n") + 1) + 1
        bad = data[exc.start]
        raise Utf8Error(
            f"not valid UTF-8 (byte 0x{bad:02x}); re-save the file as UTF-8", line, col
        ) from None


class LineIndex:
    """Maps character offsets of a text to 1-based (line, column) pairs."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[max(0, min(line - 1, len(self._starts) - 1))]

    @property
    def line_count(self) -> int:
        return len(self._starts)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text`` (for one-off lookups)."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
