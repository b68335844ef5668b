"""The canonical form of every text the reader loads.

Every offset the reader stores or reports (sentences, claims, notes) refers to the canonical
text, so this runs exactly once, when a file is read, and nowhere else.
"""

from __future__ import annotations

__all__ = [
    "MAX_ARTICLE_BYTES",
    "LineIndex",
    "canonicalize",
    "decode_utf8",
    "line_col",
    "read_text_file",
    "text_from_bytes",
]

import bisect
from pathlib import Path


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


MAX_ARTICLE_BYTES = 8 * 1024 * 1024


def read_text_file(path: Path, limit: int = MAX_ARTICLE_BYTES, what: str = "article") -> str:
    """Read a UTF-8 text file (BOM and CRLF allowed) as canonical text.

    Raises :class:`reader.problems.ReaderError` with one problem naming the file when it is
    missing, a folder, too large, binary or not UTF-8.
    """
    from reader.problems import Problem, ReaderError

    shown = str(path)

    def fail(message: str, line: int | None = None, col: int | None = None) -> ReaderError:
        return ReaderError([Problem("error", message, shown, line, col, "read")])

    try:
        if path.is_dir():
            raise fail("this is a folder, not a file")
        size = path.stat().st_size
    except FileNotFoundError:
        raise fail("no such file") from None
    except PermissionError:
        raise fail("cannot read the file: permission denied") from None
    except OSError as exc:
        raise fail(f"cannot read the file: {exc.strerror or exc}") from None
    if size > limit:
        raise fail(
            f"file is {size / 1_048_576:.1f} MB; {what} files are limited to "
            f"{limit / 1_048_576:.0f} MB"
        )
    try:
        data = path.read_bytes()
    except PermissionError:
        raise fail("cannot read the file: permission denied") from None
    except OSError as exc:
        raise fail(f"cannot read the file: {exc.strerror or exc}") from None
    return text_from_bytes(data, shown, limit, what)


def text_from_bytes(
    data: bytes, shown: str, limit: int = MAX_ARTICLE_BYTES, what: str = "article"
) -> str:
    """``data`` (a file's bytes, or standard input) as canonical text, or a
    :class:`reader.problems.ReaderError` naming ``shown``."""
    from reader.problems import Problem, ReaderError

    def fail(message: str, line: int | None = None, col: int | None = None) -> ReaderError:
        return ReaderError([Problem("error", message, shown, line, col, "read")])

    if len(data) > limit:
        raise fail(f"more than {limit / 1_048_576:.0f} MB; {what} files are limited to that")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail("this looks like a binary file, not text")
    try:
        return canonicalize(decode_utf8(data))
    except Utf8Error as exc:
        raise fail(exc.message, exc.line, exc.col) from None
