"""Choosing a claim's quote in the article, word by word.

A new claim's quote starts as the whole sentence. Either end moves a word at a time, within
the sentence's paragraph (so a quote may run over two sentences, never out of its
paragraph). After every move the quote is placed as the check will place it: where it
occurs more than once, the fewest words before or after it that tell the places apart are
added as ``prefix`` or ``suffix``, so the claim lands where it was chosen.
"""

from __future__ import annotations

__all__ = ["QuoteChoice", "QuoteSelection"]

import re
from typing import NamedTuple

from reader.model import Article
from reader.pack.anchor import Anchorer
from reader.pack.context import unique_context

_WORD = re.compile(r"\S+")


class QuoteChoice(NamedTuple):
    """The quote as chosen: where it is, its text, and the context that places it."""

    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    placed: bool  # False: found too often for any short context to tell the places apart
    words: int


class QuoteSelection:
    """The words of one paragraph, and which of them the quote covers."""

    def __init__(self, article: Article, sentence: int, anchorer: Anchorer | None = None) -> None:
        self.article = article
        self.anchorer = anchorer or Anchorer(article.text)
        found = article.sentences[sentence]
        block = article.blocks[found.block]
        start = max(block.content_start, block.start)
        self._words = [
            (match.start() + start, match.end() + start)
            for match in _WORD.finditer(article.text[start : block.end])
        ]
        inside = [i for i, (s, e) in enumerate(self._words) if s < found.end and e > found.start]
        self.first = inside[0] if inside else 0
        self.last = inside[-1] if inside else max(len(self._words) - 1, 0)
        self._choice: QuoteChoice | None = None

    @classmethod
    def of_span(
        cls, article: Article, start: int, end: int, anchorer: Anchorer | None = None
    ) -> QuoteSelection:
        """The selection covering ``article.text[start:end]`` (a claim's quote, to edit)."""
        sentence = article.sentence_at(start) or 0
        selection = cls(article, sentence, anchorer)
        words = selection._words
        first = [i for i, (s, e) in enumerate(words) if e > start]
        last = [i for i, (s, e) in enumerate(words) if s < end]
        if first and last and first[0] <= last[-1]:
            selection.first, selection.last = first[0], last[-1]
        return selection

    # -- moving the ends --------------------------------------------------------------------------

    def move_start(self, step: int) -> bool:
        """Move the first word by ``step`` (-1: a word earlier, +1: later); whether it moved."""
        target = self.first + step
        if not 0 <= target <= self.last:
            return False
        self.first = target
        self._choice = None
        return True

    def move_end(self, step: int) -> bool:
        target = self.last + step
        if not self.first <= target < len(self._words):
            return False
        self.last = target
        self._choice = None
        return True

    # -- the quote ------------------------------------------------------------------------------

    @property
    def start(self) -> int:
        return self._words[self.first][0] if self._words else 0

    @property
    def end(self) -> int:
        return self._words[self.last][1] if self._words else 0

    def choice(self) -> QuoteChoice:
        """The quote and the context that places it (worked out once per selection)."""
        if self._choice is None:
            text = self.article.text
            start, end = self.start, self.end
            context = unique_context(self.anchorer, text, start, end)
            prefix, suffix = context if context is not None else ("", "")
            quote = text[start:end]
            self._choice = QuoteChoice(start, end, quote, prefix, suffix, context is not None,
                                       self.last - self.first + 1)
        return self._choice
