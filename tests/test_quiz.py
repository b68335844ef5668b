"""What the quiz says about the student's guesses, and what it keeps hidden."""

from __future__ import annotations

from reader.model import Pack
from reader.notes import Guess
from reader.quiz import CALIBRATION_GUESSES, NOT_GUESSED, summarise, verdict_mark


def _guesses(pack: Pack, levels: list[str], right: list[bool]) -> dict[str, Guess]:
    claims = [c for c in pack.claims if c.verdict is not None]
    wrong = {c.id: next(v.id for v in pack.scale.verdicts if v.id != c.verdict) for c in claims}
    return {
        claim.id: Guess(claim.id, (claim.verdict or "") if ok else wrong[claim.id], level, "why")
        for claim, level, ok in zip(claims, levels, right, strict=False)
    }


def test_three_guesses_say_nothing_about_calibration_but_how_many_it_takes(bundled: Pack) -> None:
    pack = bundled
    result = summarise(pack, _guesses(pack, ["low", "high", "high"], [False, True, True]))
    said = result.calibration()
    assert "matched" not in said and "did not match" not in said
    assert f"{CALIBRATION_GUESSES} guesses" in said and "you have 3" in said


def test_enough_guesses_at_two_levels_are_compared(bundled: Pack) -> None:
    pack = bundled
    levels = ["low"] * 5 + ["high"] * 5
    right = [False, False, False, True, False] + [True] * 5
    said = summarise(pack, _guesses(pack, levels, right)).calibration()
    assert said.startswith("Your confidence matched your results")
    # Ten guesses, but all at one level: nothing to compare.
    said = summarise(pack, _guesses(pack, ["high"] * 10, [True] * 10)).calibration()
    assert said.startswith("Too few guesses")


def test_a_hidden_verdict_is_marked_not_guessed(bundled: Pack) -> None:
    pack = bundled
    claim = next(c for c in pack.claims if c.verdict is not None)
    verdict = pack.scale.get(claim.verdict)
    assert verdict is not None
    assert verdict_mark(pack, claim) == f"{verdict.glyph} {verdict.label}"
    assert verdict_mark(pack, claim, {claim.id}) == NOT_GUESSED
