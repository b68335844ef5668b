"""A served reader in a live lesson: it follows the teacher's decisions (``lesson.json``, read
when it changes, twice a second) and tells the teacher's view which claim it is on
(``progress.json`` in its session folder). See :mod:`reader.lesson`."""

from __future__ import annotations

__all__ = ["LiveLesson"]

from pathlib import Path
from typing import Any

from reader import debuglog
from reader.lesson import Lesson, Progress, read_lesson, write_progress
from reader.text.sanitize import sanitize_line

LOOK_EVERY = 0.5  # seconds between looks at the lesson file


class LiveLesson:
    """The reader's side of a live lesson, for ``app`` (the reader's app: it has
    ``session``, ``set_interval``, ``notify``, ``claim_name`` and ``follow_claim``)."""

    def __init__(self, app: Any, lesson_file: Path, session_folder: Path) -> None:
        self.app = app
        self.lesson_file = lesson_file
        self.session_folder = session_folder
        self._signature: tuple[int, int] | None = None
        self._follows_seen: int | None = None  # follow requests made before this reader opened
        self._claim_written: tuple[str | None, int | None] | None = None

    def start(self) -> None:
        self.look()
        self.app.set_interval(LOOK_EVERY, self.look, name="live-lesson")

    def look(self) -> None:
        try:
            stat = self.lesson_file.stat()
            signature = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            signature = (0, 0)
        if signature == self._signature:
            return
        self._signature = signature
        lesson = read_lesson(self.lesson_file) if signature != (0, 0) else Lesson()
        session = self.app.session
        before = session.lesson
        if lesson != before:
            session.set_lesson(lesson)
            self._tell_what_changed(before, lesson)
        if self._follows_seen is None:
            self._follows_seen = lesson.follow_count
        elif lesson.follow_count > self._follows_seen and lesson.follow is not None:
            self._follows_seen = lesson.follow_count
            self.app.follow_claim(lesson.follow)

    def _tell_what_changed(self, before: Lesson, now: Lesson) -> None:
        """Say what the teacher just did, for a student who is not looking at the panel."""
        if now.paced and not before.paced:
            self.app.notify("Your teacher will reveal each verdict when the class has guessed.",
                            timeout=5)
        elif now.paced and now.all_revealed and not before.all_revealed:
            self.app.notify("Your teacher revealed every verdict.", timeout=5)
        elif now.paced:
            for claim_id in sorted(now.revealed - before.revealed):
                self.app.notify(sanitize_line(f"Your teacher revealed the verdict of "
                                              f"{self.app.claim_name(claim_id)}."), timeout=5)
        for claim_id in sorted(now.locked - before.locked):
            self.app.notify(sanitize_line(f"Guessing on {self.app.claim_name(claim_id)} is "
                                          "closed."), timeout=5)

    def moved(self, claim: str | None, number: int | None) -> None:
        """The reader's cursor moved: tell the teacher's view when the claim changed."""
        if self._claim_written == (claim, number):
            return
        self._claim_written = (claim, number)
        try:
            write_progress(self.session_folder, Progress(claim, number))
        except Exception as exc:
            debuglog.record("the reader's place could not be written for the teacher", exc)
