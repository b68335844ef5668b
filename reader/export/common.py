"""What every export shares: claim numbers, verdict words, the student's work per claim."""

from __future__ import annotations

__all__ = [
    "ExportContext",
    "FootnoteCheck",
    "agreement_words",
    "article_pieces",
    "footnote_checks",
    "verdict_words",
]

import datetime as dt
from typing import NamedTuple

from reader.model import Claim, Pack
from reader.notes import Guess, StudentNote
from reader.storage import pack_key
from reader.work import NotesPlacement, StudentWork


class ExportContext(NamedTuple):
    pack: Pack
    numbers: dict[str, int]  # claim id -> C-number in reading order
    work: StudentWork | None  # the student's work, when it is to be included
    notes_by_sentence: dict[int, list[StudentNote]]
    unanchored_notes: list[StudentNote]
    key: str
    today: dt.date
    quiz: bool = False  # a worksheet: the verdicts not yet guessed are left out

    @classmethod
    def build(
        cls,
        pack: Pack,
        work: StudentWork | None = None,
        today: dt.date | None = None,
        *,
        quiz: bool = False,
    ) -> ExportContext:
        numbers = {claim.id: n for n, claim in enumerate(pack.claims, start=1)}
        placed = work.placed(pack.article) if work is not None else NotesPlacement({}, [])
        return cls(
            pack,
            numbers,
            work,
            placed.by_sentence,
            placed.unanchored,
            pack_key(pack.path or pack.article.path, pack.meta.title),
            today or dt.date.today(),
            quiz,
        )

    def hidden(self, claim: Claim) -> bool:
        """Whether the claim's verdict, accounts and notes are left out (a worksheet)."""
        return self.quiz and self.guess_for(claim) is None

    def guess_for(self, claim: Claim) -> Guess | None:
        return self.work.guesses.get(claim.id) if self.work is not None else None

    def notes_for(self, claim: Claim) -> list[StudentNote]:
        found: list[StudentNote] = []
        for sentence in claim.sentences:
            found.extend(self.notes_by_sentence.get(sentence, []))
        return found


class FootnoteCheck(NamedTuple):
    """One of the article's footnotes with the reviewer's card on it, for the exports."""

    label: str
    text: str  # the footnote as the article gives it ("" if it has none)
    cited: str | None  # the cited item: publisher and title
    details: list[str]  # its kind, perspective, date
    url: str | None
    note: str | None  # the reviewer's note on the footnote


def footnote_checks(pack: Pack) -> list[FootnoteCheck]:
    """Every footnote that has a reviewer's card, in the article's order."""
    from reader.panel import source_details

    checks: list[FootnoteCheck] = []
    labels = list(pack.article.footnotes) + [
        label for label in pack.footnote_cards if label not in pack.article.footnotes
    ]
    for label in labels:
        card = pack.footnote_cards.get(label)
        if card is None:
            continue
        definition = pack.article.footnotes.get(label)
        source = pack.sources.get(card.source) if card.source else None
        cited = None
        if source is not None:
            name = source.publisher or source.title
            cited = f"{name} — {source.title}" if source.publisher and source.title else name
        checks.append(FootnoteCheck(
            label,
            definition.text if definition is not None else "",
            cited,
            source_details(source) if source is not None else [],
            source.url if source is not None else None,
            card.note or None,
        ))
    return checks


def agreement_words(guess: Guess, claim: Claim) -> str:
    """Whether the student's guess is the reviewer's verdict, as the exports say it."""
    if guess.verdict == claim.verdict:
        return "agrees with the reviewer"
    return "differs from the reviewer's verdict"


def verdict_words(pack: Pack, verdict_id: str | None) -> str:
    verdict = pack.scale.get(verdict_id)
    return f"{verdict.glyph} {verdict.label}" if verdict else "Not reviewed yet"


def article_pieces(pack: Pack) -> list[tuple[str, list[str | int]]]:
    """Each block as (kind, pieces): text, and claim numbers where each claim's quote ends.

    Whitespace runs are folded to one space, except in code blocks.
    """
    text = pack.article.text
    inserts: dict[int, list[int]] = {}
    for number, claim in enumerate(pack.claims, start=1):
        if claim.anchor.found:
            inserts.setdefault(claim.anchor.end, []).append(number)
    blocks: list[tuple[str, list[str | int]]] = []
    for block in pack.article.blocks:
        pieces: list[str | int] = []
        position = block.content_start
        for offset in sorted(o for o in inserts if block.content_start < o <= block.end):
            pieces.append(text[position:offset])
            pieces.extend(inserts[offset])
            position = offset
        pieces.append(text[position : block.end])
        if block.kind != "code":
            pieces = _fold_spaces(pieces)
        blocks.append((block.kind, pieces))
    return blocks


def _fold_spaces(pieces: list[str | int]) -> list[str | int]:
    folded: list[str | int] = []
    for index, piece in enumerate(pieces):
        if isinstance(piece, int):
            folded.append(piece)
            continue
        words = piece.split()
        joined = " ".join(words)
        if words and piece[:1].isspace() and index:
            joined = " " + joined
        if words and piece[-1:].isspace() and index < len(pieces) - 1:
            joined += " "
        folded.append(joined)
    return folded
