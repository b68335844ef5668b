"""Decide what a path is (pack folder, pack.toml, raw article) and load it for reading."""

from __future__ import annotations

__all__ = ["Opened", "kept_entry", "open_for_reading", "pack_from_raw"]

import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import NamedTuple

from reader.model import ArticleMeta, Claim, Pack
from reader.pack import find_pack_file
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
    """What the reader opens: a pack, the problems found, (for a book whose claims are
    placed in the background) the function that places them, and (for a pack just loaded)
    the function that keeps it for next time, given the pack with its claims placed and
    every problem found: call it once the reader is up, in a thread, as it writes a file."""

    pack: Pack
    problems: list[Problem]
    place_claims: Callable[[], tuple[tuple[Claim, ...], list[Problem]]] | None = None
    remember: Callable[[Pack, list[Problem]], None] | None = None


_FILE_KEY = re.compile(r"""^[ \t]*file[ \t]*=[ \t]*["']([^"'\n]{1,300})["']""", re.MULTILINE)
_TITLE_KEY = re.compile(r"""^[ \t]*title[ \t]*=[ \t]*["']([^"'\n]{1,300})["']""", re.MULTILINE)


def _article_of_broken_pack(pack_file: Path, problems: list[Problem]) -> Opened | None:
    """The article of a pack that cannot be loaded, shown without claims, or None.

    The pack's ``file`` key is read from its text even when the TOML is broken; failing
    that, a lone ``article.md`` beside it is used. The article must stay inside the pack
    folder, like a working pack's.
    """
    from reader.pack.load import MAX_PACK_BYTES, article_in_folder, load_article

    folder = pack_file.parent
    names: list[str] = []
    title = ""
    try:
        if pack_file.is_file() and pack_file.stat().st_size <= MAX_PACK_BYTES:
            head = pack_file.read_bytes().decode("utf-8", errors="replace")
            names += [m.group(1) for m in _FILE_KEY.finditer(head)][:3]
            found_title = _TITLE_KEY.search(head)
            title = found_title.group(1) if found_title else ""
    except OSError:
        pass
    names.append("article.md")
    for name in names:
        candidate = article_in_folder(folder, name)
        try:
            if candidate is None or not candidate.is_file():
                continue
        except OSError:  # a folder we may not look into: there is no article to show
            continue
        try:
            article, article_problems = load_article(candidate)
        except ReaderError:
            continue
        note = Problem(
            "warning",
            "the pack has errors, so the article is shown without its fact checks; "
            f"run `lateral check {folder}` to list them",
            str(pack_file),
            code="article-only",
        )
        meta = ArticleMeta(title=title or folder.name, file=name)
        pack = Pack(meta=meta, article=article, sources={}, footnote_cards={}, claims=(),
                    path=pack_file)
        return Opened(pack, [*problems, *article_problems, note])
    return None


def _is_pack(path: Path) -> bool:
    return path.is_dir() or path.name == "pack.toml" or path.suffix == ".toml"


def kept_entry(path: Path, cache: Path) -> bytes | None:
    """The pack at ``path`` as kept in ``cache`` and still current, not yet unpickled (see
    :func:`reader.pack.cache.unpack`), or None."""
    if not _is_pack(path):
        return None
    from reader.pack import cache as pack_cache

    fingerprint = pack_cache.take_fingerprint(find_pack_file(path))
    return None if fingerprint is None else pack_cache.recall_entry(cache, fingerprint)


def open_for_reading(
    path: Path, *, defer_anchoring: bool = False, cache: Path | None = None
) -> Opened:
    """Load ``path`` for the reader. Raises :class:`ReaderError` when it cannot be shown.

    With ``cache`` (a folder), a pack loaded before and unchanged since is read from there
    (see :mod:`reader.pack.cache`), and a pack loaded now comes with ``remember``.
    """
    if _is_pack(path):
        fingerprint = None
        if cache is not None:
            from reader.pack import cache as pack_cache

            fingerprint = pack_cache.take_fingerprint(find_pack_file(path))
            kept = pack_cache.recall(cache, fingerprint) if fingerprint is not None else None
            if kept is not None:
                return Opened(*kept)
        from reader.pack.load import load_pack

        result = load_pack(path, defer_anchoring=defer_anchoring)
        errors = [p for p in result.problems if p.severity == "error"]
        if result.pack is not None:
            # Claims and cards with errors are left out; the rest is shown, with the problems.
            remember = None
            if cache is not None and fingerprint is not None:
                remember = partial(pack_cache.remember, cache, fingerprint)
            return Opened(result.pack, result.problems, result.place_claims, remember)
        problems = result.problems or [
            Problem("error", "the pack could not be loaded", str(path))
        ]
        if errors and result.pack_file is not None:
            fallback = _article_of_broken_pack(result.pack_file, problems)
            if fallback is not None:
                return fallback
        raise ReaderError(problems)
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
