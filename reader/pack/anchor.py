"""Find where a quote stands in the article, or say plainly that it cannot be placed.

The order of attempts follows the W3C TextQuote/TextPosition idea:

1. an exact match at the stored position hint (student notes keep one);
2. a unique exact match anywhere;
3. among several exact matches, the one whose ``prefix``/``suffix`` fit;
4. the same three steps on typography-folded text (see :mod:`reader.text.fold`), mapped back to
   original offsets.

Uniqueness counts overlapping matches (``str.count`` does not). The result is ``exact``,
``normalised``, ``ambiguous`` (with every place) or ``not_found``; a quote is never moved to a
lookalike passage.
"""

from __future__ import annotations

__all__ = ["Anchorer", "closest_passage", "find_all"]

import difflib
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from itertools import compress, islice, repeat
from operator import sub

from reader.model import Anchor
from reader.text.fold import FoldedText, fold, fold_text

_MAX_CANDIDATES = 20


def find_all(text: str, needle: str, limit: int = _MAX_CANDIDATES + 1) -> list[int]:
    """Start offsets of every occurrence of ``needle``, overlapping ones included."""
    found: list[int] = []
    if not needle:
        return found
    pos = text.find(needle)
    while pos != -1 and len(found) < limit:
        found.append(pos)
        pos = text.find(needle, pos + 1)
    return found


def _context_fits(text: str, start: int, end: int, prefix: str | None, suffix: str | None) -> bool:
    if prefix and not text[max(0, start - len(prefix)) : start].endswith(prefix):
        return False
    return not (suffix and not text[end : end + len(suffix)].startswith(suffix))


# The index keys every run of six or more non-space characters by its last six characters and
# records where the run ends. A run of a quote that ends inside the quote ends at the same place
# in the text wherever the quote occurs, and ends with the same six characters even when it
# starts the quote partway through a longer run. Runs keep their punctuation, so "**1.3**" or
# "(1994)," is far rarer in a book than any of its words, and a quote is found through few
# candidates. (A run is matched whole: a shorter run fails at every start.)
_INDEX_RUN = re.compile(r"\S{6,}")
_KEY = 6
_INDEX_WORTH_IT = 300_000  # characters: below this a plain scan per quote is cheap


def _keys(quote: str) -> list[tuple[str, int]]:
    """(key, end offset) of each long run of ``quote`` that ends inside it."""
    return [
        (match.group()[-_KEY:], match.end())
        for match in _INDEX_RUN.finditer(quote)
        if match.end() < len(quote)
    ]


