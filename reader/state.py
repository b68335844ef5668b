"""The reader's own state between runs: where each pack was left, the chosen theme.

Stored as ``state.toml`` in the user data folder. The position is kept as the sentence's
offset and its first words, so it still finds the sentence after the article is edited.
"""

from __future__ import annotations

__all__ = ["Position", "ReaderState", "load_state", "save_state"]

from pathlib import Path
from typing import Any, NamedTuple

import tomli

from reader.model import Article
from reader.pack.anchor import Anchorer
from reader.storage import atomic_write_bytes, data_dir

STATE_FILE = "state.toml"


RECENT_KEPT = 10  # packs opened by path that the library lists


class Position(NamedTuple):
    offset: int
    quote: str
    progress: int | None = None  # percent read, as the status line says it (None: unknown)

    @classmethod
    def of_sentence(cls, article: Article, index: int) -> Position:
        sentence = article.sentences[index]
        count = len(article.sentences)
        progress = 100 if count <= 1 else round(100 * index / (count - 1))
        return cls(
            sentence.start,
            article.text[sentence.start : min(sentence.end, sentence.start + 60)],
            progress,
        )

    def resolve(self, article: Article) -> int | None:
        """The sentence this position points at, or None if its text is gone."""
        if not article.sentences or not self.quote:
            return None
        anchor = Anchorer(article.text).anchor(self.quote, hint=self.offset)
        if anchor.found:
            return article.sentence_at(anchor.start)
        if anchor.status == "ambiguous" and anchor.candidates:
            nearest = min(anchor.candidates, key=lambda c: abs(c[0] - self.offset))
            return article.sentence_at(nearest[0])
        return None


class ReaderState:
    """Positions by pack, the chosen theme, and the file they are kept in (None: not saved)."""

    __slots__ = ("path", "positions", "recent", "theme")

    def __init__(
        self,
        positions: dict[str, Position] | None = None,
        theme: str | None = None,
        path: Path | None = None,
    ) -> None:
        self.positions: dict[str, Position] = positions if positions is not None else {}
        self.theme = theme
        self.path = path
        self.recent: list[str] = []  # folders of packs opened by their path, newest first

    def opened(self, folder: Path) -> None:
        """Remember that the pack in ``folder`` was opened, for the library's recent list."""
        name = str(folder)
        self.recent = [name, *[f for f in self.recent if f != name]][:RECENT_KEPT]

    def as_toml(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.theme:
            data["theme"] = self.theme
        if self.recent:
            data["recent"] = list(self.recent)
        data["positions"] = {
            key: {"offset": pos.offset, "quote": pos.quote}
            | ({"progress": pos.progress} if pos.progress is not None else {})
            for key, pos in self.positions.items()
        }
        return data


def load_state(folder: Path | None = None) -> ReaderState:
    """Read the state; an unreadable file gives an empty state (and is never overwritten)."""
    path = (folder or data_dir()) / STATE_FILE
    state = ReaderState(path=path)
    try:
        raw = tomli.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return state
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError, RecursionError):
        state.path = None  # do not save over a file we could not read
        return state
    theme = raw.get("theme")
    if isinstance(theme, str):
        state.theme = theme
    recent = raw.get("recent")
    if isinstance(recent, list):
        state.recent = [f for f in recent if isinstance(f, str)][:RECENT_KEPT]
    positions = raw.get("positions")
    if isinstance(positions, dict):
        for key, value in positions.items():
            if not isinstance(value, dict):
                continue
            offset, quote = value.get("offset"), value.get("quote")
            progress = value.get("progress")
            if isinstance(offset, int) and isinstance(quote, str):
                state.positions[key] = Position(
                    offset, quote, progress if isinstance(progress, int) else None
                )
    return state


def save_state(state: ReaderState) -> bool:
    """Write the state atomically; returns False (and raises nothing) if it cannot be saved."""
    if state.path is None:
        return False
    import tomli_w  # only when saving, which is never on the way to the first screen

    data = tomli_w.dumps(state.as_toml()).encode("utf-8")
    try:
        atomic_write_bytes(state.path, data, backup=False)
    except OSError as exc:  # a place not remembered is no loss of the student's work
        from reader import debuglog

        debuglog.record(f"the reading positions could not be saved to {state.path}", exc)
        return False
    return True
