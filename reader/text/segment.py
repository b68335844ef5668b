"""Sentence segmentation with exact offsets.

The segmenter is ``sentencex`` (pinned in ``pyproject.toml``), called once per block, with a
small wrapper:

* unusual spaces (NBSP, thin space, ...) are turned into ASCII spaces one for one before the
  call, so offsets do not move and a known panic in the library is avoided;
* the library can raise a Rust panic, which is a ``BaseException``; it is caught and the block
  falls back to the regex segmenter below;
* four post-rules, applied to either segmenter's output:

  R1. a span that ends in a bibliographic abbreviation ("vol.", "no.", "pp.", "p.", "fig.",
      ...) is merged with the next span when that starts with a digit ("vol. 2, no. 1");
  R2. an opening quote or bracket left at the end of a span moves to the next span
      (``Ambrosio. “`` | ``Congressional`` becomes ``Ambrosio.`` | ``“Congressional``);
  R3. footnote markers and closing punctuation that start a span belong to the previous
      span (``Karabakh[12]`` | ``.`` and ``hope.`` | ``[3] Next``);
  R4. a span with no letter or digit (a stray "." or "–") is merged into its neighbour.

Spans never include surrounding whitespace. Inside a block they are ordered, do not overlap,
and together cover every non-space character.

A quotation of several sentences is kept as one unit on purpose (the library is quote-aware);
claims anchor by quote, so a coarser sentence is harmless.
"""

from __future__ import annotations

__all__ = ["SEGMENTER_VERSION", "segment", "segmenter_id", "segmenter_name"]

import re
from collections.abc import Callable

_Segmenter = Callable[[str, str], list[tuple[int, int]]]

_SPACES = "\u00a0\u1680\u202f\u205f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B))
_SPACE_TABLE = {ord(char): " " for char in _SPACES}
_UNUSUAL_SPACE = re.compile("[" + _SPACES + "]")

try:  # pragma: no branch - exercised by the environment
    import sentencex as _sentencex

    SEGMENTER_VERSION: str | None = "sentencex"
except ImportError:  # no wheel for this platform: the regex segmenter is used everywhere
    _sentencex = None
    SEGMENTER_VERSION = None


_FALLBACK_VERSION = "1"  # the regex rules below; bump when they change what they split


def segmenter_id() -> tuple[str, str]:
    """The sentence splitter this process uses and its version, e.g. ("sentencex", "1.0.32").

    Kept packs are keyed on it (:mod:`reader.pack.cache`): the same article split by another
    splitter has other sentences, so a pack kept under one must not be read under the other.
    """
    if _sentencex is None:
        return ("regex", _FALLBACK_VERSION)
    return ("sentencex", _installed_version())


_version: list[str] = []


def _installed_version() -> str:
    """sentencex's version, from its ``.dist-info`` folder (importlib.metadata would cost
    start-up time); failing that, its file's size and time, which change on any upgrade."""
    if _version:
        return _version[0]
    from pathlib import Path

    assert _sentencex is not None and _sentencex.__file__ is not None
    module = Path(_sentencex.__file__).resolve()
    found = ""
    try:
        for entry in module.parent.parent.iterdir():
            name = entry.name
            if name.startswith("sentencex-") and name.endswith(".dist-info"):
                found = name[len("sentencex-") : -len(".dist-info")]
                break
    except OSError as exc:
        from reader import debuglog

        debuglog.record("the sentence splitter's version could not be read", exc)
    if not found:
        info = module.stat()
        found = f"unknown-{info.st_size}-{info.st_mtime_ns}"
    _version.append(found)
    return found


def segmenter_name() -> str:
    name, version = segmenter_id()
    if name == "sentencex":
        return f"sentencex {version} + rules"
    return "regex fallback + rules"


# A sentence ends at . ! ? (or …), optionally followed by closing quotes/brackets and footnote
# markers, then whitespace and something that can start a sentence.
_FALLBACK_BOUNDARY = re.compile(
    r"""[.!?…]+["”’)\]]*(?:\[(?:\d{1,3}|\^[^\]\s]+)\])*(?=\s+["“‘(\[]?[A-Z0-9\u0400-\u04FF\u0531-\u0556])"""
)
_FALLBACK_NO_SPLIT = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Inc|Ltd|Co|vs|etc|e\.g|i\.e|U\.S|U\.N|a\.m|p\.m|No|Fig)"
    r"|\b[A-Z])\.$"
)


