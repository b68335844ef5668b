"""How a student's guesses compare with the reviewer's verdicts."""

from __future__ import annotations

__all__ = ["NOT_GUESSED", "QuizSummary", "summarise", "verdict_mark"]

from collections.abc import Container, Mapping
from itertools import pairwise
from typing import NamedTuple

from reader.model import Claim, Pack
from reader.notes import CONFIDENCE, Guess

NOT_GUESSED = "? not guessed"
CALIBRATION_GUESSES = 10  # guesses before confidence and results are compared at all
CALIBRATION_PER_LEVEL = 3  # ... with at least this many at each of two confidence levels


def verdict_mark(pack: Pack, claim: Claim, hidden: Container[str] = ()) -> str:
    """The claim's verdict as a list shows it ("◐ Needs context", "· Not reviewed"), or
    :data:`NOT_GUESSED` for a claim whose verdict the quiz hides (its id is in ``hidden``)."""
    if claim.id in hidden:
        return NOT_GUESSED
    verdict = pack.scale.get(claim.verdict)
    return f"{verdict.glyph} {verdict.label}" if verdict else "· Not reviewed"


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
        """In plain words: did being surer go with being right more often?

        Said only once there are enough guesses to say it honestly: at least
        :data:`CALIBRATION_GUESSES` in all, and :data:`CALIBRATION_PER_LEVEL` or more at each
        of two levels of confidence. Before that, it says how many more are needed.
        """
        levels = [
            (level, *self.by_confidence[level])
            for level in CONFIDENCE
            if self.by_confidence[level][0] >= CALIBRATION_PER_LEVEL
        ]
        if self.judged < CALIBRATION_GUESSES or len(levels) < 2:
            more = max(0, CALIBRATION_GUESSES - self.judged)
            wanted = (f"{CALIBRATION_GUESSES} guesses in all, with at least "
                      f"{CALIBRATION_PER_LEVEL} at two levels of confidence")
            so_far = f"you have {self.judged}" + (f", {more} to go" if more else "")
            return (f"Too few guesses yet to say whether your confidence matches your results: "
                    f"that takes {wanted} ({so_far}).")
        rates = [agreed / total for _, total, agreed in levels]
        if all(a <= b for a, b in pairwise(rates)):
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
