"""Load a pack (``pack.toml`` plus its article) and report every problem at once.

Loading never raises for bad input: it returns what could be loaded and a list of
:class:`~reader.problems.Problem`, each naming the file, line and column. A broken entry is
skipped and the rest still loads.

The tables are checked in the order below, each by its own module: the top table and format
(:mod:`~reader.pack.top_table`), ``[article]`` and the article file
(:mod:`~reader.pack.article_table`), ``[verdicts]``, ``[[sources]]``, ``[footnotes]``
(:mod:`~reader.pack.footnote_cards`) and ``[[claims]]``; then the claims are placed in the
article (:mod:`~reader.pack.placing`).
"""

from __future__ import annotations

__all__ = [
    "DEFER_ANCHORING_ABOVE",
    "MAX_PACK_BYTES",
    "MAX_QUOTE_WORDS",
    "ArticleLoader",
    "LoadResult",
    "article_in_folder",
    "find_pack_file",
    "load_article",
    "load_pack",
    "load_pack_text",
]

from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.gcpolicy import paused_gc
from reader.model import Article, Claim, Pack
from reader.pack import find_pack_file
from reader.pack.article_table import (
    article_file,
    article_in_folder,
    check_article_table,
    load_article,
    read_article,
)
from reader.pack.checker import Checker
from reader.pack.claims import MAX_QUOTE_WORDS, check_claims
from reader.pack.footnote_cards import check_footnote_cards, uncarded_notes
from reader.pack.placing import place_claims as _place_claims
from reader.pack.positions import PositionIndex
from reader.pack.sources import check_outlets, check_sources
from reader.pack.toml_file import MAX_PACK_BYTES, parse_toml, read_pack_source
from reader.pack.top_table import check_top_table
from reader.pack.verdicts import check_verdicts
from reader.problems import Problem, ReaderError, has_errors

DEFER_ANCHORING_ABOVE = 1_000_000  # characters of article text


class LoadResult:
    """A loaded pack (None if it could not be loaded) and every problem found."""

    __slots__ = ("article_file", "pack", "pack_file", "place_claims", "problems")

    def __init__(self, pack: Pack | None, pack_file: Path | None = None) -> None:
        self.pack = pack
        self.problems: list[Problem] = []
        self.pack_file = pack_file
        self.article_file: Path | None = None
        # With deferred anchoring: places the pack's claims in the article and returns
        # them, sorted, with the problems found doing so. Safe to run in a worker thread.
        self.place_claims: Callable[[], tuple[tuple[Claim, ...], list[Problem]]] | None = None

    @property
    def ok(self) -> bool:
        return self.pack is not None and not has_errors(self.problems)


def load_pack(path: Path, *, defer_anchoring: bool = False) -> LoadResult:
    """Load ``path`` (a pack folder or its ``pack.toml``); never raises for bad input.

    With ``defer_anchoring``, a long article's claims are returned unplaced (their anchor
    status is ``pending``) and ``result.place_claims`` places them: the reader shows the
    first screen of a book first and places its claims in the background.
    """
    pack_file = find_pack_file(path)
    try:
        source = read_pack_source(pack_file, str(pack_file))
    except ReaderError as exc:
        result = LoadResult(None, pack_file=pack_file)
        result.problems.extend(exc.problems)
        return result
    return load_pack_text(source, pack_file, defer_anchoring=defer_anchoring)


ArticleLoader = Callable[[Path, str, str], tuple[Article, list[Problem]]]


def load_pack_text(
    source: str,
    pack_file: Path,
    *,
    defer_anchoring: bool = False,
    article_loader: ArticleLoader = load_article,
) -> LoadResult:
    """Load the pack whose ``pack.toml`` holds ``source`` (not read from disk: the text being
    edited), its article read from beside ``pack_file``; never raises for bad input.

    ``article_loader`` reads and parses the article (path, language, name shown): an editor
    that checks the pack at every change passes one that keeps the parsed article.
    """
    shown = str(pack_file)
    result = LoadResult(None, pack_file=pack_file)
    with paused_gc():  # what is built here is kept (see reader.gcpolicy)
        try:
            data = parse_toml(source, shown)
        except ReaderError as exc:
            result.problems.extend(exc.problems)
            return result
        checker = Checker(shown, PositionIndex(source))
        _build(data, pack_file, checker, result, defer_anchoring, article_loader)
    result.problems[:0] = checker.problems
    return result


def _build(
    data: dict[str, Any],
    pack_file: Path,
    checker: Checker,
    result: LoadResult,
    defer_anchoring: bool = False,
    article_loader: ArticleLoader = load_article,
) -> None:
    """Check the tables in order and set ``result.pack``, unless the pack cannot be read as a
    whole (another format, no usable ``[article]``, or an article file that cannot be read).

    The checker's problems come first in the result; the article's own problems and the
    notes with no footnote card follow them.
    """
    top = check_top_table(checker, data)
    if top is None:
        return
    meta = check_article_table(checker, top)
    if meta is None:
        return
    article_path = article_file(checker, meta, pack_file.parent)
    if article_path is None:
        return
    result.article_file = article_path
    loaded = read_article(checker, meta, article_path, article_loader)
    if loaded is None:
        return
    article, article_problems = loaded
    result.problems.extend(article_problems)

    scale = check_verdicts(checker, top.get("verdicts"))
    outlets = check_outlets(checker, top.get("outlets", []) or [])
    sources = check_sources(checker, top.get("sources", []) or [], outlets)
    footnotes_data = top.get("footnotes", {}) or {}
    cards = check_footnote_cards(checker, footnotes_data, article, sources)
    result.problems.extend(uncarded_notes(article, article_path, footnotes_data))
    claims, pending = check_claims(checker, top.get("claims", []) or [], scale, sources)
    sources.report_unused(checker)

    def place_claims() -> tuple[tuple[Claim, ...], list[Problem]]:
        first_new = len(checker.problems)
        placed = _place_claims(claims, pending, article, article_path, checker)
        return placed, checker.problems[first_new:]

    if defer_anchoring and len(article.text) > DEFER_ANCHORING_ABOVE:
        final_claims = tuple(claims)
        result.place_claims = place_claims
    else:
        final_claims, _ = place_claims()
    result.pack = Pack(
        meta=meta,
        article=article,
        sources=sources.by_id,
        footnote_cards=cards,
        claims=final_claims,
        scale=scale,
        path=pack_file,
    )
