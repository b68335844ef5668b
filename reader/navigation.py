"""Moving through an article: sentences, claims, paragraphs, footnotes and search matches.

Pure functions over a :class:`~reader.model.Pack`, used by the reader's keys and by tests.
"""

from __future__ import annotations

__all__ = ["Navigator", "compile_search"]

import bisect
import re
from collections.abc import Sequence

from reader.model import Claim, Pack

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


class Navigator:
    """Indexes of a pack for quick moves; every method takes and returns sentence indices."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        article = pack.article
        self.sentence_count = len(article.sentences)
        self.placed_claims: tuple[Claim, ...] = tuple(c for c in pack.claims if c.sentences)
        self.claims_at: dict[int, list[int]] = {}
        for number, claim in enumerate(self.placed_claims):
            for sentence in claim.sentences:
                self.claims_at.setdefault(sentence, []).append(number)
        self._claim_starts = [claim.sentences[0] for claim in self.placed_claims]
        self._block_first: list[int] = []
        previous_block = -1
        for item in article.sentences:
            if item.block != previous_block:
                self._block_first.append(item.index)
                previous_block = item.block
        self._footnoted = [s.index for s in article.sentences if s.footnotes]

    # -- sentences and paragraphs ---------------------------------------------------------

    def clamp(self, index: int) -> int:
        return max(0, min(index, self.sentence_count - 1)) if self.sentence_count else 0

    def next_paragraph(self, index: int) -> int:
        position = bisect.bisect_right(self._block_first, index)
        if position < len(self._block_first):
            return self._block_first[position]
        return self.clamp(self.sentence_count - 1)

    def previous_paragraph(self, index: int) -> int:
        position = bisect.bisect_left(self._block_first, index) - 1
        return self._block_first[position] if position >= 0 else 0

    # -- claims -----------------------------------------------------------------------------

    def claims_on(self, index: int) -> list[Claim]:
        return [self.placed_claims[n] for n in self.claims_at.get(index, ())]

    def next_claim(self, index: int) -> int | None:
        """First sentence of the next claim starting after ``index``."""
        position = bisect.bisect_right(self._claim_starts, index)
        return self._claim_starts[position] if position < len(self._claim_starts) else None

    def previous_claim(self, index: int) -> int | None:
        position = bisect.bisect_left(self._claim_starts, index) - 1
        return self._claim_starts[position] if position >= 0 else None

    def claim_number(self, index: int) -> int:
        """How many claims start at or before ``index`` (0 before the first claim)."""
        return bisect.bisect_right(self._claim_starts, index)

    @property
    def claim_count(self) -> int:
        return len(self.placed_claims)

    def progress(self, index: int) -> int:
        """Percent of the article's sentences read up to and including ``index``."""
        if self.sentence_count <= 1:
            return 100
        return round(100 * index / (self.sentence_count - 1))

    # -- footnotes --------------------------------------------------------------------------

    def sentence_of_footnote(self, label: str) -> int | None:
        for marker in self.pack.article.markers:
            if marker.label == label:
                return marker.sentence
        return None

    # -- search -----------------------------------------------------------------------------

    def search(self, query: str) -> list[tuple[int, int]]:
        """Spans of every match of ``query`` in the article text."""
        pattern = compile_search(query)
        if pattern is None:
            return []
        return [m.span() for m in pattern.finditer(self.pack.article.text) if m.end() > m.start()]

    def sentence_of_offset(self, offset: int) -> int:
        found = self.pack.article.sentence_at(offset)
        return found if found is not None else 0

    @staticmethod
    def next_match(matches: Sequence[tuple[int, int]], after: int) -> int | None:
        """Index in ``matches`` of the first match starting after offset ``after`` (wrapping)."""
        if not matches:
            return None
        position = bisect.bisect_right([m[0] for m in matches], after)
        return position if position < len(matches) else 0

    @staticmethod
    def previous_match(matches: Sequence[tuple[int, int]], before: int) -> int | None:
        if not matches:
            return None
        position = bisect.bisect_left([m[0] for m in matches], before) - 1
        return position if position >= 0 else len(matches) - 1
