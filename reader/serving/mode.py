"""Whether this process is a reader served to a browser, and how it was served."""

from __future__ import annotations

__all__ = ["in_served_reader", "quiz_locked", "served_session"]

import os

from reader.environment import getenv


def in_served_reader() -> bool:
    """Whether this process is a reader that ``lateral serve`` started for a browser."""
    return bool(os.environ.get("LATERAL_SERVED")) or "web" in os.environ.get(
        "TEXTUAL_DRIVER", "").lower()


def quiz_locked() -> bool:
    """Whether the teacher served this reader as a quiz (``serve --quiz``): then the quiz
    cannot be turned off from the reader."""
    return in_served_reader() and getenv("LATERAL_QUIZ") == "1"


def served_session() -> str | None:
    """The session code of a reader served by ``lateral serve`` (None otherwise)."""
    from reader.serving.access import session_code

    code = getenv("LATERAL_SESSION")
    return session_code(code) if code and in_served_reader() else None
