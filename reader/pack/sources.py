"""The ``[[sources]]`` table: source cards, which accounts and footnote cards cite by id."""

from __future__ import annotations

__all__ = ["SourceCards", "check_sources"]

from typing import Any

from reader.model import Source
from reader.pack.checker import Checker, duplicate_id, entry_label, unknown_source
from reader.pack.positions import KeyPath


class SourceCards:
    """The pack's source cards by id, where each one is, and which ones are cited."""

    def __init__(self) -> None:
        self.by_id: dict[str, Source] = {}
        self.paths: dict[str, KeyPath] = {}
        self.cited: set[str] = set()

    def cite(self, checker: Checker, path: KeyPath, label: str, ref: str) -> bool:
        """Whether ``ref`` names a source card (then it counts as used); reported if not."""
        if ref not in self.by_id:
            unknown_source(checker, path, label, ref, self.by_id)
            return False
        self.cited.add(ref)
        return True

    def report_unused(self, checker: Checker) -> None:
        """Warn about each card that no account or footnote card cites."""
        for source_id, path in self.paths.items():
            if source_id not in self.cited:
                checker.warn(
                    path,
                    f'source "{source_id}" is never used by an account or a footnote card',
                    "unused-source",
                )


def check_sources(checker: Checker, entries: list[Any]) -> SourceCards:
    """The valid source cards; an entry with a bad required key or a reused id is skipped."""
    cards = SourceCards()
    for index, entry in enumerate(entries):
        path: KeyPath = ("sources", index)
        values = checker.table(entry, "source", path, entry_label("source", entry, index))
        if values is None or duplicate_id(checker, "source", values["id"], path, cards.paths):
            continue
        cards.by_id[values["id"]] = Source(
            values["id"],
            values["title"],
            values.get("publisher"),
            values.get("date"),
            values.get("url"),
            values.get("kind"),
            values.get("perspective"),
        )
    return cards
