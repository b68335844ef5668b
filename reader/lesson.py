"""A live lesson under ``lateral serve``: what the teacher has decided (verdicts held back
until revealed, claims closed to new guesses, the claim everyone is asked to look at), and
where each student's reader is.

Both travel through small files on the teacher's computer, never through the network: the
teacher's view writes ``lesson.json`` in the class folder (beside ``sessions/``) and each
served reader, told where it is by ``$LATERAL_LESSON``, reads it when it changes (it looks
twice a second). A student's browser has no way to write it. Each served reader writes
``progress.json`` in its own session folder (the claim it is on), which the teacher's view
reads; guesses are read from the session's notes file as they are saved.

Files are written whole and renamed into place, so a reader never sees half of one; a file
that cannot be read counts as "no decision yet" (every verdict shown as usual).
"""

from __future__ import annotations

__all__ = ["Lesson", "Progress", "lesson_file", "read_lesson", "read_progress",
           "write_lesson", "write_progress"]

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reader.environment import getenv

LESSON_FILE = "lesson.json"
PROGRESS_FILE = "progress.json"
MAX_FILE = 1_000_000


@dataclass(frozen=True)
class Lesson:
    """The teacher's decisions. ``paced``: every verdict stays hidden until revealed (all of
    them with ``all_revealed``); ``follow`` asks every reader to go to a claim, once per
    ``follow_count``."""

    paced: bool = False
    revealed: frozenset[str] = field(default_factory=frozenset)
    all_revealed: bool = False
    locked: frozenset[str] = field(default_factory=frozenset)
    follow: str | None = None
    follow_count: int = 0

    def shows_verdict(self, claim_id: str) -> bool:
        return not self.paced or self.all_revealed or claim_id in self.revealed

    def is_locked(self, claim_id: str) -> bool:
        return claim_id in self.locked

    def pace(self, on: bool) -> Lesson:
        return replace(self, paced=on)

    def reveal(self, claim_id: str | None) -> Lesson:
        """Reveal one claim, or every claim (None)."""
        if claim_id is None:
            return replace(self, all_revealed=True)
        return replace(self, revealed=self.revealed | {claim_id})

    def lock(self, claim_id: str, on: bool = True) -> Lesson:
        locked = self.locked | {claim_id} if on else self.locked - {claim_id}
        return replace(self, locked=locked)

    def follow_me(self, claim_id: str) -> Lesson:
        return replace(self, follow=claim_id, follow_count=self.follow_count + 1)

    def to_json(self) -> str:
        return json.dumps({
            "paced": self.paced, "revealed": sorted(self.revealed),
            "all_revealed": self.all_revealed, "locked": sorted(self.locked),
            "follow": self.follow, "follow_count": self.follow_count,
        })


def lesson_file(sessions: Path) -> Path:
    """Where the lesson's decisions are kept for the class whose sessions are in ``sessions``."""
    return sessions.parent / LESSON_FILE


def _strings(value: Any) -> frozenset[str]:
    return frozenset(v for v in value if isinstance(v, str)) if isinstance(value, list) \
        else frozenset()


def _number(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _read_object(path: Path) -> dict[str, Any] | None:
    """The JSON object in ``path``; None if it is missing, unreadable or not an object."""
    try:
        data = json.loads(path.read_bytes()[:MAX_FILE])
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def read_lesson(path: Path) -> Lesson:
    """The decisions in ``path``; no decision (``Lesson()``) if it is missing or unreadable."""
    data = _read_object(path)
    if data is None:
        return Lesson()
    follow = data.get("follow")
    return Lesson(
        paced=data.get("paced") is True,
        revealed=_strings(data.get("revealed")),
        all_revealed=data.get("all_revealed") is True,
        locked=_strings(data.get("locked")),
        follow=follow if isinstance(follow, str) else None,
        follow_count=_number(data.get("follow_count")) or 0,
    )


def _write(path: Path, text: str) -> None:
    from reader.storage import atomic_write_bytes

    atomic_write_bytes(path, text.encode("utf-8"), backup=False, durable=False)


def write_lesson(path: Path, lesson: Lesson) -> None:
    """Write the decisions for every reader to see (raises ``OSError``/``NotesError``)."""
    _write(path, lesson.to_json())


@dataclass(frozen=True)
class Progress:
    """Where one served reader is: the claim its cursor is on (None: between claims)."""

    claim: str | None
    number: int | None


def write_progress(folder: Path, progress: Progress) -> None:
    _write(folder / PROGRESS_FILE, json.dumps({"claim": progress.claim,
                                               "number": progress.number}))


def read_progress(folder: Path) -> Progress | None:
    data = _read_object(folder / PROGRESS_FILE)
    if data is None:
        return None
    claim = data.get("claim")
    return Progress(claim if isinstance(claim, str) else None, _number(data.get("number")))


def served_lesson_file() -> Path | None:
    """The lesson file of a reader served by ``lateral serve`` (None otherwise)."""
    from reader.serving.mode import in_served_reader

    value = getenv("LATERAL_LESSON")
    return Path(value) if value and in_served_reader() else None
