"""One numbering of claims, the same in the status line, the panel, the outline and the palette."""

from __future__ import annotations

from pathlib import Path

from reader.model import Pack
from reader.navigation import Navigator
from reader.status import status_line


def _sentence_with_claims(navigator: Navigator, count: int) -> int:
    return next(s for s, on in sorted(navigator.claims_at.items()) if len(on) >= count)


def test_a_sentence_with_several_claims_is_named_by_all_of_them(bundled: Pack) -> None:
    navigator = Navigator(bundled)
    sentence = _sentence_with_claims(navigator, 3)
    numbers = navigator.numbers_on(sentence)
    total = navigator.claim_count
    where = navigator.where(sentence)
    assert where == f"claims C{numbers[0]}–C{numbers[-1]} of {total}"
    # The numbers are the claims' places in reading order, as the outline and palette count.
    for number, claim in zip(numbers, navigator.claims_on(sentence), strict=True):
        assert navigator.placed_claims[number - 1] is claim
        assert navigator.number(claim) == number


def test_between_before_and_after_the_claims_are_said_in_words(bundled: Pack) -> None:
    navigator = Navigator(bundled)
    total = navigator.claim_count
    first = navigator.placed_claims[0].sentences[0]
    assert first > 0
    assert navigator.where(0) == f"next claim C1 of {total}"
    gaps = [s for s in range(first, navigator.sentence_count) if s not in navigator.claims_at]
    assert gaps
    for gap in gaps:
        before = navigator.claim_number(gap)
        expected = (
            f"after the last claim, C{total}"
            if before == total
            else f"between C{before} and C{before + 1} of {total}"
        )
        assert navigator.where(gap) == expected
        status = status_line(navigator, gap)
        assert "passed" not in status and "before claim" not in status
        assert status.startswith(expected + " · ")


def test_counts_are_in_words_and_progress_agrees_with_the_library(
    bundled: Pack, tmp_path: Path
) -> None:
    from reader.library import library
    from reader.state import Position, ReaderState
    from reader.storage import pack_key
    from reader.words import counted

    assert counted(1, "claim") == "1 claim" and counted(2, "note") == "2 notes"
    assert counted(0, "match", "matches") == "0 matches"
    navigator = Navigator(bundled)
    sentence = navigator.sentence_count // 3
    position = Position.of_sentence(bundled.article, sentence)
    assert position.progress == navigator.progress(sentence)
    assert bundled.path is not None
    key = pack_key(bundled.path, bundled.meta.title)
    state = ReaderState({key: position})
    entry = next(e for e in library(state, tmp_path) if e.title == bundled.meta.title)
    assert entry.progress == navigator.progress(sentence)
