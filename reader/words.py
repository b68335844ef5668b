"""Counts in words: "1 claim", "2 claims", never "1 claims"."""

from __future__ import annotations

__all__ = ["counted"]


def counted(count: int, word: str, plural: str | None = None) -> str:
    """``count`` and ``word``, the word in the plural unless the count is one."""
    return f"{count} {word if count == 1 else (plural or word + 's')}"
