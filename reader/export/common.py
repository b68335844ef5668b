"""What every export shares: claim numbers, verdict words, the student's work per claim."""

from __future__ import annotations

__all__ = ["ExportContext", "article_pieces", "verdict_words"]

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

    @classmethod
    def build(
        cls, pack: Pack, work: StudentWork | None = None, today: dt.date | None = None
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
        )

    def guess_for(self, claim: Claim) -> Guess | None:
        return self.work.guesses.get(claim.id) if self.work is not None else None

    def notes_for(self, claim: Claim) -> list[StudentNote]:
        found: list[StudentNote] = []
        for sentence in claim.sentences:
            found.extend(self.notes_by_sentence.get(sentence, []))
        return found


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
