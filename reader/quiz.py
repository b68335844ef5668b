"""How a student's guesses compare with the reviewer's verdicts."""

from __future__ import annotations

__all__ = ["QuizSummary", "summarise"]

from collections.abc import Mapping
from itertools import pairwise
from typing import NamedTuple

from reader.model import Pack
from reader.notes import CONFIDENCE, Guess


class QuizSummary(NamedTuple):
    claims: int  # claims with a reviewer's verdict
    judged: int  # of those, how many the student guessed
    agreed: int
    by_confidence: dict[str, tuple[int, int]]  # confidence -> (guesses, agreed)
    missed: list[tuple[int, str, str, str]]  # (claim number, quote, guess, reviewer)

    @property
    def agreement(self) -> float | None:
        return self.agreed / self.judged if self.judged else None

    def calibration(self) -> str:
        """In plain words: did being surer go with being right more often?"""
        rates: list[tuple[str, float]] = []
        for level in CONFIDENCE:
            total, agreed = self.by_confidence[level]
            if total:
                rates.append((level, agreed / total))
        if len(rates) < 2:
            return "Guess with different levels of confidence to see how well they match."
        ordered = all(a[1] <= b[1] for a, b in pairwise(rates))
        if ordered:
            return "Your confidence matched your results: you were right more often when surer."
        return ("Your confidence did not match your results: being surer did not make you "
                "right more often. Look again at the claims you were sure about.")


def summarise(pack: Pack, guesses: Mapping[str, Guess]) -> QuizSummary:
    by_confidence = {level: (0, 0) for level in CONFIDENCE}
    judged = agreed = claims = 0
    missed: list[tuple[int, str, str, str]] = []
    for number, claim in enumerate(pack.claims, start=1):
        if claim.verdict is None:
            continue
        claims += 1
        guess = guesses.get(claim.id)
        if guess is None:
            continue
        judged += 1
        right = guess.verdict == claim.verdict
        agreed += right
        total, correct = by_confidence.get(guess.confidence, (0, 0))
        by_confidence[guess.confidence] = (total + 1, correct + right)
        if not right:
            missed.append((number, claim.quote, guess.verdict, claim.verdict))
    return QuizSummary(claims, judged, agreed, by_confidence, missed)
