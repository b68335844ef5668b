"""Decide what a path is (pack folder, pack.toml, raw article) and load it for reading."""

from __future__ import annotations

__all__ = ["Opened", "open_for_reading", "pack_from_raw"]

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from reader.model import ArticleMeta, Claim, Pack
from reader.pack.load import load_pack
from reader.problems import Problem, ReaderError

_ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".text")


def pack_from_raw(path: Path) -> tuple[Pack, list[Problem]]:
    """Import a raw article in memory: its footnotes are shown, it has no claims."""
    from reader.importer import import_text
    from reader.text.article import read_text_file

    raw = read_text_file(path)
    imported = import_text(raw, source_name=path.name)
    meta = ArticleMeta(
        title=imported.report.title,
        file=path.name,
        publisher=imported.report.publisher,
    )
    article = imported.article
    problems = [
        Problem(p.severity, p.message, str(path), None, None, p.code)
        for p in imported.report.problems
    ]
    pack = Pack(meta=meta, article=article, sources={}, footnote_cards={}, claims=(), path=None)
    return pack, problems


class Opened(NamedTuple):
    """What the reader opens: a pack, the problems found, and (for a book whose claims are
    placed in the background) the function that places them."""

    pack: Pack
    problems: list[Problem]
    place_claims: Callable[[], tuple[tuple[Claim, ...], list[Problem]]] | None = None


def open_for_reading(path: Path, *, defer_anchoring: bool = False) -> Opened:
    """Load ``path`` for the reader. Raises :class:`ReaderError` when it cannot be shown."""
    if path.is_dir() or path.name == "pack.toml" or path.suffix == ".toml":
        result = load_pack(path, defer_anchoring=defer_anchoring)
        errors = [p for p in result.problems if p.severity == "error"]
        if result.pack is None or errors:
            raise ReaderError(
                result.problems or [Problem("error", "the pack could not be loaded", str(path))]
            )
        return Opened(result.pack, result.problems, result.place_claims)
    if not path.exists():
        raise ReaderError([Problem("error", "no such file or folder", str(path), code="read")])
    if path.suffix.lower() not in _ARTICLE_SUFFIXES:
        raise ReaderError(
            [
                Problem(
                    "error",
                    "expected a pack folder, a pack.toml, or a .txt/.md article",
                    str(path),
                    code="read",
                )
            ]
        )
    return Opened(*pack_from_raw(path))