def _fallback_spans(text: str, lang: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _FALLBACK_BOUNDARY.finditer(text):
        end = match.end()
        if _FALLBACK_NO_SPLIT.search(text[max(start, end - 8) : match.start() + 1]):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def _sentencex_spans(text: str, lang: str) -> list[tuple[int, int]]:
    assert _sentencex is not None
    normalized = text.translate(_SPACE_TABLE) if _UNUSUAL_SPACE.search(text) else text
    try:
        found = _sentencex.get_sentence_boundaries(lang, normalized)
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException as exc:  # a Rust panic is a BaseException; fall back for this block
        from reader import debuglog

        debuglog.record("sentencex failed on a block; the regex rules split it instead", exc)
        return _fallback_spans(text, lang)
    spans = [(int(item["start_index"]), int(item["end_index"])) for item in found]
    if not spans:
        return [(0, len(text))]
    return spans


_BIB_ABBREV = re.compile(
    r"(?<![\w.])(?:vol|vols|no|nos|pp|p|ch|chap|fig|figs|art|para|paras|sec|approx|ed|eds|"
    r"cf|ibid|op|cit|n|nn|col|cols|pt|pts|ser|suppl|tab|ill|repr|trans|rev)\.$",
    re.IGNORECASE,
)
_OPENERS = "“‘\"'([{«‹„‚"
_LEADING_ATTACH = re.compile(r"""(?:\[(?:\d{1,3}|\^[^\]\s]+|[a-z])\]|[.,;:!?…”’»›)\]])+""")
_HAS_WORD = re.compile(r"\w")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _apply_rules(text: str, raw: list[tuple[int, int]]) -> list[tuple[int, int]]:
    # Normalise: trimmed, contiguous, non-empty.
    spans: list[list[int]] = []
    for start, end in raw:
        s, e = _trim(text, start, end)
        if s < e:
            spans.append([s, e])
    if not spans:
        return []
    # R2: an opener left dangling at the end of a span moves to the next span.
    for i in range(len(spans) - 1):
        s, e = spans[i]
        cut = e
        while cut > s and text[cut - 1] in _OPENERS:
            cut -= 1
        if cut < e and cut > s:
            new_end = _trim(text, s, cut)[1]
            if new_end > s:
                spans[i][1] = new_end
                spans[i + 1][0] = cut
    merged: list[list[int]] = [spans[0]]
    for s, e in spans[1:]:
        prev = merged[-1]
        if text[s].isdigit() and _BIB_ABBREV.search(text, max(prev[0], prev[1] - 12), prev[1]):
            prev[1] = e  # R1
            continue
        lead = _LEADING_ATTACH.match(text, s, e)
        if lead is not None and lead.end() > s:  # R3
            prev[1] = lead.end()
            rest_start, rest_end = _trim(text, lead.end(), e)
            if rest_start < rest_end:
                merged.append([rest_start, rest_end])
            continue
        if not _HAS_WORD.search(text, s, e):  # R4
            prev[1] = e
            continue
        merged.append([s, e])
    # R4 for a leading span with no word: attach it to the following span.
    if len(merged) > 1 and not _HAS_WORD.search(text, merged[0][0], merged[0][1]):
        merged[1][0] = merged[0][0]
        merged.pop(0)
    return [(s, e) for s, e in merged]


def segment(
    text: str, start: int = 0, end: int | None = None, lang: str = "en"
) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into sentences; return spans as offsets into ``text``."""
    if end is None:
        end = len(text)
    chunk = text[start:end]
    if not chunk.strip():
        return []
    base: _Segmenter = _sentencex_spans if _sentencex is not None else _fallback_spans
    code = (lang or "en").split("-")[0].lower() or "en"
    raw = base(chunk, code)
    return [(s + start, e + start) for s, e in _apply_rules(chunk, raw)]
