"""The reader's status line: where the cursor is among the claims, how far through, the quiz
and the search, in one line of plain text."""

from __future__ import annotations

__all__ = ["status_line"]

from collections.abc import Container

from reader.navigation import Navigator
from reader.search import SearchState


def status_line(
    navigator: Navigator,
    sentence: int,
    *,
    placing_claims: bool = False,
    quiz_guesses: Container[str] | None = None,
    search: SearchState | None = None,
) -> str:
    """The status for the cursor on ``sentence``; ``quiz_guesses``: the ids of the claims
    guessed, in a quiz (None: not in a quiz)."""
    total = navigator.claim_count
    parts = []
    if total:
        parts.append(navigator.where(sentence))
    elif placing_claims:
        parts.append("placing claims…")
    else:
        parts.append("no claims")
    parts.append(f"{navigator.progress(sentence)}%")
    if quiz_guesses is not None and total:
        guessed = sum(1 for claim in navigator.placed_claims if claim.id in quiz_guesses)
        parts.append(f"quiz {guessed}/{total}")
    searching = search.status() if search is not None else None
    if searching:
        parts.append(searching)
    return " · ".join(parts)
