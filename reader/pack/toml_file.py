"""Read a ``pack.toml`` (within the size limit, as UTF-8) and parse it as TOML.

Both steps raise :class:`~reader.problems.ReaderError` with a problem a teacher can act on:
the file is missing or too large, not UTF-8, or not valid TOML (with a plain-words hint for
the mistakes met most).
"""

from __future__ import annotations

__all__ = ["MAX_PACK_BYTES", "parse_toml", "read_pack_source"]

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
        message += _toml_hint(message, source, position)
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


def _toml_hint(message: str, source: str, position: int | None) -> str:
    """A plain-words hint for the TOML errors teachers meet most."""
    if isinstance(position, int) and 0 <= position < len(source) and source[position] == "\r":
        return " (the file has a lone carriage return; re-save it with normal line endings)"
    if message.startswith("Illegal character '\\n'"):
        return " (is a closing quote missing at the end of this line?)"
    if message.startswith("Cannot overwrite a value"):
        return " (this key is already set earlier in the same table)"
    if message.startswith("Cannot declare"):
        return " (this table header appears twice)"
    return ""
