"""The reader's data model: plain, immutable values with no behaviour beyond lookups.

They are named tuples rather than dataclasses: a dataclass is slow to create at import, and the
reader's start-up time is one of its targets (figures in ``benchmarks/README.md``).

Every offset is a code-point offset into :attr:`Article.text`, the canonical text of the
article file (see :mod:`reader.text.canonical`).
"""

from __future__ import annotations

__all__ = [
    "CLAIM_KINDS",
    "DEFAULT_SCALE",
    "SOURCE_KINDS",
    "STANCES",
    "STANCE_WORDS",
    "Account",
    "Anchor",
    "AnchorStatus",
    "Article",
    "ArticleMeta",
    "Block",
    "BlockKind",
    "Claim",
    "FootnoteCard",
    "FootnoteDefinition",
    "FootnoteMarker",
    "Pack",
    "Scale",
    "Sentence",
    "Source",
    "Verdict",
]

import bisect
import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, NamedTuple

BlockKind = Literal["heading", "paragraph", "note", "code"]
AnchorStatus = Literal["exact", "normalised", "ambiguous", "not_found", "pending"]

SOURCE_KINDS = (
    "court",
    "intergovernmental",
    "government",
    "state-media",
    "news",
    "ngo",
    "academic",
    "think-tank",
    "advocacy",
    "opinion",
    "other",
)
CLAIM_KINDS = (
    "statistic",
    "event",
    "characterisation",
    "quotation",
    "attribution",
    "prediction",
    "opinion",
)
STANCES = ("supports", "contradicts", "context", "disputes-framing")
# How the panel says each stance (a teacher may write these words by mistake).
STANCE_WORDS = {
    "supports": "supports",
    "contradicts": "contradicts",
    "context": "adds context",
    "disputes-framing": "disputes the framing",
}


class Block(NamedTuple):
    """A heading, a paragraph of the body, a fenced code block, or one note definition."""

    index: int  # type: ignore[assignment]  # the position, not tuple.index
    kind: BlockKind
    start: int  # first character of the block's source text
    end: int  # one past its last non-space character
    content_start: int  # first character shown (after a heading's "#"s)
    level: int = 0  # heading level, 1-6
    note_label: str | None = None  # for a note definition: its label ("3", "^a")


class Sentence(NamedTuple):
    index: int  # type: ignore[assignment]  # the position, not tuple.index
    block: int
    start: int
    end: int
    footnotes: tuple[str, ...] = ()  # labels of the markers inside it, in order


class FootnoteMarker(NamedTuple):
    label: str
    start: int  # the "[" of "[3]"
    end: int
    sentence: int


class FootnoteDefinition(NamedTuple):
    label: str
    text: str  # the note as written, label removed, lines joined
    start: int
    end: int
    urls: tuple[str, ...] = ()


