"""Read a ``pack.toml`` (within the size limit, as UTF-8) and parse it as TOML.

Both steps raise :class:`~reader.problems.ReaderError` with a problem a teacher can act on:
the file is missing or too large, not UTF-8, or not valid TOML (with a plain-words hint for
the mistakes met most).
"""

from __future__ import annotations

__all__ = ["MAX_PACK_BYTES", "parse_toml", "read_pack_source"]

import re
from pathlib import Path
from typing import Any

import tomli

from reader.problems import TOML_TOO_DEEP, Problem, ReaderError, toml_error_parts
from reader.text.canonical import Utf8Error, decode_utf8
from reader.text.sanitize import sanitize_line

MAX_PACK_BYTES = 5 * 1024 * 1024


def read_pack_source(pack_file: Path, shown: str) -> str:
    """The text of ``pack_file``; problems name it as ``shown``."""
    try:
        if pack_file.is_dir():
            raise ReaderError([Problem("error", "this is a folder; expected pack.toml", shown)])
        size = pack_file.stat().st_size
    except FileNotFoundError:
        if pack_file.name == "pack.toml" and pack_file.parent.is_dir():
            message = "no pack.toml in this folder (run `lateral import` to make one)"
        else:
            message = "no such file or folder"
        raise ReaderError([Problem("error", message, shown, code="read")]) from None
    except PermissionError:
        raise ReaderError(
            [Problem("error", "cannot read the pack: permission denied", shown, code="read")]
        ) from None
    if size > MAX_PACK_BYTES:
        raise ReaderError(
            [
                Problem(
                    "error",
                    f"pack file is {size / 1_048_576:.1f} MB; packs are limited to "
                    f"{MAX_PACK_BYTES // 1_048_576} MB",
                    shown,
                    code="too-large",
                )
            ]
        )
    try:
        data = pack_file.read_bytes()
    except OSError as exc:
        raise ReaderError(
            [Problem("error", f"cannot read the pack: {exc.strerror or exc}", shown, code="read")]
        ) from None
    try:
        return decode_utf8(data)
    except Utf8Error as exc:
        raise ReaderError(
            [Problem("error", exc.message, shown, exc.line, exc.col, "encoding")]
        ) from None


def parse_toml(source: str, shown: str) -> dict[str, Any]:
    """The TOML document in ``source``; a syntax error names its line and column."""
    try:
        return tomli.loads(source)
    except tomli.TOMLDecodeError as exc:
        message, line, col = toml_error_parts(exc)
        position = getattr(exc, "pos", None)
        hint = _toml_hint(message, source, position)
        # A slip recognised is said in plain words instead of the parser's.
        message = hint[2:] if hint.startswith(": ") else message + hint
        raise ReaderError(
            [
                Problem(
                    "error",
                    f"TOML syntax error: {sanitize_line(message)}",
                    shown,
                    line,
                    col,
                    "toml",
                )
            ]
        ) from None
    except RecursionError:
        raise ReaderError([Problem("error", TOML_TOO_DEEP, shown, code="toml")]) from None


_PARTIAL_DATE = re.compile(r"\s*[\w\-\".]+\s*=\s*(\d{4}(?:-\d{1,2}){0,2})\s*(?:#.*)?$")
_STRING_VALUE = re.compile(r'\s*[\w\-".]+\s*=\s*"(.*)"\s*(?:#.*)?$')


def _line_at(source: str, position: int) -> str:
    start = source.rfind("\n", 0, position) + 1
    end = source.find("\n", position)
    return source[start : end if end != -1 else len(source)]


def _toml_hint(message: str, source: str, position: int | None) -> str:
    """A plain-words hint for the TOML errors teachers meet most."""
    if isinstance(position, int) and 0 <= position < len(source) and source[position] == "\r":
        return " (the file has a lone carriage return; re-save it with normal line endings)"
    line = _line_at(source, position) if isinstance(position, int) else ""
    partial = _PARTIAL_DATE.match(line)
    if partial and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", partial.group(1)):
        return (f": {partial.group(1)} is not a whole date. A date is written in full, "
                "YYYY-MM-DD (2024-01-15); if only the month or the year is known, leave the "
                "date out and say so in a comment (# published in January 2024)")
    text = _STRING_VALUE.match(line)
    if text and re.search(r'(?<!\\)"', text.group(1)):
        return (': a " inside the text ends the string early. Write \\" for each quote mark '
                "inside a string (\"the \\\"so-called\\\" ceasefire\"), or use “curly” quotes")
    if message.startswith("Illegal character '\\n'"):
        return " (is a closing quote missing at the end of this line?)"
    if message.startswith("Cannot overwrite a value"):
        return " (this key is already set earlier in the same table)"
    if message.startswith("Cannot declare"):
        return " (this table header appears twice)"
    return ""
