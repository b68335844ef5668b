"""Make untrusted text safe to show in a terminal, without changing its length.

Terminal renderers pass ESC, C1 controls, NUL and DEL straight to the terminal, and bidi
overrides reorder what the reader sees. Every string from an article, a pack or a notes file
goes through :func:`sanitize_for_display` before it is shown. One code point in gives one code
point out, so offsets computed on the canonical text stay valid for the displayed text.
"""

from __future__ import annotations

import functools
import re

__all__ = ["BIDI_CONTROLS", "has_bidi_controls", "sanitize_for_display", "sanitize_line"]

REPLACEMENT = "\ufffd"

# Trojan-Source bidi embedding/override/isolate controls.
BIDI_CONTROLS = frozenset(
    [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]
)


def _build_table(keep_newline: bool) -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20):
        table[code] = chr(0x2400 + code)  # Control Pictures: ESC -> "␛", NUL -> "␀"
    table[0x09] = " "
    if keep_newline:
        del table[0x0A]
    else:
        table[0x0A] = " "
    table[0x7F] = "\u2421"  # "␡"
    for code in range(0x80, 0xA0):
        table[code] = REPLACEMENT
    for char in BIDI_CONTROLS:
        table[ord(char)] = REPLACEMENT
    for code in range(0xD800, 0xE000):  # lone surrogates cannot be encoded
        table[code] = REPLACEMENT
    return table


@functools.cache
def _table(keep_newline: bool) -> dict[int, str]:
    """Built on first use: most text needs no replacing, so most runs never build it."""
    return _build_table(keep_newline)


# The same characters as the tables, as ranges (a class listing 2,000 characters one by one
# takes milliseconds to compile, and this module is on the reader's start-up path).
_CHANGED = "\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_NEEDS_CHANGE = re.compile(f"[{_CHANGED}]")
_NEEDS_CHANGE_LINE = re.compile(f"[\n{_CHANGED}]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def sanitize_for_display(text: str) -> str:
    """Replace control characters with visible symbols; newlines are kept; length is kept."""
    # A search in C first: most text has nothing to replace, and a 5 MB book is common.
    return text.translate(_table(True)) if _NEEDS_CHANGE.search(text) else text


def sanitize_line(text: str) -> str:
    """Like :func:`sanitize_for_display`, for one-line places: newlines become spaces."""
    return text.translate(_table(False)) if _NEEDS_CHANGE_LINE.search(text) else text


def has_bidi_controls(text: str) -> bool:
    return _BIDI.search(text) is not None
