"""Moving through an article: sentences, claims, paragraphs and footnotes (search is in
:mod:`reader.search`).

Pure functions over a :class:`~reader.model.Pack`, used by the reader's keys and by tests.
"""

from __future__ import annotations

__all__ = ["Navigator"]

import bisect

from reader.model import Claim, Pack


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
        self._numbers = {claim.id: number for number, claim in enumerate(self.placed_claims, 1)}
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

    def number(self, claim: Claim) -> int:
        """The claim's number, the one the reader shows everywhere as C1, C2, …: its place in
        reading order (0 for a claim not placed in the text)."""
        return self._numbers.get(claim.id, 0)

    def placed(self, claim_id: str) -> Claim | None:
        """The claim ``claim_id`` if it is placed in the text (None otherwise)."""
        number = self._numbers.get(claim_id)
        return self.placed_claims[number - 1] if number else None

    def numbers_on(self, index: int) -> list[int]:
        """The numbers of the claims on sentence ``index``, in order."""
        return [number + 1 for number in self.claims_at.get(index, ())]

    def where(self, index: int) -> str:
        """Where sentence ``index`` is among the claims, in words: "claim C7 of 65",
        "claims C7–C9 of 65", "between C9 and C10 of 65", "next claim C1 of 65",
        "after the last claim, C65"."""
        total = self.claim_count
        on = self.numbers_on(index)
        if on:
            if len(on) == 1:
                return f"claim C{on[0]} of {total}"
            return f"claims C{on[0]}–C{on[-1]} of {total}"
        before = self.claim_number(index)
        if before == 0:
            return f"next claim C1 of {total}"
        if before == total:
            return f"after the last claim, C{total}"
        return f"between C{before} and C{before + 1} of {total}"

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

    # -- offsets ---------------------------------------------------------------------------

    def sentence_of_offset(self, offset: int) -> int:
        found = self.pack.article.sentence_at(offset)
        return found if found is not None else 0
