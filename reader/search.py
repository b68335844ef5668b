"""Searching the article: matches found loosely, and the search a reader is in the middle of.

Spaces, dashes and quotation marks match any of their kind, and case is ignored, so a student
who types "theme" or a straight quote finds what the article spells otherwise.
"""

from __future__ import annotations

__all__ = ["SearchState", "compile_search", "find_matches"]

import bisect
import re
from collections.abc import Sequence

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_DOUBLE_QUOTES = '"\u201c\u201d\u201e\u00ab\u00bb'
_SINGLE_QUOTES = "'\u2018\u2019\u201a\u2039\u203a`"


def compile_search(query: str) -> re.Pattern[str] | None:
    """A case-insensitive pattern for ``query`` that treats spaces, dashes and quotes loosely."""
    query = query.strip()
    if not query:
        return None
    parts: list[str] = []
    in_space = False
    for char in query:
        if char.isspace():
            if not in_space:
                parts.append(r"\s+")
            in_space = True
            continue
        in_space = False
        if char in _DASHES:
            parts.append("[" + re.escape(_DASHES) + "]")
        elif char in _DOUBLE_QUOTES:
            parts.append("[" + re.escape(_DOUBLE_QUOTES) + "]")
        elif char in _SINGLE_QUOTES:
            parts.append("[" + re.escape(_SINGLE_QUOTES) + "]")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts), re.IGNORECASE)


def find_matches(text: str, query: str) -> list[tuple[int, int]]:
    """Spans of every match of ``query`` in ``text``."""
    pattern = compile_search(query)
    if pattern is None:
        return []
    return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]


def _next_match(matches: Sequence[tuple[int, int]], after: int) -> int:
    """Index of the first match starting after offset ``after`` (wrapping to the first)."""
    position = bisect.bisect_right([m[0] for m in matches], after)
    return position if position < len(matches) else 0


def _previous_match(matches: Sequence[tuple[int, int]], before: int) -> int:
    position = bisect.bisect_left([m[0] for m in matches], before) - 1
    return position if position >= 0 else len(matches) - 1


class SearchState:
    """The last query, its matches, and which one the reader is on."""

    __slots__ = ("current", "matches", "query")

    def __init__(self) -> None:
        self.query = ""
        self.matches: list[tuple[int, int]] = []
        self.current: int | None = None

    def find(self, text: str, query: str, after: int) -> bool:
        """Search ``text`` for ``query``, going to the first match after offset ``after``;
        False if there is none."""
        self.query = query
        self.matches = find_matches(text, query)
        self.current = _next_match(self.matches, after) if self.matches else None
        return self.current is not None

    def step(self, forward: bool, here: int = 0) -> bool:
        """Go to the next (or previous) match, wrapping at the ends; False if none. Off every
        match (after :meth:`leave`), the next is the first after offset ``here``."""
        if not self.matches:
            return False
        if self.current is None:
            self.current = (_next_match(self.matches, here) if forward
                            else _previous_match(self.matches, here))
            return True
        start = self.matches[self.current][0]
        self.current = (_next_match if forward else _previous_match)(self.matches, start)
        return True

    @property
    def current_start(self) -> int | None:
        """Where the current match starts in the text (None: no match)."""
        return self.matches[self.current][0] if self.current is not None else None

    def leave(self) -> None:
        """The reader went elsewhere (not by n/N): keep the matches, be on none of them."""
        self.current = None

    def clear(self) -> None:
        """Forget the search (Esc)."""
        self.query = ""
        self.matches = []
        self.current = None

    def status(self) -> str | None:
        """"match 2 of 7" on a match, "7 matches" after going elsewhere, or None."""
        if not self.matches:
            return None
        if self.current is None:
            count = len(self.matches)
            return f"{count} match{'es' if count != 1 else ''} (n: next, Esc: clear)"
        return f"match {self.current + 1} of {len(self.matches)}"
