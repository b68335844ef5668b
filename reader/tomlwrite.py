"""Writing TOML by hand where layout and comments matter (pack skeletons).

Notes files are machine-owned and written with ``tomli-w``; pack skeletons are meant to be
read and edited by a teacher, so they are laid out here with comments.
"""

from __future__ import annotations

__all__ = ["toml_key", "toml_string"]

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
_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    return _ESCAPES.get(char) or f"\\u{ord(char):04x}"


def toml_string(value: str) -> str:
    """A TOML basic string for ``value``; control and bidi characters are escaped visibly."""
    return '"' + _NEEDS_ESCAPE.sub(_escape, value) + '"'


def toml_key(key: str) -> str:
    """A TOML key: bare where allowed, otherwise quoted."""
    return key if _BARE.fullmatch(key) else toml_string(key)
