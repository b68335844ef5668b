"""The fewest words around a passage that tell it apart from its other places in a text.

A quote found more than once in the article is placed by a ``prefix`` (the words just before
it) or a ``suffix`` (the words just after it). The importer's claim stubs and the claims a
teacher writes in the reader both get theirs here, so a quote is always placed where it was
chosen.
"""

from __future__ import annotations

__all__ = ["MAX_CONTEXT", "unique_context"]

from reader.pack.anchor import Anchorer

MAX_CONTEXT = 400  # characters of context; passages alike for longer cannot be told apart
_MAX_PLACES = 20  # a quote found more often cannot be placed by its context (see anchor.py)


def unique_context(
    anchorer: Anchorer, text: str, start: int, end: int
) -> tuple[str, str] | None:
    """The shortest (prefix, suffix) in whole words that places ``text[start:end]`` at
    ``start`` alone: no context when it occurs once; else the words before it, or after it,
    whichever is shorter; ``None`` when no context of reasonable length does."""
    quote = text[start:end]
    first = anchorer.anchor(quote)
    if first.status == "exact" and first.start == start:
        return "", ""
    if first.status != "ambiguous" or len(first.candidates) >= _MAX_PLACES:
        return None  # found too often to be told apart (or only loosely)
    others = [s for s, _ in first.candidates if s != start]
    if not others:
        return None
    before = max(_alike_before(text, start, other) for other in others) + 1
    after = max(_alike_after(text, end, other + len(quote)) for other in others) + 1
    prefix = suffix = None
    if before <= min(start, MAX_CONTEXT):
        prefix = _whole_words_before(text, start, before)
    if after <= min(len(text) - end, MAX_CONTEXT):
        suffix = _whole_words_after(text, end, after)
    choices = [c for c in ((prefix, ""), ("", suffix)) if c[0] or c[1]]
    for pre, suf in sorted(choices, key=lambda c: len(c[0] or "") + len(c[1] or "")):
        if _places(anchorer, quote, start, pre or "", suf or ""):
            return pre or "", suf or ""
    return None


def _alike_before(text: str, one: int, other: int) -> int:
    """How many characters before ``one`` and before ``other`` are the same."""
    count = 0
    while count < MAX_CONTEXT + 1 and count < one and count < other:
        if text[one - 1 - count] != text[other - 1 - count]:
            break
        count += 1
    return count


def _alike_after(text: str, one: int, other: int) -> int:
    count = 0
    limit = len(text)
    while count < MAX_CONTEXT + 1 and one + count < limit and other + count < limit:
        if text[one + count] != text[other + count]:
            break
        count += 1
    return count


def _whole_words_before(text: str, start: int, length: int) -> str:
    begin = start - length
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:start]


def _whole_words_after(text: str, end: int, length: int) -> str:
    stop = end + length
    while stop < len(text) and not text[stop].isspace():
        stop += 1
    return text[end:stop]


def _places(anchorer: Anchorer, quote: str, start: int, prefix: str, suffix: str) -> bool:
    anchor = anchorer.anchor(quote, prefix or None, suffix or None)
    return anchor.status == "exact" and anchor.start == start
