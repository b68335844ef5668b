"""Place claims in the article: find each quote, and report quotes found nowhere or twice.

A quote found nowhere gets the closest passage as a hint; one found in several places lists
them. Never guess: a claim whose quote is not found exactly once stays unplaced.
"""

from __future__ import annotations

import difflib

__all__ = ["place_claims"]

from collections.abc import Sequence
from pathlib import Path

from reader.model import Anchor, Article, Claim
from reader.pack.anchor import Anchorer, closest_passage
from reader.pack.checker import Checker, quoted
from reader.pack.claims import QuoteToPlace
from reader.text.canonical import LineIndex
from reader.text.sanitize import sanitize_line


class _ArticleLines:
    """Line and column of an offset in the article; the index is built on first use, since
    only a quote with a problem needs it."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._index: LineIndex | None = None

    def line_col(self, offset: int) -> tuple[int, int]:
        if self._index is None:
            self._index = LineIndex(self._text)
        return self._index.line_col(offset)


def place_claims(
    claims: list[Claim],
    pending: Sequence[QuoteToPlace],
    article: Article,
    article_path: Path,
    checker: Checker,
) -> tuple[Claim, ...]:
    """Anchor every claim's quote; the claims sorted by where they are (unplaced ones last)."""
    anchorer = Anchorer(article.text)
    anchorer.prepare(claims[index].quote for index, _, _ in pending)
    lines = _ArticleLines(article.text)
    sentence_spans: list[tuple[int, int, int]] | None = None
    placed = list(claims)
    for index, quote_path, label in pending:
        claim = claims[index]
        anchor = anchorer.anchor(claim.quote, claim.prefix, claim.suffix)
        if anchor.status == "ambiguous":
            checker.error(
                quote_path,
                _ambiguous_message(anchor, article_path, lines, label),
                "ambiguous-quote",
            )
        elif anchor.status == "not_found":
            if sentence_spans is None:
                sentence_spans = [(s.start, s.end, s.block) for s in article.sentences]
            hint = _closest_hint(claim.quote, sentence_spans, article, article_path, lines)
            checker.error(
                quote_path, f"{label}: quote not found in the article{hint}", "quote-not-found"
            )
        sentences = (
            article.sentences_overlapping(anchor.start, anchor.end) if anchor.found else range(0)
        )
        placed[index] = claim._replace(anchor=anchor, sentences=sentences)
    placed.sort(key=lambda c: c.anchor.start if c.anchor.found else 1 << 62)
    return tuple(placed)


def _ambiguous_message(anchor: Anchor, article_path: Path, lines: _ArticleLines, label: str) -> str:
    """Where a quote found in several places is found (the first five), for the teacher."""
    places = ", ".join(
        "{}:{}:{}".format(article_path, *lines.line_col(start))
        for start, _ in anchor.candidates[:5]
    )
    more = "" if len(anchor.candidates) <= 5 else f" and {len(anchor.candidates) - 5} more"
    return (
        f"{label}: quote matches {len(anchor.candidates)} places in the "
        f"article ({places}{more}); add a prefix or suffix to pick one"
    )


def _closest_hint(
    quote: str,
    sentence_spans: list[tuple[int, int, int]],
    article: Article,
    article_path: Path,
    lines: _ArticleLines,
) -> str:
    """The "; closest match at …" hint for a quote that was not found: the passage most like
    it, or "" if nothing is close enough to help."""
    closest = closest_passage(article.text, sentence_spans, quote)
    if closest is not None and closest[2] > 0.3:
        start, end, similarity = closest
        line, col = lines.line_col(start)
        return (
            f"; closest match at {_place_name(article, start)} ({article_path}:{line}:{col}, "
            f"{round(similarity * 100)}% similar): {quoted(article.text[start:end])}"
            + _first_difference(quote, article.text[start:end])
        )
    return ""


def _bare(word: str) -> str:
    return "".join(char for char in word.casefold() if char.isalnum()) or word


def _first_difference(quote: str, passage: str) -> str:
    """Where the quote first parts from the passage, word by word: "; the quote has
    «peeple» where the article has «people»" ("" if the words are the same)."""
    ours, theirs = quote.split(), passage.split()
    # Words are compared without their punctuation, so "died" at the quote's end matches
    # "died." in the passage; a word that differs is shown as written.
    matcher = difflib.SequenceMatcher(None, [_bare(w) for w in ours], [_bare(w) for w in theirs],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "insert" and i1 in (0, len(ours)):
            continue  # the passage starts before the quote, or runs on past it
        mine = " ".join(ours[i1:i2]) or "nothing"
        before = f" after «{ours[i1 - 1]}»" if i1 > 0 and tag == "insert" else ""
        found = " ".join(theirs[j1:j2]) or "nothing"
        return (f"; the quote has «{quoted(mine, 40)[1:-1]}»{before} where the article has "
                f"«{quoted(found, 40)[1:-1]}»")
    return ""


def _place_name(article: Article, offset: int) -> str:
    """How a teacher finds ``offset``: "paragraph 27", "note [3]" or "a heading"."""
    paragraph = 0
    for block in article.blocks:
        if block.kind == "paragraph":
            paragraph += 1
        if block.start <= offset <= block.end:
            if block.kind == "note":
                return f"note [{sanitize_line(block.note_label or '?')}]"
            if block.kind == "heading":
                return "a heading"
            return f"paragraph {paragraph}"
    return "the article"
