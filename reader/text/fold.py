"""Typography folding for quote matching, with a map back to original offsets.

Quotes in packs and notes are typed by people: straight quotes for curly ones, a hyphen for a
non-breaking hyphen or an en dash, one space for a non-breaking space or a line break, "é"
typed as one code point or as "e" plus a combining accent. Folding makes those equal:

* every run of whitespace (including NBSP and the other Unicode spaces) becomes one space;
* hyphens and dashes become ``-``; curly and angle quotes become ``"`` and ``'``;
* zero-width characters, soft hyphens and direction marks are dropped;
* text is put in NFKC form (so "…" matches "...", and "e" + U+0301 matches "é").

Folding never changes letters otherwise (case and accents are kept): a folded match is still
the same words.
"""

from __future__ import annotations

__all__ = ["FoldedText", "fold", "fold_text"]

import bisect
import re
import unicodedata

_ONE_TO_ONE = str.maketrans(
    {
        **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"},
        **{c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e\uff02"},
        **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2039\u203a\u2032\u0060\u00b4\uff07"},
    }
)
_DROPPED = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u061c"
_SPECIAL = re.compile(r"\s+|[" + _DROPPED + r"]+")


class FoldedText:
    """A folded copy of a text and a map from folded offsets back to original offsets."""

    __slots__ = ("_breaks_folded", "_breaks_original", "folded", "original")

    def __init__(self, folded: str, breaks: list[tuple[int, int]], original: str) -> None:
        self.folded = folded
        self._breaks_folded = [f for f, _ in breaks]
        self._breaks_original = [o for _, o in breaks]
        self.original = original

    def to_original(self, folded_offset: int) -> int:
        """The original offset of the character at ``folded_offset``."""
        i = bisect.bisect_right(self._breaks_folded, folded_offset) - 1
        if i < 0:
            return folded_offset
        step = folded_offset - self._breaks_folded[i]
        if i + 1 < len(self._breaks_original):
            # Inside a segment that folding made longer ("ﬁ" -> "fi"), stay on its last character.
            step = min(step, max(0, self._breaks_original[i + 1] - self._breaks_original[i] - 1))
        return self._breaks_original[i] + step

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span ``[start, end)`` to the smallest original span covering it."""
        if end <= start:
            point = self.to_original(start)
            return point, point
        original = self.original
        stop = min(self.to_original(end - 1) + 1, len(original))
        while stop < len(original) and unicodedata.combining(original[stop]):
            stop += 1  # keep a base character and its combining marks together
        return self.to_original(start), stop


def _fold_piece(piece: str) -> str:
    piece = piece.translate(_ONE_TO_ONE)
    if not piece.isascii() and not unicodedata.is_normalized("NFKC", piece):
        piece = unicodedata.normalize("NFKC", piece).translate(_ONE_TO_ONE)
    return piece


def fold(text: str) -> str:
    """Fold ``text`` (for quotes, where no offset map is needed)."""
    return fold_text(text).folded


def fold_text(text: str) -> FoldedText:
    """Fold ``text`` and keep a map back to its offsets."""
    out: list[str] = []
    breaks: list[tuple[int, int]] = [(0, 0)]
    folded_len = 0
    pos = 0

    def emit_plain(start: int, end: int) -> None:
        nonlocal folded_len
        if start >= end:
            return
        piece = text[start:end]
        if piece.isascii():
            out.append(piece)
            folded_len += len(piece)
            return
        converted = piece.translate(_ONE_TO_ONE)
        if unicodedata.is_normalized("NFKC", converted):
            out.append(converted)
            folded_len += len(converted)
            return
        # Normalise cluster by cluster (a base character and its combining marks).
        index = start
        while index < end:
            cluster_end = index + 1
            while cluster_end < end and unicodedata.combining(text[cluster_end]):
                cluster_end += 1
            cluster = _fold_piece(text[index:cluster_end])
            if len(cluster) != cluster_end - index:
                breaks.append((folded_len, index))
                out.append(cluster)
                folded_len += len(cluster)
                breaks.append((folded_len, cluster_end))
            else:
                out.append(cluster)
                folded_len += len(cluster)
            index = cluster_end

    for match in _SPECIAL.finditer(text):
        emit_plain(pos, match.start())
        run = match.group(0)
        if run[0] in _DROPPED:
            breaks.append((folded_len, match.end()))
        elif run == " ":
            out.append(" ")
            folded_len += 1
        else:
            out.append(" ")
            folded_len += 1
            breaks.append((folded_len, match.end()))
            # the space itself maps to the first character of the run
            breaks.insert(len(breaks) - 1, (folded_len - 1, match.start()))
        pos = match.end()
    emit_plain(pos, len(text))
    return FoldedText("".join(out), breaks, text)