class Anchorer:
    """Anchors quotes in one text.

    For a long text anchored many times (a book with thousands of claims) a full scan per
    quote would cost seconds, so an index of long runs is built once and each quote is
    looked up through its rarest run. The folded copy is built only when a quote
    does not match exactly.
    """

    def __init__(self, text: str, *, use_index: bool | None = None) -> None:
        self.text = text
        self._folded: FoldedText | None = None
        self._use_index = len(text) > _INDEX_WORTH_IT if use_index is None else use_index
        self._index: dict[str, list[int]] | None = None
        self._needed_keys: set[str] | None = None

    def prepare(self, quotes: Iterable[str]) -> None:
        """Name the quotes about to be anchored, so the index keeps only the keys they use."""
        if not self._use_index:
            return
        needed: set[str] = set()
        for quote in quotes:
            needed.update(key for key, _ in _keys(quote))
        self._needed_keys = needed

    def _occurrences(self, quote: str) -> list[int]:
        """Exact occurrences that do not end inside a character's combining marks."""
        text = self.text
        end = len(quote)
        return [
            s
            for s in self._raw_occurrences(quote)
            if s + end >= len(text) or not unicodedata.combining(text[s + end])
        ]

    def _build_index(self, needed: set[str] | None) -> None:
        index: dict[str, list[int]] = {}
        text = self.text
        for match in _INDEX_RUN.finditer(text):
            end = match.end()
            key = text[end - _KEY : end]
            if needed is None or key in needed:
                index.setdefault(key, []).append(end)
        self._needed_keys = needed
        self._index = index

    def _raw_occurrences(self, quote: str) -> list[int]:
        """Like :func:`find_all`, through the index when there is one."""
        if not self._use_index:
            return find_all(self.text, quote)
        keys = _keys(quote)
        if not keys:
            return find_all(self.text, quote)
        needed = self._needed_keys
        covered = needed is None or all(key in needed for key, _ in keys)
        if self._index is None or not covered:
            self._build_index(needed if covered else None)
        index = self._index
        assert index is not None
        key, offset = min(keys, key=lambda item: len(index.get(item[0], ())))
        ends = index.get(key, [])
        # Shifted and checked in C: a word of a book's repeated text can mean many candidates.
        starts = list(map(sub, islice(ends, bisect_left(ends, offset), None), repeat(offset)))
        matches = map(self.text.startswith, repeat(quote), starts)
        return list(compress(starts, matches))[: _MAX_CANDIDATES + 1]

    @property
    def folded(self) -> FoldedText:
        if self._folded is None:
            self._folded = fold_text(self.text)
        return self._folded

    def anchor(
        self,
        quote: str,
        prefix: str | None = None,
        suffix: str | None = None,
        hint: int | None = None,
    ) -> Anchor:
        if not quote or not quote.strip():
            return Anchor("not_found")
        text = self.text
        if hint is not None and hint >= 0 and text.startswith(quote, hint):
            return Anchor("exact", hint, hint + len(quote))
        starts = self._occurrences(quote)
        if len(starts) == 1:
            return Anchor("exact", starts[0], starts[0] + len(quote))
        if len(starts) > 1:
            fitting = [s for s in starts if _context_fits(text, s, s + len(quote), prefix, suffix)]
            if len(fitting) == 1 and (prefix or suffix):
                return Anchor("exact", fitting[0], fitting[0] + len(quote))
            if prefix or suffix:
                # The context may be typed loosely: try it folded before giving up.
                folded_pick = self._pick_by_folded_context(starts, len(quote), prefix, suffix)
                if folded_pick is not None:
                    return Anchor("exact", folded_pick, folded_pick + len(quote))
            shown = fitting if len(fitting) > 1 else starts
            return Anchor(
                "ambiguous",
                candidates=tuple((s, s + len(quote)) for s in shown[:_MAX_CANDIDATES]),
            )
        return self._anchor_folded(quote, prefix, suffix)

    def _pick_by_folded_context(
        self, starts: list[int], length: int, prefix: str | None, suffix: str | None
    ) -> int | None:
        text = self.text
        fprefix = fold(prefix).strip() if prefix else None
        fsuffix = fold(suffix).strip() if suffix else None
        fitting = []
        for start in starts:
            before = fold(text[max(0, start - 4 * len(prefix or "") - 8) : start]).rstrip()
            after = fold(text[start + length : start + length + 4 * len(suffix or "") + 8]).lstrip()
            if fprefix and not before.endswith(fprefix):
                continue
            if fsuffix and not after.startswith(fsuffix):
                continue
            fitting.append(start)
        return fitting[0] if len(fitting) == 1 else None

    def _anchor_folded(self, quote: str, prefix: str | None, suffix: str | None) -> Anchor:
        folded = self.folded
        fquote = fold(quote).strip()
        if not fquote:
            return Anchor("not_found")
        starts = find_all(folded.folded, fquote)
        spans = [folded.span_to_original(s, s + len(fquote)) for s in starts]
        if len(spans) == 1:
            return Anchor("normalised", *spans[0])
        if not spans:
            return Anchor("not_found")
        if prefix or suffix:
            fprefix = fold(prefix).strip() if prefix else ""
            fsuffix = fold(suffix).strip() if suffix else ""
            ftext = folded.folded
            fitting = [
                span
                for s, span in zip(starts, spans, strict=True)
                if (not fprefix or ftext[:s].rstrip().endswith(fprefix))
                and (not fsuffix or ftext[s + len(fquote) :].lstrip().startswith(fsuffix))
            ]
            if len(fitting) == 1:
                return Anchor("normalised", *fitting[0])
            if fitting:
                spans = fitting
        return Anchor("ambiguous", candidates=tuple(spans[:_MAX_CANDIDATES]))


_WORD = re.compile(r"\w+")


def closest_passage(
    text: str, sentences: list[tuple[int, int, int]], quote: str
) -> tuple[int, int, float] | None:
    """The passage most like ``quote``: (start, end, similarity from 0 to 1).

    ``sentences`` are (start, end, block) triples. Candidates are runs of one to three
    sentences of one block, ranked by shared words; the best few are compared character by
    character, scoring only the part of the passage the quote aligns with.
    """
    fquote = fold(quote).strip().lower()
    if not fquote or not sentences:
        return None
    quote_words = set(_WORD.findall(fquote))
    scored: list[tuple[float, int, int]] = []
    for i in range(len(sentences)):
        for width in (1, 2, 3):
            if i + width > len(sentences) or sentences[i + width - 1][2] != sentences[i][2]:
                break
            start, end = sentences[i][0], sentences[i + width - 1][1]
            words = set(_WORD.findall(text[start:end].lower()))
            if not words:
                continue
            overlap = len(quote_words & words) / max(1, len(quote_words | words) ** 0.5)
            scored.append((overlap, start, end))
    if not scored:
        return None
    scored.sort(key=lambda item: -item[0])
    best: tuple[int, int, float] | None = None
    for _, start, end in scored[:8]:
        passage = fold(text[start:end]).lower()
        matcher = difflib.SequenceMatcher(None, fquote, passage, autojunk=False)
        blocks = [b for b in matcher.get_matching_blocks() if b.size]
        if not blocks:
            continue
        matched = sum(b.size for b in blocks)
        region = blocks[-1].b + blocks[-1].size - blocks[0].b
        ratio = min(2 * matched / (len(fquote) + region), 1.0)
        if best is None or ratio > best[2]:
            best = (start, end, ratio)
    return None if best is None else (best[0], best[1], round(best[2], 2))
