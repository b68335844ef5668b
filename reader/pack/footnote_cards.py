"""The ``[footnotes]`` table: the reviewer's card for each note in the article's notes list."""

from __future__ import annotations

__all__ = ["check_footnote_cards", "uncarded_notes"]

import re
from pathlib import Path
from typing import Any

from reader.model import Article, FootnoteCard
from reader.pack.checker import Checker
from reader.pack.positions import KeyPath
from reader.pack.schema import type_name
from reader.pack.sources import SourceCards
from reader.problems import Problem
from reader.text.canonical import LineIndex
from reader.text.sanitize import sanitize_line


def check_footnote_cards(
    checker: Checker, footnotes_data: dict[str, Any], article: Article, sources: SourceCards
) -> dict[str, FootnoteCard]:
    """The valid cards by note label; each must name a note the article has."""
    cards: dict[str, FootnoteCard] = {}
    for label_key, entry in footnotes_data.items():
        card = _card(checker, label_key, entry, article, sources)
        if card is not None:
            cards[label_key] = card
    return cards


def _card(
    checker: Checker, label_key: str, entry: Any, article: Article, sources: SourceCards
) -> FootnoteCard | None:
    path: KeyPath = ("footnotes", label_key)
    label = f"footnote card [{sanitize_line(label_key)}]"
    if not isinstance(entry, dict):
        checker.error(path, f"{label}: expected a table, got {type_name(entry)}", "type")
        return None
    values = checker.table(entry, "footnote", path, label)
    if values is None:
        return None
    if label_key not in article.footnotes:
        known = ", ".join(f"[{k}]" for k in article.footnotes) or "none"
        checker.error(
            path,
            f"{label}: the article has no note [{sanitize_line(label_key)}] (its notes: {known})",
            "unknown-footnote",
            key=True,
        )
        return None
    source_ref = values.get("source")
    if source_ref is not None and not sources.cite(checker, (*path, "source"), label, source_ref):
        source_ref = None
    if not values.get("note"):
        checker.warn(
            path,
            f"{label}: no note yet (say what the cited item is and whether "
            "it supports the sentence)",
            "footnote-no-note",
        )
    return FootnoteCard(label_key, source_ref, values.get("note"))


def uncarded_notes(
    article: Article, article_path: Path, footnotes_data: dict[str, Any]
) -> list[Problem]:
    """A warning, at the note in the article, for each note with no ``[footnotes.<label>]``."""
    problems: list[Problem] = []
    lines: LineIndex | None = None
    for label_key, definition in article.footnotes.items():
        if label_key in footnotes_data:
            continue
        if lines is None:
            lines = LineIndex(article.text)
        line, col = lines.line_col(definition.start)
        problems.append(
            Problem(
                "warning",
                f"note [{sanitize_line(label_key)}] has no footnote card in "
                f"the pack (add [footnotes.{_toml_key(label_key)}])",
                str(article_path),
                line,
                col,
                "footnote-no-card",
            )
        )
    return problems


def _toml_key(label: str) -> str:
    return label if re.fullmatch(r"[A-Za-z0-9_-]+", label) else f'"{label}"'