class Article(NamedTuple):
    text: str
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...]
    markers: tuple[FootnoteMarker, ...]
    footnotes: Mapping[str, FootnoteDefinition]
    path: Path | None = None
    sentence_starts: tuple[int, ...] = ()  # for lookups by offset; set by `build`

    @classmethod
    def build(
        cls,
        text: str,
        blocks: tuple[Block, ...],
        sentences: tuple[Sentence, ...],
        markers: tuple[FootnoteMarker, ...],
        footnotes: Mapping[str, FootnoteDefinition],
        path: Path | None = None,
    ) -> Article:
        return cls(
            text, blocks, sentences, markers, footnotes, path, tuple(s.start for s in sentences)
        )

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence containing ``offset`` (or the one before a gap)."""
        if not self.sentences:
            return None
        index = bisect.bisect_right(self.sentence_starts, offset) - 1
        return max(index, 0)

    def footnote_labels(self, sentence: int) -> tuple[str, ...]:
        """The notes ``sentence`` cites; for a sentence of a note itself, that note."""
        if not self.sentences:
            return ()
        found = self.sentences[sentence]
        block = self.blocks[found.block]
        if block.kind == "note" and block.note_label:
            return (block.note_label,)
        return found.footnotes

    def sentences_overlapping(self, start: int, end: int) -> range:
        """Indices of the sentences that share at least one character with ``[start, end)``."""
        if not self.sentences:
            return range(0)
        first = bisect.bisect_right(self.sentence_starts, start) - 1
        if first < 0 or self.sentences[first].end <= start:
            first += 1
        last = bisect.bisect_left(self.sentence_starts, end) - 1
        return range(first, max(first, last + 1))

    def sentence_text(self, index: int) -> str:
        sentence = self.sentences[index]
        return self.text[sentence.start : sentence.end]

    @property
    def paragraph_count(self) -> int:
        return sum(1 for block in self.blocks if block.kind == "paragraph")


class Verdict(NamedTuple):
    id: str
    label: str
    glyph: str
    description: str = ""
    tone: str = "neutral"  # good | mixed | bad | neutral: how a theme colours it


class Scale(NamedTuple):
    verdicts: tuple[Verdict, ...]

    def get(self, verdict_id: str | None) -> Verdict | None:
        for verdict in self.verdicts:
            if verdict.id == verdict_id:
                return verdict
        return None

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(v.id for v in self.verdicts)


DEFAULT_SCALE = Scale(
    (
        Verdict(
            "supported",
            "Supported",
            "✔",
            "independent, reliable sources agree with the sentence as written",
            "good",
        ),
        Verdict(
            "needs-context",
            "Needs context",
            "◐",
            "accurate as far as it goes, but leaves out something that changes how a reader "
            "understands it",
            "mixed",
        ),
        Verdict(
            "misleading",
            "Misleading",
            "◬",
            "contains accurate parts but is framed or selected so that a reader is led to a "
            "wrong conclusion",
            "bad",
        ),
        Verdict(
            "disputed",
            "Disputed",
            "⇄",
            "reliable sources disagree, or the only sources are the parties themselves",
            "mixed",
        ),
        Verdict(
            "false",
            "False",
            "✘",
            "reliable sources show it is wrong (a wrong date, a wrong number, a misquote)",
            "bad",
        ),
        Verdict(
            "unverifiable",
            "Unverifiable",
            "?",
            "no reliable source could confirm or refute it",
            "neutral",
        ),
        Verdict(
            "opinion",
            "Opinion",
            "❝",
            "a value judgement or a prediction; what it assumes is explained, it is not rated",
            "neutral",
        ),
    )
)


class ArticleMeta(NamedTuple):
    title: str
    file: str
    author: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str = "en"

    def byline(self, *, author: bool = True) -> list[str]:
        """Who wrote it, who published it and when: the parts there are, in that order."""
        parts = (
            self.author if author else None,
            self.publisher,
            self.published.isoformat() if self.published else None,
        )
        return [part for part in parts if part]


class Source(NamedTuple):
    id: str
    title: str
    publisher: str | None = None
    date: dt.date | None = None
    url: str | None = None
    kind: str | None = None
    perspective: str | None = None  # with an outlet: the outlet's description, then the card's
    outlet: str | None = None  # the id of the [[outlets]] entry that describes the publisher


class FootnoteCard(NamedTuple):
    label: str
    source: str | None = None
    note: str | None = None


class Account(NamedTuple):
    source: str
    stance: str
    says: str
    quote: str | None = None


class Anchor(NamedTuple):
    status: AnchorStatus
    start: int = -1
    end: int = -1
    candidates: tuple[tuple[int, int], ...] = ()

    @property
    def found(self) -> bool:
        return self.status in ("exact", "normalised")


class Claim(NamedTuple):
    id: str
    quote: str
    anchor: Anchor
    prefix: str | None = None
    suffix: str | None = None
    kind: str | None = None
    verdict: str | None = None
    summary: str | None = None
    accounts: tuple[Account, ...] = ()
    notes: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    prompts: tuple[str, ...] = ()  # the pack's own prompts for guessing this claim
    sentences: range = range(0)  # the sentences the quote touches

    @property
    def reviewed(self) -> bool:
        return self.verdict is not None and self.summary is not None


class Pack(NamedTuple):
    meta: ArticleMeta
    article: Article
    sources: Mapping[str, Source]
    footnote_cards: Mapping[str, FootnoteCard]
    claims: tuple[Claim, ...]
    scale: Scale = DEFAULT_SCALE
    path: Path | None = None  # pack.toml, or None for an article opened on its own
