"""TOML strings as the reader writes them into packs: basic strings with control and
bidirectional characters escaped visibly (``\\u202e``), so a pack never hides text.

Packs are written with ``tomlkit`` (the importer's skeleton, author mode's edits), which
leaves such characters as they are; every string goes through :func:`toml_string` first.
Notes files are machine-owned and written with ``tomli-w``.
"""

from __future__ import annotations

__all__ = ["toml_string"]

import re

_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069]')


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    return _ESCAPES.get(char) or f"\\u{ord(char):04x}"


def toml_string(value: str) -> str:
    """A TOML basic string for ``value``; control and bidi characters are escaped visibly."""
    return '"' + _NEEDS_ESCAPE.sub(_escape, value) + '"'
